import type { Mailer } from '../notifications/mailer.js';
import type { Flood, FloodVerdict } from './flood.js';
import type { OneTimeLogins } from './one-time-login.js';
import type { UsersRepository } from './repository.js';

/**
 * "Request new password": the same answer whether or not the account exists,
 * flood-limited per account and per address; the e-mail carries a one-time link.
 */
export class PasswordResets {
  private readonly users: UsersRepository;
  private readonly mailer: Mailer;
  private readonly flood: Flood;
  private readonly oneTimeLogins: OneTimeLogins;

  constructor({ usersRepository, mailer, flood, oneTimeLogins }: { usersRepository: UsersRepository; mailer: Mailer; flood: Flood; oneTimeLogins: OneTimeLogins }) {
    this.users = usersRepository;
    this.mailer = mailer;
    this.flood = flood;
    this.oneTimeLogins = oneTimeLogins;
  }

  /** Sends the e-mail when the name or address is an active account; says only whether the flood stopped it. */
  async request(nameOrEmail: string, ip: string): Promise<FloodVerdict> {
    const verdict = await this.flood.check('reset', nameOrEmail, ip);
    if (verdict.blocked) return verdict;
    await this.flood.register('reset', nameOrEmail, ip);
    const user = await this.users.findByNameOrEmail(nameOrEmail);
    // Blocked and pending accounts get nothing: their owners could not log in anyway.
    if (user?.status === 'active') {
      await this.mailer.send({
        to: user.email, template: 'password-reset', scope: 'membership',
        context: { name: user.username, link: await this.oneTimeLogins.link(user) },
      });
    }
    return verdict;
  }
}
