import type { Knex } from 'knex';
import type { Logger } from './logger.js';

/**
 * Every event that crosses plugins, with its payload. A plugin that emits an
 * event adds it here by declaration merging:
 *
 *   declare module '../../core/events.js' {
 *     interface EventMap { 'order.completed': { orderId: number; userId: number } }
 *   }
 */
export interface EventMap {
  'plugins.changed': { enabled: string[]; disabled: string[] };
}

export type EventName = keyof EventMap;

export interface EventMeta {
  /** The request that caused the event, so a failing handler's log line leads back to it. */
  requestId?: string;
}

export type EventHandler<E extends EventName> = (payload: EventMap[E], meta: EventMeta) => Promise<void> | void;

interface Subscription {
  plugin: string;
  handler: (payload: unknown, meta: EventMeta) => Promise<void> | void;
}

interface EmitOptions extends EventMeta {
  /** The transaction that made the event true: handlers run only once it has committed. */
  trx?: Knex.Transaction;
}

/**
 * A typed, in-process event bus. Handlers run after the response path has moved
 * on (and after the emitting transaction commits), one at a time per event; a
 * failing handler is logged and never reaches the emitter. Handlers of a
 * disabled plugin are skipped.
 */
export class EventBus {
  private readonly subscriptions = new Map<EventName, Subscription[]>();
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly logger: Logger,
    private readonly isPluginEnabled: (plugin: string) => boolean,
  ) {}

  on<E extends EventName>(plugin: string, event: E, handler: EventHandler<E>): void {
    const list = this.subscriptions.get(event) ?? [];
    list.push({ plugin, handler: handler as Subscription['handler'] });
    this.subscriptions.set(event, list);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E], options: EmitOptions = {}): void {
    const { trx, ...meta } = options;
    const committed = trx ? trx.executionPromise.then(() => true, () => false) : Promise.resolve(true);
    const delivery = committed.then(async (ok) => {
      if (!ok) return;
      await new Promise((resolve) => setImmediate(resolve));
      await this.deliver(event, payload, meta);
    });
    this.pending.add(delivery);
    void delivery.finally(() => this.pending.delete(delivery));
  }

  /** Resolves when every event emitted so far has been handled: for shutdown and tests. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async deliver(event: EventName, payload: unknown, meta: EventMeta): Promise<void> {
    for (const { plugin, handler } of this.subscriptions.get(event) ?? []) {
      if (!this.isPluginEnabled(plugin)) continue;
      try {
        await handler(payload, meta);
      } catch (error) {
        this.logger.error({ err: error, event, plugin, reqId: meta.requestId }, 'event handler failed');
      }
    }
  }
}
