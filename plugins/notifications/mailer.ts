import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../core/logger.js';
import type { PluginRegistry } from '../../core/plugins/registry.js';
import type { ViewContext, ViewRenderer } from '../../core/theme/renderer.js';
import type { OutboxRepository, OutboxRow } from './repository.js';

export interface SendRequest {
  to: string;
  /** A template name: views/email/<template>.subject.hbs, .text.hbs and (optional) .html.hbs of `scope`. */
  template: string;
  /** The plugin whose templates are used (a theme may override them under views/<scope>/email/). */
  scope: string;
  context?: ViewContext;
  /** The caller's transaction: the message is queued only if it commits. */
  trx?: Knex.Transaction;
}

export interface DeliveryOptions {
  /** How often the worker looks at the outbox. */
  intervalMs: number;
  /** The first retry waits this long; each next one twice as long, up to maxBackoffMs. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** After this many failed attempts a message is marked failed. */
  maxAttempts: number;
  /** Messages sent per transaction. */
  batchSize: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  intervalMs: 5_000,
  backoffBaseMs: 60_000,
  maxBackoffMs: 4 * 60 * 60_000,
  maxAttempts: 8,
  batchSize: 20,
};

/**
 * E-mail: messages rendered from templates into the outbox (send), and the
 * worker that delivers them over SMTP_URL with retries (deliverDue).
 * Sending never delays or fails the request that caused it.
 */
export class Mailer {
  readonly options: DeliveryOptions = { ...DEFAULT_DELIVERY };
  private readonly db: Knex;
  private readonly outbox: OutboxRepository;
  private readonly views: ViewRenderer;
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly plugins: PluginRegistry;
  private transporter: Transporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor({ db, outboxRepository, views, config, logger, plugins }: {
    db: Knex; outboxRepository: OutboxRepository; views: ViewRenderer; config: Config; logger: Logger; plugins: PluginRegistry;
  }) {
    this.db = db;
    this.outbox = outboxRepository;
    this.views = views;
    this.config = config;
    this.logger = logger;
    this.plugins = plugins;
  }

  /** Renders the template and queues the message; returns the outbox row's id. */
  async send({ to, template, scope, context = {}, trx }: SendRequest): Promise<number> {
    const data = { siteUrl: this.config.PUBLIC_URL, ...context };
    const render = (part: string) => this.views.renderView(scope, `email/${template}.${part}`, data);
    const subject = render('subject').replace(/\s+/g, ' ').trim();
    const text = render('text');
    let html: string | null = null;
    try {
      html = render('html');
    } catch (error) {
      // By name: the renderer's class may come from another copy of the module (see HttpError.is).
      if ((error as Error).name !== 'ViewNotFoundError') throw error;
    }
    const row = await this.outbox.insert({ recipient: to, subject, text_body: text, html_body: html }, trx);
    this.logger.info({ outboxId: row.id, template: `${scope}/${template}` }, 'e-mail queued');
    return row.id;
  }

  /** Starts the worker (from the plugin's boot hook); it does not keep the process alive. */
  start(intervalMs = this.options.intervalMs): void {
    this.stopTimer();
    this.timer = setInterval(() => { void this.tick(); }, intervalMs);
    this.timer.unref();
  }

  /** Stops the worker and closes the SMTP connection (container dispose). */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.running?.catch(() => undefined);
    this.transporter?.close();
    this.transporter = undefined;
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    if (this.running || !this.plugins.isEnabled('notifications')) return;
    try {
      await this.deliverDue();
    } catch (error) {
      this.logger.error({ err: error }, 'e-mail delivery failed');
    }
  }

  /**
   * Sends every pending message whose time has come; returns how many were tried.
   * Without SMTP_URL nothing is sent: messages wait in the outbox.
   */
  deliverDue(): Promise<number> {
    if (!this.config.SMTP_URL) return Promise.resolve(0);
    this.running ??= this.deliverBatches().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async deliverBatches(): Promise<number> {
    let tried = 0;
    for (;;) {
      const count = await this.db.transaction(async (trx) => {
        const rows = await this.outbox.claimDue(trx, this.options.batchSize);
        for (const row of rows) await this.deliver(trx, row);
        return rows.length;
      });
      tried += count;
      if (count < this.options.batchSize) return tried;
    }
  }

  private async deliver(trx: Knex.Transaction, row: OutboxRow): Promise<void> {
    try {
      await this.transport().sendMail({
        from: this.from(),
        to: row.recipient,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
      });
      await this.outbox.markSent(trx, row.id);
      this.logger.info({ outboxId: row.id }, 'e-mail sent');
    } catch (error) {
      const attempts = row.attempts + 1;
      const failed = attempts >= this.options.maxAttempts;
      const delay = Math.min(this.options.backoffBaseMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
      const message = error instanceof Error ? error.message : String(error);
      await this.outbox.markFailedAttempt(trx, row.id, {
        attempts, error: message.slice(0, 2000), status: failed ? 'failed' : 'pending', nextAttemptAt: new Date(Date.now() + delay),
      });
      this.logger.warn({ outboxId: row.id, attempts, failed, err: error }, 'e-mail not sent');
    }
  }

  private transport(): Transporter {
    this.transporter ??= nodemailer.createTransport(this.config.SMTP_URL);
    return this.transporter;
  }

  private from(): string {
    return `Community Data Program <noreply@${new URL(this.config.PUBLIC_URL).hostname}>`;
  }
}
