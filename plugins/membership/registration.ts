import type { Knex } from 'knex';
import type { Config } from '../../config/index.js';
import type { Consortia, OrganizationSummary } from '../consortia/consortia.js';
import type { Mailer } from '../notifications/mailer.js';
import { hashPassword } from './passwords.js';
import type { UserRow, UsersRepository } from './repository.js';
import { MIN_PASSWORD_SCORE, passwordStrength } from './strength.js';
import { registrationSchema, type RegistrationForm } from './validation.js';
import { fieldErrors, formFields, type FieldErrors } from '../../core/http/forms.js';

export type RegistrationResult =
  | { ok: true; user: UserRow }
  | { ok: false; errors: FieldErrors; params: Record<string, string> };

/** PostgreSQL's unique_violation: another request took the name or address meanwhile. */
export const isUniqueViolation = (error: unknown): error is { code: string; constraint?: string } =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** Which form field a unique index of the users table guards. */
export const fieldOfConstraint = (constraint: string | undefined): 'name' | 'mail' =>
  constraint === 'users_email_lower' ? 'mail' : 'name';

/** The reason a password is too weak, as a key of locales/en.json, or undefined when it will do. */
export function weakPasswordMessage(password: string, userInputs: string[]): string | undefined {
  const { score, warning } = passwordStrength(password, userInputs);
  if (score >= MIN_PASSWORD_SCORE) return undefined;
  return warning ? `password.weak.${warning}` : 'password.weak.generic';
}

/**
 * Drupal's "visitors, but administrator approval is required": the form's
 * rules, and the new account, blocked until an operator activates it, with the
 * e-mails to the applicant and the operators.
 */
export class Registration {
  private readonly users: UsersRepository;
  private readonly db: Knex;
  private readonly config: Config;
  private readonly consortia: Consortia;
  private readonly mailer: Mailer;

  constructor({ usersRepository, db, config, consortia, mailer }: {
    usersRepository: UsersRepository; db: Knex; config: Config; consortia: Consortia; mailer: Mailer;
  }) {
    this.users = usersRepository;
    this.db = db;
    this.config = config;
    this.consortia = consortia;
    this.mailer = mailer;
  }

  async register(body: unknown): Promise<RegistrationResult> {
    const parsed = registrationSchema.safeParse(formFields(body));
    const typed = formFields(body);
    const params = { name: String(typed.name ?? ''), mail: String(typed.mail ?? '').trim(), organization: String(typed.organization ?? '').trim() };
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), params };
    const form = parsed.data;
    const { errors, organization } = await this.checkAgainstSite(form);
    if (!organization || Object.keys(errors).length) {
      // The organization as the site spells it, and the consortium it belongs to, for the mismatch message.
      return { ok: false, errors, params: { ...params, ...(organization ? { organization: organization.name, consortium: organization.consortiumName } : {}) } };
    }
    try {
      return { ok: true, user: await this.createPending(form, organization) };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return { ok: false, errors: { [fieldOfConstraint(error.constraint)]: duplicateMessage(fieldOfConstraint(error.constraint)) }, params };
    }
  }

  /** The rules that need the database: unique name and address, the organization and its consortium, the password's strength. */
  private async checkAgainstSite(form: RegistrationForm): Promise<{ errors: FieldErrors; organization?: OrganizationSummary }> {
    const errors: FieldErrors = {};
    if (await this.users.findByUsername(form.name)) errors.name = duplicateMessage('name');
    if (await this.users.findByEmail(form.mail)) errors.mail = duplicateMessage('mail');
    const weak = weakPasswordMessage(form.pass, [form.name, form.mail, form.first_name, form.last_name]);
    if (weak) errors.pass = weak;
    const organization = await this.consortia.findApprovedOrganizationByName(form.organization);
    if (!organization) errors.organization = 'register.error.organizationUnknown';
    else if (form.consortium !== '' && Number(form.consortium) !== organization.consortiumId) errors.consortium = 'register.error.consortiumMismatch';
    return { errors, organization };
  }

  private async createPending(form: RegistrationForm, organization: OrganizationSummary): Promise<UserRow> {
    const passwordHash = await hashPassword(form.pass);
    return this.db.transaction(async (trx) => {
      const user = await this.users.create({
        username: form.name, email: form.mail, password_hash: passwordHash, role: 'authenticated', status: 'blocked',
        first_name: form.first_name, last_name: form.last_name, organization_id: organization.id,
      }, trx);
      const context = { name: user.username, organization: organization.name, consortium: organization.consortiumName };
      await this.mailer.send({ to: user.email, template: 'register-pending', scope: 'membership', context, trx });
      const link = `${this.config.PUBLIC_URL}/admin/people?highlight=${user.id}#user-${user.id}`;
      for (const to of await this.users.operatorEmails()) {
        await this.mailer.send({ to, template: 'register-admin', scope: 'membership', context: { ...context, email: user.email, link }, trx });
      }
      return user;
    });
  }
}

const duplicateMessage = (field: 'name' | 'mail'): string => field === 'mail' ? 'register.error.mailTaken' : 'register.error.nameTaken';
