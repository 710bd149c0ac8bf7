import type { Knex } from 'knex';
import type { GeographyCode } from './geographies.js';
import { PAGE_SIZE, type Facet, type ListingFilters } from './listing.js';

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

/** One row of a catalogue listing, with its topics and geographies aggregated. */
export interface ListingRow {
  id: number;
  title: string;
  slug: string;
  years_within_data: string;
  posted_at: string;
  product_group: string;
  product_group_slug: string;
  topics: string[];
  geographies: GeographyCode[];
}

export interface FacetCount { value: string; label: string; count: number }

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

  /** Many products at once (the benchmark generator), in the order given. */
  async insertProducts(rows: ProductInput[], trx?: Knex.Transaction): Promise<number[]> {
    const ids = await this.conn(trx)('products').insert(rows).returning('id') as { id: number }[];
    return ids.map((row) => row.id);
  }

  async insertProductTopics(rows: { product_id: number; topic_id: number }[], trx?: Knex.Transaction): Promise<void> {
    if (rows.length > 0) await this.conn(trx)('product_topics').insert(rows).onConflict(['product_id', 'topic_id']).ignore();
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

  // --- listings

  /** The filters' WHERE clauses on `products as p`, leaving out one facet's own filter for its counts. */
  private filtered(filters: ListingFilters, except?: Facet): Knex.QueryBuilder {
    const db = this.db;
    const q = db('products as p').where('p.published', true);
    if (filters.idpOnly) q.andWhere('p.in_idp', true);
    if (filters.q) q.andWhereRaw("p.search @@ websearch_to_tsquery('english', ?)", [filters.q]);
    if (filters.topic && except !== 'topic') {
      q.whereExists(db('product_topics as ft').join('topics as ftt', 'ftt.id', 'ft.topic_id')
        .whereRaw('ft.product_id = p.id').andWhere('ftt.slug', filters.topic).select(db.raw('1')));
    }
    if (filters.group && except !== 'group') {
      q.whereIn('p.product_group_id', db('product_groups').where('slug', filters.group).select('id'));
    }
    if (filters.geography && except !== 'geography') {
      q.whereExists(db('geography_packages as fg').whereRaw('fg.product_id = p.id').andWhere('fg.geography', filters.geography).select(db.raw('1')));
    }
    if (filters.year !== undefined && except !== 'year') {
      q.andWhere('p.year_from', '<=', filters.year).andWhere('p.year_to', '>=', filters.year);
    }
    return q;
  }

  async countListing(filters: ListingFilters): Promise<number> {
    const row = await this.filtered(filters).count<{ n: string }[]>('* as n').first();
    return Number(row?.n ?? 0);
  }

  /**
   * One page of a listing in one query: the page's products are picked first
   * (by the indexes of the two orders), then each row's topics and geographies
   * are aggregated by lateral joins over those fifty rows only.
   */
  async listingPage(filters: ListingFilters): Promise<ListingRow[]> {
    const db = this.db;
    const order = filters.sort === 'title' ? 'lower(p.title), p.id' : 'p.posted_at DESC, p.id DESC';
    const pageOrder = filters.sort === 'title' ? 'lower(page.title), page.id' : 'page.posted_at DESC, page.id DESC';
    const page = this.filtered(filters)
      .select('p.id', 'p.title', 'p.slug', 'p.years_within_data', 'p.posted_at', 'p.product_group_id')
      .orderByRaw(order).limit(PAGE_SIZE).offset((filters.page - 1) * PAGE_SIZE);
    return await db.with('page', page).from('page')
      .join('product_groups as pg', 'pg.id', 'page.product_group_id')
      .joinRaw(`LEFT JOIN LATERAL (
          SELECT array_agg(t.name ORDER BY t.name) AS topics FROM product_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.product_id = page.id
        ) tp ON true`)
      .joinRaw(`LEFT JOIN LATERAL (
          SELECT array_agg(gp.geography ORDER BY gp.geography) AS geographies FROM geography_packages gp WHERE gp.product_id = page.id
        ) gg ON true`)
      .select('page.id', 'page.title', 'page.slug', 'page.years_within_data', db.raw(`${DATE_TEXT('page.posted_at')} as posted_at`),
        'pg.name as product_group', 'pg.slug as product_group_slug',
        db.raw("coalesce(tp.topics, '{}') as topics"), db.raw("coalesce(gg.geographies, '{}') as geographies"))
      .orderByRaw(pageOrder) as ListingRow[];
  }

  /** One facet's values with the number of products each would give, in one query. */
  async facetCounts(filters: ListingFilters, facet: Facet): Promise<FacetCount[]> {
    const db = this.db;
    const q = this.filtered(filters, facet);
    const rows: { value: string | number; label: string; count: string }[] = await (() => {
      switch (facet) {
        case 'topic':
          return q.join('product_topics as cpt', 'cpt.product_id', 'p.id').join('topics as ct', 'ct.id', 'cpt.topic_id')
            .groupBy('ct.id').orderBy('ct.name').select('ct.slug as value', 'ct.name as label', db.raw('count(*) as count'));
        case 'group':
          return q.join('product_groups as cg', 'cg.id', 'p.product_group_id')
            .groupBy('cg.id').orderBy('cg.name').select('cg.slug as value', 'cg.name as label', db.raw('count(*) as count'));
        case 'geography':
          return q.join('geography_packages as cgp', 'cgp.product_id', 'p.id')
            .groupBy('cgp.geography').orderBy('cgp.geography').select('cgp.geography as value', 'cgp.geography as label', db.raw('count(*) as count'));
        case 'year':
          return q.joinRaw('CROSS JOIN LATERAL generate_series(p.year_from, p.year_to) AS y(year)')
            .groupBy('y.year').orderBy('y.year', 'desc').select('y.year as value', db.raw('y.year::text as label'), db.raw('count(*) as count'));
      }
    })();
    return rows.map((row) => ({ value: String(row.value), label: row.label, count: Number(row.count) }));
  }

  /** Operators' list: every product, published or not, newest change first, with an optional title search. */
  async adminList(search: string | undefined, limit: number): Promise<ProductDetailRow[]> {
    const q = this.productDetails().orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(limit);
    if (search) q.whereRaw("(p.search @@ websearch_to_tsquery('english', ?) OR p.title ILIKE ?)", [search, `%${search.replace(/[\\%_]/g, '\\$&')}%`]);
    return (await q) as ProductDetailRow[];
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
