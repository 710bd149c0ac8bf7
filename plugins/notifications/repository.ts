import type { Knex } from 'knex';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
  created_at: Date;
  sent_at: Date | null;
}

export type NewMessage = Pick<OutboxRow, 'recipient' | 'subject' | 'text_body' | 'html_body'>;

const TABLE = 'notification_outbox';

/** The outbox table, and nothing else. */
export class OutboxRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  async insert(message: NewMessage, trx?: Knex.Transaction): Promise<OutboxRow> {
    const [row] = await (trx ?? this.db)<OutboxRow>(TABLE).insert(message).returning('*');
    return row as OutboxRow;
  }

  findById(id: number): Promise<OutboxRow | undefined> {
    return this.db<OutboxRow>(TABLE).where({ id }).first();
  }

  /** Newest first. */
  page(limit: number, offset: number): Promise<OutboxRow[]> {
    return this.db<OutboxRow>(TABLE).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(limit).offset(offset);
  }

  async count(): Promise<number> {
    const row = await this.db(TABLE).count<{ count: string }[]>('id as count').first();
    return Number(row?.count ?? 0);
  }

  /** Pending rows whose time has come, locked for this transaction; rows another instance holds are skipped. */
  claimDue(trx: Knex.Transaction, limit: number): Promise<OutboxRow[]> {
    return trx<OutboxRow>(TABLE)
      .where({ status: 'pending' })
      .where('next_attempt_at', '<=', trx.fn.now())
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked();
  }

  async markSent(trx: Knex.Transaction, id: number): Promise<void> {
    await trx(TABLE).where({ id }).update({ status: 'sent', sent_at: trx.fn.now(), attempts: trx.raw('attempts + 1'), last_error: null });
  }

  async markFailedAttempt(trx: Knex.Transaction, id: number, update: { attempts: number; error: string; status: OutboxStatus; nextAttemptAt: Date }): Promise<void> {
    await trx(TABLE).where({ id }).update({
      attempts: update.attempts, last_error: update.error, status: update.status, next_attempt_at: update.nextAttemptAt,
    });
  }
}
