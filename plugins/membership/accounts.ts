import { randomBytes } from 'node:crypto';
import type { Config } from '../../config/index.js';
import type { CurrentUser } from '../../core/auth/permissions.js';
import type { UserDirectory } from '../../core/auth/user-directory.js';
import type { Logger } from '../../core/logger.js';
import { hashPassword, needsRehash, verifyPassword } from './passwords.js';
import type { UserRow, UsersRepository } from './repository.js';

export type LoginResult =
  | { ok: true; user: CurrentUser }
  | { ok: false; reason: 'unrecognized' | 'blocked'; username: string };

const toCurrentUser = (row: UserRow): CurrentUser => ({ id: row.id, username: row.username, role: row.role });

/**
 * Accounts: checking credentials, the session's user, and the administrator
 * account every new site starts with. The domain rules live here, not in routes.
 */
export class Accounts implements UserDirectory {
  private readonly users: UsersRepository;
  private readonly config: Config;
  private readonly logger: Logger;
  /** Compared against when the username is unknown, so both answers take as long. */
  private decoy: Promise<string> | undefined;

  constructor({ usersRepository, config, logger }: { usersRepository: UsersRepository; config: Config; logger: Logger }) {
    this.users = usersRepository;
    this.config = config;
    this.logger = logger;
  }

  async authenticate(username: string, password: string): Promise<LoginResult> {
    const row = await this.users.findByUsername(username.trim());
    if (!row) {
      this.decoy ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await this.decoy, password);
      return { ok: false, reason: 'unrecognized', username };
    }
    if (!(await verifyPassword(row.password_hash, password))) return { ok: false, reason: 'unrecognized', username };
    // Drupal checks the password first, so "blocked" is said only to the account's owner.
    if (row.status !== 'active') return { ok: false, reason: 'blocked', username: row.username };
    await this.users.recordLogin(row.id, needsRehash(row.password_hash) ? await hashPassword(password) : undefined);
    return { ok: true, user: toCurrentUser(row) };
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
