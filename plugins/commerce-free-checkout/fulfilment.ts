import type { Knex } from 'knex';
import type { PluginRegistry } from '../../core/plugins/registry.js';

export interface CompletedOrderLine {
  productId: number;
  productTitle: string;
  packageId: number;
  geography: string;
  fileName: string;
}

export interface CompletedOrder {
  id: number;
  userId: number;
  createdAt: Date;
  lines: CompletedOrderLine[];
}

export interface Fulfiller {
  /** Runs inside the order's transaction: e.g. file-downloads grants the purchased files. Throwing aborts the order. */
  fulfil(trx: Knex.Transaction, order: CompletedOrder): Promise<void>;
  /** Before a package goes into the cart: a reason to refuse it (already owned without limits), or undefined. */
  refuseAdd?(userId: number, packageIds: number[]): Promise<string | undefined>;
}

/** A fulfiller threw: the order's transaction was rolled back. */
export class FulfilmentError extends Error {
  override name = 'FulfilmentError';

  constructor(readonly plugin: string, cause: unknown) {
    super(`The ${plugin} fulfiller failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The hook through which other plugins take part in an order: each registers a
 * Fulfiller from its boot hook. A fulfiller of a disabled plugin is skipped, so
 * switching a module off never breaks checkout.
 */
export class OrderFulfilment {
  private readonly fulfillers = new Map<string, Fulfiller>();
  private readonly plugins: PluginRegistry;

  constructor({ plugins }: { plugins: PluginRegistry }) {
    this.plugins = plugins;
  }

  /** Registers (or, after a restart of the plugin's boot hook, replaces) a plugin's fulfiller. */
  add(pluginName: string, fulfiller: Fulfiller): void {
    this.fulfillers.set(pluginName, fulfiller);
  }

  /** Runs every enabled fulfiller inside the order's transaction; the first failure aborts the order. */
  async fulfil(trx: Knex.Transaction, order: CompletedOrder): Promise<void> {
    for (const [plugin, fulfiller] of this.enabled()) {
      try {
        await fulfiller.fulfil(trx, order);
      } catch (error) {
        throw new FulfilmentError(plugin, error);
      }
    }
  }

  /** The first reason an enabled fulfiller gives to keep these packages out of the cart. */
  async refuseAdd(userId: number, packageIds: number[]): Promise<string | undefined> {
    for (const [, fulfiller] of this.enabled()) {
      const reason = await fulfiller.refuseAdd?.(userId, packageIds);
      if (reason) return reason;
    }
    return undefined;
  }

  private enabled(): [string, Fulfiller][] {
    return [...this.fulfillers].filter(([plugin]) => this.plugins.isEnabled(plugin));
  }
}
