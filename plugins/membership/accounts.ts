import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/index.js';
import type { CurrentUser } from '../../core/auth/permissions.js';
import type { UserDirectory } from '../../core/auth/user-directory.js';
import type { Logger } from '../../core/logger.js';
import type { Flood } from './flood.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { fieldOfConstraint, isUniqueViolation, weakPasswordMessage } from './registration.js';
import type { Affiliation, UserRow, UsersRepository } from './repository.js';
import { editSchema } from './validation.js';
import { fieldErrors, formFields, type FieldErrors } from '../../core/http/forms.js';

export type LoginResult =
  | { ok: true; user: CurrentUser }
  | { ok: false; reason: 'unrecognized' | 'blocked'; username: string }
  | { ok: false; reason: 'flood-account' | 'flood-ip'; username: string; limit: number };

export type EditResult = { ok: true; changed: ('mail' | 'pass')[] } | { ok: false; errors: FieldErrors; params: Record<string, string> };

/** Who edits an account: its owner (through a one-time link or not), or an operator editing someone else's. */
export interface Editor {
  self: boolean;
  /** Came by a one-time log-in link: may set a password without the current one. */
  oneTimeLogin: boolean;
}

const toCurrentUser = (row: UserRow): CurrentUser => ({ id: row.id, username: row.username, role: row.role });

/**
 * Accounts: checking credentials, the session's user, and the administrator
 * account every new site starts with. The domain rules live here, not in routes.
 */
export class Accounts implements UserDirectory {
  private readonly users: UsersRepository;
  private readonly config: Config;
  private readonly logger: Logger;
  private readonly flood: Flood;
  /** Compared against when the username is unknown, so both answers take as long. */
  private decoy: Promise<string> | undefined;

  constructor({ usersRepository, config, logger, flood }: { usersRepository: UsersRepository; config: Config; logger: Logger; flood: Flood }) {
    this.users = usersRepository;
    this.config = config;
    this.logger = logger;
    this.flood = flood;
  }

  /**
   * Checks a log in. Flood control comes first, before any hashing; `ip`
   * undefined skips it (tests and commands that check a password directly).
   */
  async authenticate(username: string, password: string, ip?: string): Promise<LoginResult> {
    const name = username.trim();
    if (ip !== undefined) {
      const verdict = await this.flood.check('login', name, ip);
      if (verdict.blocked) return { ok: false, reason: verdict.by === 'ip' ? 'flood-ip' : 'flood-account', username: name, limit: verdict.limit };
    }
    const result = await this.checkPassword(name, password);
    if (ip !== undefined) {
      if (result.ok) await this.flood.clear('login', name);
      else if (result.reason === 'unrecognized') await this.flood.register('login', name, ip);
    }
    return result;
  }

  private async checkPassword(username: string, password: string): Promise<LoginResult> {
    const row = await this.users.findByUsername(username);
    if (!row) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.decoy, password);
      return { ok: false, reason: 'unrecognized', username };
    }
    if (!(await verifyPassword(row.password_hash, password))) return { ok: false, reason: 'unrecognized', username };
    // Drupal checks the password first, so "blocked" is said only to the account's owner.
    if (row.status !== 'active') return { ok: false, reason: 'blocked', username: row.username };
    await this.recordLogin(row, password);
    return { ok: true, user: toCurrentUser(row) };
  }

  /** A log in changes last_login_at, which also retires every one-time link sent before. */
  async recordLogin(row: UserRow, password?: string): Promise<CurrentUser> {
    await this.users.recordLogin(row.id, password !== undefined && needsRehash(row.password_hash) ? await hashPassword(password) : undefined);
    return toCurrentUser(row);
  }

  /**
   * The edit form: a new e-mail address or password. The owner confirms with
   * the current password (unless they came by a one-time link, for the
   * password); an operator changes another's address, never their password.
   */
  async edit(account: UserRow, body: unknown, editor: Editor): Promise<EditResult> {
    const typed = formFields(body);
    const params = { mail: String(typed.mail ?? '').trim() };
    const parsed = editSchema.safeParse(typed);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), params };
    const form = parsed.data;
    const changesMail = form.mail !== account.email;
    const changesPass = form.pass !== '';
    const errors: FieldErrors = {};
    if (changesPass && !editor.self) errors.pass = 'edit.error.notYourPassword';
    const needsCurrent = editor.self && (changesMail || (changesPass && !editor.oneTimeLogin));
    if (needsCurrent && !(await verifyPassword(account.password_hash, form.current_pass))) {
      errors.current_pass = changesMail ? 'edit.error.currentForMail' : 'edit.error.currentForPass';
    }
    const other = changesMail ? await this.users.findByEmail(form.mail) : undefined;
    if (other && other.id !== account.id) errors.mail = 'register.error.mailTaken';
    const weak = changesPass ? weakPasswordMessage(form.pass, [account.username, form.mail, account.first_name, account.last_name]) : undefined;
    if (weak) errors.pass = weak;
    if (Object.keys(errors).length) return { ok: false, errors, params };
    if (!changesMail && !changesPass) return { ok: true, changed: [] };
    try {
      await this.users.update(account.id, {
        ...(changesMail ? { email: form.mail } : {}),
        ...(changesPass ? { password_hash: await hashPassword(form.pass) } : {}),
      });
    } catch (error) {
      if (!isUniqueViolation(error) || fieldOfConstraint(error.constraint) !== 'mail') throw error;
      return { ok: false, errors: { mail: 'register.error.mailTaken' }, params };
    }
    return { ok: true, changed: [...(changesMail ? ['mail' as const] : []), ...(changesPass ? ['pass' as const] : [])] };
  }

  findAffiliation(account: UserRow): Promise<Affiliation | undefined> {
    return account.organization_id === null ? Promise.resolve(undefined) : this.users.findAffiliation(account.organization_id);
  }

  async findSessionUser(id: number): Promise<CurrentUser | undefined> {
    const row = await this.users.findById(id);
    return row && row.status === 'active' ? toCurrentUser(row) : undefined;
  }

  operatorEmails(): Promise<string[]> {
    return this.users.operatorEmails();
  }

  findAccount(id: number): Promise<UserRow | undefined> {
    return this.users.findById(id);
  }

  /**
   * Every site has an administrator. On first start it is ADMIN_USERNAME with
   * ADMIN_PASSWORD, or with a random password printed once in the log.
   */
  async ensureAdministrator(): Promise<void> {
    if (await this.users.anyWithRole('administrator')) return;
    const given = this.config.ADMIN_PASSWORD;
    const password = given ?? randomBytes(12).toString('base64url');
    await this.users.create({
      username: this.config.ADMIN_USERNAME,
      email: this.config.ADMIN_EMAIL ?? `${this.config.ADMIN_USERNAME.toLowerCase().replace(/[^a-z0-9._-]/g, '')}@localhost`,
      password_hash: await hashPassword(password),
      role: 'administrator',
      status: 'active',
      activated_at: new Date(),
    });
    if (given) {
      this.logger.info({ username: this.config.ADMIN_USERNAME }, 'created the administrator account with ADMIN_PASSWORD');
    } else {
      this.logger.warn(`created the administrator account: username "${this.config.ADMIN_USERNAME}", password "${password}" (shown only this once; change it after logging in)`);
    }
  }
}
