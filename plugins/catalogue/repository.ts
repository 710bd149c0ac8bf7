import type { Knex } from 'knex';
import type { GeographyCode } from './geographies.js';

export type NamedTable = 'data_providers' | 'product_groups' | 'topics';

export interface NamedRow { id: number; name: string; slug: string }

export interface ProductRow {
  id: number;
  title: string;
  slug: string;
  data_provider_id: number;
  product_group_id: number;
  years_within_data: string;
  /** YYYY-MM-DD: a calendar date, read as text so no time zone shifts it. */
  posted_at: string;
  description: string;
  notes: string;
  custom_geographies_url: string | null;
  in_idp: boolean;
  published: boolean;
  created_at: Date;
  updated_at: Date;
}

/** A product with the names of its provider and group, as pages show it. */
export interface ProductDetailRow extends ProductRow {
  data_provider: string;
  data_provider_slug: string;
  product_group: string;
  product_group_slug: string;
}

export type ProductInput = Pick<ProductRow, 'title' | 'slug' | 'data_provider_id' | 'product_group_id' | 'years_within_data'
  | 'posted_at' | 'description' | 'notes' | 'custom_geographies_url' | 'in_idp' | 'published'>;

export interface PackageRow {
  id: number;
  product_id: number;
  geography: GeographyCode;
  catalogue_number: string | null;
  /** YYYY-MM-DD, or null when the provider gave none. */
  release_date: string | null;
  file_name: string;
  /** bigint: pg returns it as a string. */
  file_size: string;
  file_sha256: string;
  file_path: string;
  uploaded_at: Date;
}

export type PackageInput = Pick<PackageRow, 'geography' | 'catalogue_number' | 'release_date' | 'file_name' | 'file_sha256' | 'file_path'>
  & { product_id: number; file_size: number };

/** What ordering depends on: the user's standing and their organization's consortium. */
export interface AffiliationRow {
  role: string;
  status: string;
  organization_status: string | null;
  consortium_kind: string | null;
}

const DATE_TEXT = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;

export class CatalogueRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  private conn(trx?: Knex.Transaction): Knex {
    return trx ?? this.db;
  }

  // --- providers, groups, topics

  listNamed(table: NamedTable): Promise<NamedRow[]> {
    return this.db<NamedRow>(table).select('id', 'name', 'slug').orderBy('name');
  }

  /** The row of that name, made if missing (concurrent callers get the same row). */
  async ensureNamed(table: NamedTable, name: string, slug: string, trx?: Knex.Transaction): Promise<NamedRow> {
    const db = this.conn(trx);
    await db(table).insert({ name, slug }).onConflict('name').ignore();
    return (await db<NamedRow>(table).where({ name }).first()) as NamedRow;
  }

  // --- products

  private productDetails(db: Knex = this.db): Knex.QueryBuilder {
    return db('products as p')
      .join('data_providers as dp', 'dp.id', 'p.data_provider_id')
      .join('product_groups as pg', 'pg.id', 'p.product_group_id')
      .select(
        'p.id', 'p.title', 'p.slug', 'p.data_provider_id', 'p.product_group_id', 'p.years_within_data',
        db.raw(`${DATE_TEXT('p.posted_at')} as posted_at`), 'p.description', 'p.notes', 'p.custom_geographies_url',
        'p.in_idp', 'p.published', 'p.created_at', 'p.updated_at',
        'dp.name as data_provider', 'dp.slug as data_provider_slug', 'pg.name as product_group', 'pg.slug as product_group_slug',
      );
  }

  async findProduct(where: { id: number } | { slug: string }, publishedOnly: boolean): Promise<ProductDetailRow | undefined> {
    const q = this.productDetails().where('id' in where ? { 'p.id': where.id } : { 'p.slug': where.slug });
    if (publishedOnly) q.andWhere('p.published', true);
    return (await q.first()) as ProductDetailRow | undefined;
  }

  async slugsLike(base: string): Promise<Set<string>> {
    const rows = await this.db('products').where('slug', base).orWhere('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}-%`).pluck('slug');
    return new Set(rows as string[]);
  }

  async insertProduct(input: ProductInput, trx?: Knex.Transaction): Promise<number> {
    const [row] = await this.conn(trx)('products').insert(input).returning('id');
    return (row as { id: number }).id;
  }

  async updateProduct(id: number, input: Partial<ProductInput>, trx?: Knex.Transaction): Promise<void> {
    await this.conn(trx)('products').where({ id }).update({ ...input, updated_at: this.db.fn.now() });
  }

  async setTopics(productId: number, topicIds: number[], trx?: Knex.Transaction): Promise<void> {
    const db = this.conn(trx);
    await db('product_topics').where({ product_id: productId }).delete();
    if (topicIds.length > 0) await db('product_topics').insert(topicIds.map((topic_id) => ({ product_id: productId, topic_id })));
  }

  /** Topic names of each product, in one query. */
  async topicsOf(productIds: number[]): Promise<Map<number, NamedRow[]>> {
    const rows = await this.db('product_topics as pt').join('topics as t', 't.id', 'pt.topic_id')
      .whereIn('pt.product_id', productIds).orderBy('t.name')
      .select('pt.product_id', 't.id', 't.name', 't.slug') as (NamedRow & { product_id: number })[];
    const result = new Map<number, NamedRow[]>();
    for (const { product_id, ...topic } of rows) result.set(product_id, [...(result.get(product_id) ?? []), topic]);
    return result;
  }

  // --- packages

  private packages(): Knex.QueryBuilder {
    return this.db('geography_packages').select(
      'id', 'product_id', 'geography', 'catalogue_number', this.db.raw(`${DATE_TEXT('release_date')} as release_date`),
      'file_name', 'file_size', 'file_sha256', 'file_path', 'uploaded_at',
    );
  }

  async packagesOf(productId: number): Promise<PackageRow[]> {
    return (await this.packages().where({ product_id: productId })) as PackageRow[];
  }

  async findPackage(id: number): Promise<PackageRow | undefined> {
    return (await this.packages().where({ id }).first()) as PackageRow | undefined;
  }

  /** Creates the product's package for that geography, or gives the existing row its new file (same id: buyers keep access). */
  async upsertPackage(input: PackageInput, trx?: Knex.Transaction): Promise<{ id: number; previousPath: string | undefined }> {
    const db = this.conn(trx);
    const previous = await db('geography_packages').where({ product_id: input.product_id, geography: input.geography })
      .forUpdate().first('file_path') as { file_path: string } | undefined;
    const [row] = await db('geography_packages').insert({ ...input, uploaded_at: db.fn.now() })
      .onConflict(['product_id', 'geography']).merge().returning('id');
    return { id: (row as { id: number }).id, previousPath: previous?.file_path };
  }

  async insertPackages(rows: PackageInput[], trx?: Knex.Transaction): Promise<void> {
    if (rows.length > 0) await this.conn(trx)('geography_packages').insert(rows);
  }

  // --- ordering

  async affiliation(userId: number): Promise<AffiliationRow | undefined> {
    return await this.db('users as u')
      .leftJoin('member_organizations as o', 'o.id', 'u.organization_id')
      .leftJoin('consortia as c', 'c.id', 'o.consortium_id')
      .where('u.id', userId)
      .first('u.role', 'u.status', 'o.status as organization_status', 'c.kind as consortium_kind') as AffiliationRow | undefined;
  }

  transaction<T>(work: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
