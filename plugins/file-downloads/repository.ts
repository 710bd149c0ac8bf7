import type { Knex } from 'knex';

/** A purchased file with what the pages show of its package and product. */
export interface PurchasedFileRow {
  id: number;
  user_id: number;
  package_id: number;
  order_id: number | null;
  granted_at: Date;
  download_limit: number | null;
  address_limit: number | null;
  expires_at: Date | null;
  downloads: number;
  addresses: number;
  file_name: string;
  file_path: string;
  file_sha256: string;
  geography: string;
  product_id: number;
  product_title: string;
  username: string;
}

/** The counters of one purchased file, read under its row lock. */
export interface LockedFile {
  id: number;
  download_limit: number | null;
  address_limit: number | null;
  expires_at: Date | null;
  downloads: number;
}

export interface LimitsRow {
  id: number;
  product_id: number | null;
  download_limit: number | null;
  address_limit: number | null;
  expire_days: number | null;
  product_title?: string;
  product_slug?: string;
}

export interface Grant {
  userId: number;
  packageId: number;
  orderId: number | null;
  downloadLimit: number | null;
  addressLimit: number | null;
  expireDays: number | null;
}

export interface TransferKey {
  purchasedFileId: number;
  address: string;
  etag: string;
}

/** Slots older than this belong to a response that a crashed instance never closed. */
const SLOT_LIFETIME_HOURS = 24;
/** Bytes sent of a download nobody finished are forgotten after this long. */
const TRANSFER_LIFETIME_DAYS = 30;

/** The download tables; products and packages are the catalogue's, read here in joins only. */
export class DownloadsRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  private files(db: Knex | Knex.Transaction = this.db): Knex.QueryBuilder {
    return db('purchased_files as pf')
      .join('geography_packages as gp', 'gp.id', 'pf.package_id')
      .join('products as p', 'p.id', 'gp.product_id')
      .join('users as u', 'u.id', 'pf.user_id')
      .select(
        'pf.*', 'gp.file_name', 'gp.file_path', 'gp.file_sha256', 'gp.geography', 'p.id as product_id', 'p.title as product_title', 'u.username',
        db.raw('(SELECT count(*)::int FROM download_addresses da WHERE da.purchased_file_id = pf.id) AS addresses'),
      );
  }

  /** Newest first (a file bought again moves to the top). */
  pageForUser(userId: number | undefined, limit: number, offset: number): Promise<PurchasedFileRow[]> {
    const query = this.files().orderBy([{ column: 'pf.granted_at', order: 'desc' }, { column: 'pf.id', order: 'desc' }]).limit(limit).offset(offset);
    if (userId !== undefined) void query.where('pf.user_id', userId);
    return query;
  }

  async countForUser(userId: number | undefined): Promise<number> {
    const query = this.db('purchased_files').count<{ count: string }[]>('id as count');
    if (userId !== undefined) void query.where({ user_id: userId });
    const row = await query.first();
    return Number(row?.count ?? 0);
  }

  findFile(id: number): Promise<PurchasedFileRow | undefined> {
    return this.files().where('pf.id', id).first();
  }

  /** Locks the file's row until the transaction ends: checks and counting of one file run one at a time. */
  lock(trx: Knex.Transaction, id: number): Promise<LockedFile | undefined> {
    return trx<LockedFile>('purchased_files').select('id', 'download_limit', 'address_limit', 'expires_at', 'downloads').where({ id }).forUpdate().first();
  }

  async addresses(trx: Knex.Transaction, purchasedFileId: number): Promise<string[]> {
    const rows = await trx('download_addresses').select<{ address: string }[]>('address').where('purchased_file_id', purchasedFileId);
    return rows.map((r) => r.address);
  }

  async addAddress(trx: Knex.Transaction, purchasedFileId: number, address: string): Promise<void> {
    await trx('download_addresses').insert({ purchased_file_id: purchasedFileId, address }).onConflict(['purchased_file_id', 'address']).ignore();
  }

  /** Responses of this file that are still being sent. */
  liveSlots(trx: Knex.Transaction, purchasedFileId: number): Promise<{ address: string; etag: string }[]> {
    return trx('download_slots').select('address', 'etag')
      .where({ purchased_file_id: purchasedFileId })
      .where('started_at', '>', trx.raw(`now() - interval '${SLOT_LIFETIME_HOURS} hours'`));
  }

  async openSlot(trx: Knex.Transaction, key: TransferKey): Promise<number> {
    const [row] = await trx('download_slots').insert({ purchased_file_id: key.purchasedFileId, address: key.address, etag: key.etag }).returning<{ id: number }[]>('id');
    return (row as { id: number }).id;
  }

  async closeSlot(trx: Knex.Transaction, id: number): Promise<void> {
    await trx('download_slots').where({ id }).delete();
  }

  async hasTransfer(trx: Knex.Transaction, key: TransferKey): Promise<boolean> {
    const row = await trx('download_transfers').select('etag').where({ purchased_file_id: key.purchasedFileId, address: key.address, etag: key.etag }).first();
    return row !== undefined;
  }

  /** Adds [start, end) to what this client was sent of this file version; true when that now covers [0, size). */
  async addSent(trx: Knex.Transaction, key: TransferKey, start: number, end: number, size: number): Promise<boolean> {
    const result = await trx.raw<{ rows: { covered: boolean }[] }>(
      `INSERT INTO download_transfers (purchased_file_id, address, etag, sent)
       VALUES (?, ?, ?, int8multirange(int8range(?, ?)))
       ON CONFLICT (purchased_file_id, address, etag)
       DO UPDATE SET sent = download_transfers.sent + excluded.sent, updated_at = now()
       RETURNING sent @> int8range(0, ?) AS covered`,
      [key.purchasedFileId, key.address, key.etag, start, end, size],
    );
    return result.rows[0]?.covered === true;
  }

  /** Forgets this file's abandoned downloads and dead slots, so neither table grows without end. */
  async sweep(trx: Knex.Transaction, purchasedFileId: number): Promise<void> {
    await trx('download_transfers').where({ purchased_file_id: purchasedFileId })
      .where('updated_at', '<', trx.raw(`now() - interval '${TRANSFER_LIFETIME_DAYS} days'`)).delete();
    await trx('download_slots').where({ purchased_file_id: purchasedFileId })
      .where('started_at', '<=', trx.raw(`now() - interval '${SLOT_LIFETIME_HOURS} hours'`)).delete();
  }

  async clearTransfer(trx: Knex.Transaction, key: TransferKey): Promise<void> {
    await trx('download_transfers').where({ purchased_file_id: key.purchasedFileId, address: key.address, etag: key.etag }).delete();
  }

  /** Counts one download, never past the limit. */
  async countDownload(trx: Knex.Transaction, id: number): Promise<boolean> {
    const updated = await trx('purchased_files').where({ id })
      .where((q) => { void q.whereNull('download_limit').orWhere('downloads', '<', trx.ref('download_limit')); })
      .increment('downloads', 1);
    return updated === 1;
  }

  /** Operators' reset: no downloads, no addresses, nothing half sent. */
  async reset(id: number): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const updated = await trx('purchased_files').where({ id }).update({ downloads: 0 });
      await trx('download_addresses').where({ purchased_file_id: id }).delete();
      await trx('download_transfers').where({ purchased_file_id: id }).delete();
      return updated === 1;
    });
  }

  /**
   * Grants a package, or adds the new limits to those of the package already owned:
   * Unlimited (null) on either side stays Unlimited, and days run from the later
   * of now and the old expiry.
   */
  async grant(trx: Knex.Transaction, grant: Grant): Promise<void> {
    await trx.raw(
      `INSERT INTO purchased_files (user_id, package_id, order_id, download_limit, address_limit, expires_at)
       VALUES (?, ?, ?, ?::int, ?::int, now() + ?::int * interval '1 day')
       ON CONFLICT (user_id, package_id) DO UPDATE SET
         order_id = excluded.order_id,
         granted_at = now(),
         download_limit = purchased_files.download_limit + excluded.download_limit,
         address_limit = purchased_files.address_limit + excluded.address_limit,
         expires_at = greatest(purchased_files.expires_at, now()) + ?::int * interval '1 day'`,
      [grant.userId, grant.packageId, grant.orderId, grant.downloadLimit, grant.addressLimit, grant.expireDays, grant.expireDays],
    );
  }

  /** The first of these packages the user owns without any limit. */
  async ownedUnlimited(userId: number, packageIds: number[]): Promise<string | undefined> {
    const row = await this.db('purchased_files as pf')
      .join('geography_packages as gp', 'gp.id', 'pf.package_id')
      .select<{ file_name: string }[]>('gp.file_name')
      .where('pf.user_id', userId).whereIn('pf.package_id', packageIds)
      .whereNull('pf.download_limit').whereNull('pf.address_limit').whereNull('pf.expires_at')
      .orderBy('gp.file_name').first();
    return (row as { file_name: string } | undefined)?.file_name;
  }

  async packageProducts(trx: Knex.Transaction, packageIds: number[]): Promise<Map<number, number>> {
    const rows = await trx('geography_packages').select<{ id: number; product_id: number }[]>('id', 'product_id').whereIn('id', packageIds);
    return new Map(rows.map((r) => [r.id, r.product_id]));
  }

  /** The product's limits, or else the global default. */
  limitsFor(db: Knex | Knex.Transaction, productId: number): Promise<LimitsRow | undefined> {
    return db<LimitsRow>('download_limits')
      .where({ product_id: productId }).orWhereNull('product_id')
      .orderByRaw('product_id NULLS LAST').first();
  }

  allLimits(): Promise<LimitsRow[]> {
    return this.db('download_limits as dl').leftJoin('products as p', 'p.id', 'dl.product_id')
      .select('dl.*', 'p.title as product_title', 'p.slug as product_slug')
      .orderByRaw('dl.product_id NULLS FIRST').orderBy('p.title');
  }

  async saveLimits(productId: number | null, limits: Pick<LimitsRow, 'download_limit' | 'address_limit' | 'expire_days'>): Promise<void> {
    await this.db.raw(
      `INSERT INTO download_limits (product_id, download_limit, address_limit, expire_days) VALUES (?::int, ?::int, ?::int, ?::int)
       ON CONFLICT ((coalesce(product_id, 0))) DO UPDATE SET download_limit = excluded.download_limit,
         address_limit = excluded.address_limit, expire_days = excluded.expire_days, updated_at = now()`,
      [productId, limits.download_limit, limits.address_limit, limits.expire_days],
    );
  }

  async removeProductLimits(productId: number): Promise<void> {
    await this.db('download_limits').where({ product_id: productId }).delete();
  }

  async productIdBySlug(slug: string): Promise<number | undefined> {
    const row = await this.db('products').select<{ id: number }[]>('id').where({ slug }).first();
    return (row as { id: number } | undefined)?.id;
  }

  async badRequestsToday(address: string): Promise<number> {
    const row = await this.db('download_bad_requests').select<{ count: number }[]>('count')
      .where('address', address).where('day', this.db.raw('current_date')).first();
    return (row as { count: number } | undefined)?.count ?? 0;
  }

  /** Counts a bad link for today; the days before no longer matter. */
  async recordBadRequest(address: string): Promise<void> {
    await this.db('download_bad_requests').where('day', '<', this.db.raw('current_date')).delete();
    await this.db.raw(
      `INSERT INTO download_bad_requests (address, day, count) VALUES (?, current_date, 1)
       ON CONFLICT (address, day) DO UPDATE SET count = download_bad_requests.count + 1`,
      [address],
    );
  }
}
