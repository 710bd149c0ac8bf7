import type { Knex } from 'knex';

export type ConsortiumKind = 'local' | 'sector-network';
export type OrganizationStatus = 'pending' | 'approved' | 'rejected';

export interface ConsortiumRow {
  id: number;
  name: string;
  slug: string;
  description: string;
  kind: ConsortiumKind;
  region: string;
  created_at: Date;
}

export interface ProgramYearRow {
  id: number;
  label: string;
  is_current: boolean;
  /** YYYY-MM-DD: a calendar date, read as text so no time zone shifts it. */
  starts_on: string;
}

export interface OrganizationRow {
  id: number;
  name: string;
  slug: string;
  about: string;
  website: string;
  consortium_id: number;
  program_year_id: number | null;
  contact_name: string;
  contact_email: string;
  status: OrganizationStatus;
  rejection_reason: string | null;
  created_at: Date;
  reviewed_at: Date | null;
  reviewed_by: number | null;
}

/** An organization with its consortium's and program year's names, as pages and e-mails show it. */
export interface OrganizationDetailRow extends OrganizationRow {
  consortium_name: string;
  consortium_slug: string;
  consortium_kind: ConsortiumKind;
  program_year_label: string | null;
}

export type ConsortiumInput = Pick<ConsortiumRow, 'name' | 'slug' | 'description' | 'kind' | 'region'>;
export type OrganizationInput = Pick<OrganizationRow,
  'name' | 'slug' | 'about' | 'website' | 'consortium_id' | 'program_year_id' | 'contact_name' | 'contact_email' | 'status'>;

export interface ConsortiumWithCount extends ConsortiumRow {
  members: number;
}

/** Sector network last: the local consortia are what a visitor looks for first. */
const consortiumOrder = (q: Knex.QueryBuilder): Knex.QueryBuilder =>
  q.orderByRaw("CASE WHEN consortia.kind = 'sector-network' THEN 1 ELSE 0 END").orderBy('consortia.name');

export class ConsortiaRepository {
  private readonly db: Knex;

  constructor({ db }: { db: Knex }) {
    this.db = db;
  }

  private conn(trx?: Knex.Transaction): Knex {
    return trx ?? this.db;
  }

  // --- consortia

  listConsortia(): Promise<ConsortiumRow[]> {
    return consortiumOrder(this.db('consortia').select('consortia.*'));
  }

  /** Every consortium with its number of approved members, in one query. */
  listConsortiaWithCounts(): Promise<ConsortiumWithCount[]> {
    const q = this.db('consortia')
      .leftJoin('member_organizations as o', function joinApproved() {
        this.on('o.consortium_id', '=', 'consortia.id').andOnVal('o.status', '=', 'approved');
      })
      .groupBy('consortia.id')
      .select('consortia.*', this.db.raw('count(o.id)::int as members'));
    return consortiumOrder(q) as unknown as Promise<ConsortiumWithCount[]>;
  }

  findConsortium(id: number): Promise<ConsortiumRow | undefined> {
    return this.db<ConsortiumRow>('consortia').where({ id }).first();
  }

  findConsortiumBySlug(slug: string): Promise<ConsortiumRow | undefined> {
    return this.db<ConsortiumRow>('consortia').where({ slug }).first();
  }

  async insertConsortium(input: ConsortiumInput, trx?: Knex.Transaction): Promise<ConsortiumRow> {
    const [row] = await this.conn(trx)<ConsortiumRow>('consortia').insert(input).returning('*');
    return row as ConsortiumRow;
  }

  async updateConsortium(id: number, input: Partial<ConsortiumInput>): Promise<void> {
    await this.db('consortia').where({ id }).update(input);
  }

  async deleteConsortium(id: number): Promise<void> {
    await this.db('consortia').where({ id }).delete();
  }

  async countOrganizationsIn(consortiumId: number): Promise<number> {
    const row = await this.db('member_organizations').where({ consortium_id: consortiumId }).count<{ n: string }[]>('id as n').first();
    return Number(row?.n ?? 0);
  }

  // --- program years

  private programYears(): Knex.QueryBuilder {
    return this.db('program_years').select('id', 'label', 'is_current', this.db.raw("to_char(starts_on, 'YYYY-MM-DD') as starts_on"));
  }

  async listProgramYears(): Promise<ProgramYearRow[]> {
    return (await this.programYears().orderBy('program_years.starts_on', 'desc')) as ProgramYearRow[];
  }

  async findProgramYear(id: number): Promise<ProgramYearRow | undefined> {
    return (await this.programYears().where({ id }).first()) as ProgramYearRow | undefined;
  }

  async currentProgramYear(): Promise<ProgramYearRow | undefined> {
    return (await this.programYears().where({ is_current: true }).first()) as ProgramYearRow | undefined;
  }

  async latestProgramYear(): Promise<ProgramYearRow | undefined> {
    return (await this.programYears().orderBy('program_years.starts_on', 'desc').first()) as ProgramYearRow | undefined;
  }

  async insertProgramYear(input: { label: string; starts_on: string; is_current: boolean }): Promise<ProgramYearRow> {
    const [row] = await this.db('program_years').insert(input).returning('id');
    return (await this.findProgramYear((row as { id: number }).id)) as ProgramYearRow;
  }

  /** Makes this year the only current one, in one transaction (the partial unique index allows one). */
  async markCurrent(id: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      await trx('program_years').where({ is_current: true }).update({ is_current: false });
      await trx('program_years').where({ id }).update({ is_current: true });
    });
  }

  // --- member organizations

  private details(conn: Knex): Knex.QueryBuilder {
    return conn('member_organizations as o')
      .join('consortia as c', 'c.id', 'o.consortium_id')
      .leftJoin('program_years as y', 'y.id', 'o.program_year_id')
      .select('o.*', 'c.name as consortium_name', 'c.slug as consortium_slug', 'c.kind as consortium_kind', 'y.label as program_year_label');
  }

  async findOrganization(id: number, trx?: Knex.Transaction): Promise<OrganizationDetailRow | undefined> {
    return (await this.details(this.conn(trx)).where('o.id', id).first()) as OrganizationDetailRow | undefined;
  }

  async findOrganizationBySlug(slug: string): Promise<OrganizationDetailRow | undefined> {
    return (await this.details(this.db).where('o.slug', slug).first()) as OrganizationDetailRow | undefined;
  }

  /** Approved organizations, optionally narrowed; ordered by name. */
  async approvedOrganizations(filter: { nameContains?: string; nameEquals?: string; id?: number; consortiumId?: number; limit?: number } = {}): Promise<OrganizationDetailRow[]> {
    const q = this.details(this.db).where('o.status', 'approved').orderBy('o.name').orderBy('o.id');
    // Escape LIKE's wildcards so a user's "%" or "_" is matched literally.
    if (filter.nameContains !== undefined) q.whereRaw("o.name ILIKE ? ESCAPE '\\'", [`%${filter.nameContains.replace(/[\\%_]/g, '\\$&')}%`]);
    if (filter.nameEquals !== undefined) q.whereRaw('lower(o.name) = lower(?)', [filter.nameEquals]);
    if (filter.id !== undefined) q.where('o.id', filter.id);
    if (filter.consortiumId !== undefined) q.where('o.consortium_id', filter.consortiumId);
    if (filter.limit !== undefined) q.limit(filter.limit);
    return (await q) as OrganizationDetailRow[];
  }

  async nameTaken(consortiumId: number, name: string): Promise<boolean> {
    const row = await this.db('member_organizations').where({ consortium_id: consortiumId }).whereRaw('lower(name) = lower(?)', [name]).first('id');
    return row !== undefined;
  }

  /** The slugs already used that start with this base, to pick a free one. */
  async slugsLike(table: 'consortia' | 'member_organizations', base: string): Promise<Set<string>> {
    const rows = await this.db(table).where('slug', base).orWhere('slug', 'like', `${base.replace(/[\\%_]/g, '\\$&')}-%`).pluck('slug');
    return new Set(rows as string[]);
  }

  async insertOrganization(input: OrganizationInput, trx?: Knex.Transaction): Promise<OrganizationRow> {
    const [row] = await this.conn(trx)<OrganizationRow>('member_organizations').insert(input).returning('*');
    return row as OrganizationRow;
  }

  /** Records a decision on a pending organization; false when it was no longer pending. */
  async decide(id: number, decision: { status: 'approved' | 'rejected'; rejection_reason: string | null; reviewed_by: number | null }, trx: Knex.Transaction): Promise<boolean> {
    const changed = await trx('member_organizations').where({ id, status: 'pending' })
      .update({ ...decision, reviewed_at: trx.fn.now() });
    return changed === 1;
  }

  async pendingOrganizations(): Promise<OrganizationDetailRow[]> {
    return (await this.details(this.db).where('o.status', 'pending').orderBy('o.created_at').orderBy('o.id')) as OrganizationDetailRow[];
  }

  /** The latest approvals and rejections by operators (imported members were never reviewed). */
  async recentDecisions(limit: number): Promise<OrganizationDetailRow[]> {
    return (await this.details(this.db).whereNotNull('o.reviewed_at').orderBy('o.reviewed_at', 'desc').orderBy('o.id', 'desc').limit(limit)) as OrganizationDetailRow[];
  }
}
