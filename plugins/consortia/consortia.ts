import type { Knex } from 'knex';
import type { Config } from '../../config/index.js';
import type { UserDirectory } from '../../core/auth/user-directory.js';
import type { Logger } from '../../core/logger.js';
import type { Mailer } from '../notifications/mailer.js';
import type {
  ConsortiaRepository, ConsortiumInput, ConsortiumKind, ConsortiumRow, ConsortiumWithCount,
  OrganizationDetailRow, OrganizationRow, OrganizationStatus, ProgramYearRow,
} from './repository.js';
import { firstFree, slugify } from './slugs.js';

export interface Consortium {
  id: number;
  name: string;
  slug: string;
  kind: ConsortiumKind;
  region: string;
  description: string;
}

export interface OrganizationSummary {
  id: number;
  name: string;
  slug: string;
  consortiumId: number;
  consortiumName: string;
  consortiumSlug: string;
  consortiumKind: ConsortiumKind;
}

/** What the "Create Member Organization" form gives once its shape is valid. */
export interface OrganizationSubmission {
  name: string;
  about: string;
  website: string;
  consortiumId: number;
  programYearId: number | null;
  contactName: string;
  contactEmail: string;
}

/** Field → translation key of the message shown beside it. */
export type FieldErrors = Record<string, string>;

export type SubmitResult =
  | { ok: true; organization: OrganizationDetailRow }
  | { ok: false; errors: FieldErrors };

export type DecisionResult =
  | { ok: true; organization: OrganizationDetailRow }
  | { ok: false; reason: 'not-found' | 'not-pending' };

const PG_UNIQUE_VIOLATION = '23505';
/** The unique indexes of member_organizations (see the migration). */
const NAME_INDEX = 'member_organizations_consortium_name';
const SLUG_INDEX = 'member_organizations_slug_unique';
const SLUG_ATTEMPTS = 3;

/** The unique index a PostgreSQL error says was violated, if that is what it is. */
function violatedConstraint(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return code === PG_UNIQUE_VIOLATION && typeof constraint === 'string' ? constraint : undefined;
}

const toConsortium = (row: ConsortiumRow): Consortium => ({
  id: row.id, name: row.name, slug: row.slug, kind: row.kind, region: row.region, description: row.description,
});

const toSummary = (row: OrganizationDetailRow): OrganizationSummary => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  consortiumId: row.consortium_id,
  consortiumName: row.consortium_name,
  consortiumSlug: row.consortium_slug,
  consortiumKind: row.consortium_kind,
});

/**
 * Consortia, program years and member organizations: the rules of joining
 * (one name per consortium, every new organization pending until an operator
 * decides) and the e-mails each step sends.
 */
export class Consortia {
  private readonly repository: ConsortiaRepository;
  private readonly db: Knex;
  private readonly mailer: Mailer;
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly userDirectory: () => UserDirectory;

  constructor(deps: {
    consortiaRepository: ConsortiaRepository; db: Knex; mailer: Mailer; config: Config; logger: Logger; userDirectory: UserDirectory;
  }) {
    this.repository = deps.consortiaRepository;
    this.db = deps.db;
    this.mailer = deps.mailer;
    this.config = deps.config;
    this.logger = deps.logger;
    // Resolved when needed: the directory belongs to membership, which may register after this plugin.
    this.userDirectory = () => deps.userDirectory;
  }

  // --- the contract other plugins code against

  async listConsortia(): Promise<Consortium[]> {
    return (await this.repository.listConsortia()).map(toConsortium);
  }

  async searchApprovedOrganizations(term: string, limit = 10): Promise<OrganizationSummary[]> {
    const trimmed = term.trim();
    if (!trimmed) return [];
    return (await this.repository.approvedOrganizations({ nameContains: trimmed, limit })).map(toSummary);
  }

  async listApprovedOrganizations(): Promise<OrganizationSummary[]> {
    return (await this.repository.approvedOrganizations()).map(toSummary);
  }

  /**
   * The approved organization of this name (case-insensitive). One name may be
   * in several consortia: give the consortium to pick; without it, the oldest wins.
   */
  async findApprovedOrganizationByName(name: string, consortiumId?: number): Promise<OrganizationSummary | undefined> {
    const [row] = await this.repository.approvedOrganizations({ nameEquals: name.trim(), consortiumId, limit: 1 });
    return row && toSummary(row);
  }

  async findApprovedOrganization(id: number): Promise<OrganizationSummary | undefined> {
    if (!Number.isSafeInteger(id)) return undefined;
    const [row] = await this.repository.approvedOrganizations({ id, limit: 1 });
    return row && toSummary(row);
  }

  // --- public pages

  listConsortiaWithCounts(): Promise<ConsortiumWithCount[]> {
    return this.repository.listConsortiaWithCounts();
  }

  /** A consortium and its approved members, or undefined. */
  async consortiumPage(slug: string): Promise<{ consortium: ConsortiumRow; members: OrganizationDetailRow[] } | undefined> {
    const consortium = await this.repository.findConsortiumBySlug(slug);
    if (!consortium) return undefined;
    return { consortium, members: await this.repository.approvedOrganizations({ consortiumId: consortium.id }) };
  }

  /** An approved organization's public page; pending and rejected ones are not public. */
  async organizationPage(slug: string): Promise<OrganizationDetailRow | undefined> {
    const row = await this.repository.findOrganizationBySlug(slug);
    return row?.status === 'approved' ? row : undefined;
  }

  // --- joining

  listProgramYears(): Promise<ProgramYearRow[]> {
    return this.repository.listProgramYears();
  }

  currentProgramYear(): Promise<ProgramYearRow | undefined> {
    return this.repository.currentProgramYear();
  }

  /**
   * Saves a new organization as pending and e-mails its contact and the
   * operators. Refuses an unknown consortium or program year, and a name the
   * consortium already has (checked first, and caught from the unique index
   * when two requests race).
   */
  async submitOrganization(input: OrganizationSubmission): Promise<SubmitResult> {
    const errors = await this.checkReferences(input);
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    for (let attempt = 1; ; attempt++) {
      try {
        const organization = await this.insertPending(input);
        this.logger.info({ organizationId: organization.id, consortiumId: organization.consortium_id }, 'member organization submitted');
        return { ok: true, organization };
      } catch (error) {
        if (violatedConstraint(error) === NAME_INDEX) return { ok: false, errors: { name: 'organization.errors.nameTaken' } };
        // Another organization took the same slug meanwhile: the next attempt picks the next free one.
        if (violatedConstraint(error) !== SLUG_INDEX || attempt >= SLUG_ATTEMPTS) throw error;
      }
    }
  }

  /** Inserts the organization and queues its e-mails in one transaction: no e-mail for a row that was not saved. */
  private insertPending(input: OrganizationSubmission): Promise<OrganizationDetailRow> {
    return this.db.transaction(async (trx) => {
      const row = await this.insertOrganization(input, 'pending', trx);
      const detail = (await this.repository.findOrganization(row.id, trx)) as OrganizationDetailRow;
      await this.mailSubmitted(detail, trx);
      return detail;
    });
  }

  /** Adds an organization as it is, without e-mails: demo content and imports of existing members. */
  importOrganization(input: OrganizationSubmission, status: OrganizationStatus): Promise<OrganizationRow> {
    return this.insertOrganization(input, status);
  }

  private async insertOrganization(input: OrganizationSubmission, status: OrganizationStatus, trx?: Knex.Transaction): Promise<OrganizationRow> {
    const base = slugify(input.name);
    return this.repository.insertOrganization({
      name: input.name,
      slug: firstFree(base, await this.repository.slugsLike('member_organizations', base)),
      about: input.about,
      website: input.website,
      consortium_id: input.consortiumId,
      program_year_id: input.programYearId,
      contact_name: input.contactName,
      contact_email: input.contactEmail,
      status,
    }, trx);
  }

  private async checkReferences(input: OrganizationSubmission): Promise<FieldErrors> {
    const errors: FieldErrors = {};
    if (!(await this.repository.findConsortium(input.consortiumId))) errors.consortium = 'organization.errors.consortiumUnknown';
    else if (await this.repository.nameTaken(input.consortiumId, input.name)) errors.name = 'organization.errors.nameTaken';
    if (input.programYearId !== null && !(await this.repository.findProgramYear(input.programYearId))) {
      errors.program_year = 'organization.errors.programYearUnknown';
    }
    return errors;
  }

  private async mailSubmitted(organization: OrganizationDetailRow, trx: Knex.Transaction): Promise<void> {
    const context = { organization: this.mailContext(organization), queueUrl: `${this.config.PUBLIC_URL}/admin/organizations` };
    if (organization.contact_email) {
      await this.mailer.send({ to: organization.contact_email, template: 'organization-received', scope: 'consortia', context, trx });
    }
    for (const to of await this.userDirectory().operatorEmails()) {
      await this.mailer.send({ to, template: 'organization-awaiting-approval', scope: 'consortia', context, trx });
    }
  }

  private mailContext(organization: OrganizationDetailRow): Record<string, unknown> {
    return {
      name: organization.name,
      consortium: organization.consortium_name,
      contactName: organization.contact_name,
      contactEmail: organization.contact_email,
      website: organization.website,
      programYear: organization.program_year_label ?? '',
      rejectionReason: organization.rejection_reason ?? '',
      url: `${this.config.PUBLIC_URL}/content/${organization.slug}`,
      consortiumUrl: `${this.config.PUBLIC_URL}/consortia/${organization.consortium_slug}`,
      registerUrl: `${this.config.PUBLIC_URL}/user/register`,
    };
  }

  // --- operators' decisions

  pendingOrganizations(): Promise<OrganizationDetailRow[]> {
    return this.repository.pendingOrganizations();
  }

  recentDecisions(limit = 20): Promise<OrganizationDetailRow[]> {
    return this.repository.recentDecisions(limit);
  }

  findOrganization(id: number): Promise<OrganizationDetailRow | undefined> {
    return this.repository.findOrganization(id);
  }

  /** Approves a pending organization and tells its contact; reviewerId is the operator's user id (null from the command line). */
  approve(id: number, reviewerId: number | null): Promise<DecisionResult> {
    return this.decide(id, { status: 'approved', rejection_reason: null, reviewed_by: reviewerId }, 'organization-approved');
  }

  /** Rejects a pending organization with a reason, which the contact's e-mail quotes. */
  reject(id: number, reason: string, reviewerId: number | null): Promise<DecisionResult> {
    return this.decide(id, { status: 'rejected', rejection_reason: reason.trim(), reviewed_by: reviewerId }, 'organization-rejected');
  }

  private async decide(id: number, decision: { status: 'approved' | 'rejected'; rejection_reason: string | null; reviewed_by: number | null }, template: string): Promise<DecisionResult> {
    if (!Number.isSafeInteger(id)) return { ok: false, reason: 'not-found' };
    return this.db.transaction(async (trx): Promise<DecisionResult> => {
      const before = await this.repository.findOrganization(id, trx);
      if (!before) return { ok: false, reason: 'not-found' };
      // The conditional update is what decides: of two operators clicking at once, one wins.
      if (!(await this.repository.decide(id, decision, trx))) return { ok: false, reason: 'not-pending' };
      const organization = (await this.repository.findOrganization(id, trx)) as OrganizationDetailRow;
      if (organization.contact_email) {
        await this.mailer.send({ to: organization.contact_email, template, scope: 'consortia', context: { organization: this.mailContext(organization) }, trx });
      }
      this.logger.info({ organizationId: id, status: decision.status, by: decision.reviewed_by }, 'member organization reviewed');
      return { ok: true, organization };
    });
  }

  // --- consortia and program years (operators)

  findConsortium(id: number): Promise<ConsortiumRow | undefined> {
    return this.repository.findConsortium(id);
  }

  /** Adds a consortium with a free slug made from its name (or the one given). */
  async addConsortium(input: Omit<ConsortiumInput, 'slug'> & { slug?: string }, trx?: Knex.Transaction): Promise<ConsortiumRow> {
    const base = slugify(input.slug || input.name);
    const slug = firstFree(base, await this.repository.slugsLike('consortia', base));
    return this.repository.insertConsortium({ ...input, slug }, trx);
  }

  async updateConsortium(id: number, input: Omit<ConsortiumInput, 'slug'>): Promise<void> {
    await this.repository.updateConsortium(id, input);
  }

  /** Deletes a consortium that has no organizations; false (and nothing deleted) when it has some. */
  async deleteConsortium(id: number): Promise<boolean> {
    if ((await this.repository.countOrganizationsIn(id)) > 0) return false;
    await this.repository.deleteConsortium(id);
    return true;
  }

  /** The start year of the year after the latest, e.g. 2020 after "2019/2020"; this year on a site with none. */
  async nextProgramYearStart(): Promise<number> {
    const latest = await this.repository.latestProgramYear();
    return latest ? Number(latest.starts_on.slice(0, 4)) + 1 : new Date().getUTCFullYear();
  }

  /** Adds the program year starting in April of startYear ("2019/2020"); the first one a site gets is current. */
  async addProgramYear(startYear: number): Promise<ProgramYearRow> {
    const current = await this.repository.currentProgramYear();
    return this.repository.insertProgramYear({ label: `${startYear}/${startYear + 1}`, starts_on: `${startYear}-04-01`, is_current: !current });
  }

  async addNextProgramYear(): Promise<ProgramYearRow> {
    return this.addProgramYear(await this.nextProgramYearStart());
  }

  async markProgramYearCurrent(id: number): Promise<boolean> {
    if (!(await this.repository.findProgramYear(id))) return false;
    await this.repository.markCurrent(id);
    return true;
  }
}
