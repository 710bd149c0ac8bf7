import type { CurrentUser, Role } from '../../core/auth/permissions.js';
import type { Mailer } from '../notifications/mailer.js';
import type { OneTimeLogins } from './one-time-login.js';
import type { PersonRow, UserRow, UsersRepository } from './repository.js';

/** Who acts: a user of /admin/people, or the command line (which runs with the administrator's rights). */
export type Actor = Pick<CurrentUser, 'id' | 'role'> | 'command';

export type PeopleResult =
  | { ok: true; user: UserRow; changed: boolean }
  | { ok: false; reason: 'not-found' | 'forbidden' | 'last-administrator' };

const isAdministrator = (actor: Actor) => actor === 'command' || actor.role === 'administrator';

/**
 * What operators do to accounts: activate them (with the "approved" e-mail
 * and a one-time log-in link), block them, and change their role. Only an
 * administrator may touch the administrator role or an administrator's account.
 */
export class People {
  private readonly users: UsersRepository;
  private readonly mailer: Mailer;
  private readonly oneTimeLogins: OneTimeLogins;

  constructor({ usersRepository, mailer, oneTimeLogins }: { usersRepository: UsersRepository; mailer: Mailer; oneTimeLogins: OneTimeLogins }) {
    this.users = usersRepository;
    this.mailer = mailer;
    this.oneTimeLogins = oneTimeLogins;
  }

  list(options: { pendingOnly?: boolean } = {}): Promise<PersonRow[]> {
    return this.users.listPeople(options);
  }

  findByName(username: string): Promise<UserRow | undefined> {
    return this.users.findByUsername(username);
  }

  async activate(actor: Actor, id: number): Promise<PeopleResult> {
    const target = await this.target(actor, id);
    if (!target.ok) return target;
    if (target.user.status === 'active') return { ok: true, user: target.user, changed: false };
    // A newly activated registrant becomes a member; a role given before is kept.
    const user = await this.users.activate(id, target.user.role === 'authenticated' ? 'member' : target.user.role);
    if (!user) return { ok: false, reason: 'not-found' };
    await this.mailer.send({
      to: user.email, template: 'activated', scope: 'membership',
      context: { name: user.username, link: await this.oneTimeLogins.link(user) },
    });
    return { ok: true, user, changed: true };
  }

  async block(actor: Actor, id: number): Promise<PeopleResult> {
    const target = await this.target(actor, id);
    if (!target.ok) return target;
    if (actor !== 'command' && actor.id === id) return { ok: false, reason: 'forbidden' };
    if (target.user.status === 'blocked') return { ok: true, user: target.user, changed: false };
    if (await this.isLastAdministrator(target.user)) return { ok: false, reason: 'last-administrator' };
    const user = await this.users.update(id, { status: 'blocked' });
    return user ? { ok: true, user, changed: true } : { ok: false, reason: 'not-found' };
  }

  async setRole(actor: Actor, id: number, role: Exclude<Role, 'anonymous'>): Promise<PeopleResult> {
    const target = await this.target(actor, id);
    if (!target.ok) return target;
    if (role === 'administrator' && !isAdministrator(actor)) return { ok: false, reason: 'forbidden' };
    // Nobody demotes themselves by mistake, and the site keeps its administrator.
    if (actor !== 'command' && actor.id === id) return { ok: false, reason: 'forbidden' };
    if (target.user.role === role) return { ok: true, user: target.user, changed: false };
    if (await this.isLastAdministrator(target.user)) return { ok: false, reason: 'last-administrator' };
    const user = await this.users.update(id, { role });
    return user ? { ok: true, user, changed: true } : { ok: false, reason: 'not-found' };
  }

  /** The site always keeps one active administrator (at start it would otherwise try to create one again). */
  private async isLastAdministrator(user: UserRow): Promise<boolean> {
    return user.role === 'administrator' && user.status === 'active' && (await this.users.countActiveAdministrators()) <= 1;
  }

  /** The account an actor may change: it exists, and an operator never changes an administrator. */
  private async target(actor: Actor, id: number): Promise<{ ok: true; user: UserRow } | { ok: false; reason: 'not-found' | 'forbidden' }> {
    const user = Number.isSafeInteger(id) ? await this.users.findById(id) : undefined;
    if (!user) return { ok: false, reason: 'not-found' };
    if (user.role === 'administrator' && !isAdministrator(actor)) return { ok: false, reason: 'forbidden' };
    return { ok: true, user };
  }
}
