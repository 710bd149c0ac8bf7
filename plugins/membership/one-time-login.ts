import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config/index.js';
import { sessionSecret } from '../../core/http/sessions.js';
import type { UserRow, UsersRepository } from './repository.js';

/** A link lives a day, even for an account that never logged in (Drupal's does not expire then). */
export const LINK_LIFETIME_SECONDS = 24 * 3600;

export type LinkCheck =
  | { ok: true; user: UserRow; expires: Date }
  | { ok: false; reason: 'expired' | 'invalid' };

/**
 * Drupal's one-time log-in links: /user/reset/<uid>/<timestamp>/<hash>. The
 * hash covers the password hash and the last log in, so the link dies once
 * used, when the password changes, and when the user logs in some other way.
 */
export class OneTimeLogins {
  private readonly users: UsersRepository;
  private readonly config: Config;
  /** Seconds since the epoch; replaced in tests to travel in time. */
  now: () => number = () => Math.floor(Date.now() / 1000);

  constructor({ usersRepository, config }: { usersRepository: UsersRepository; config: Config }) {
    this.users = usersRepository;
    this.config = config;
  }

  /** The absolute link for a user, made now (or at `timestamp`). */
  async link(user: UserRow, timestamp = this.now()): Promise<string> {
    return `${this.config.PUBLIC_URL}/user/reset/${user.id}/${timestamp}/${await this.hash(user, timestamp)}`;
  }

  async check(uid: number, timestamp: number, hash: string): Promise<LinkCheck> {
    const user = await this.users.findById(uid);
    const now = this.now();
    if (!user || user.status !== 'active' || timestamp > now) return { ok: false, reason: 'invalid' };
    if (now - timestamp > LINK_LIFETIME_SECONDS) return { ok: false, reason: 'expired' };
    const expected = Buffer.from(await this.hash(user, timestamp));
    const given = Buffer.from(hash);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'invalid' };
    return { ok: true, user, expires: new Date((timestamp + LINK_LIFETIME_SECONDS) * 1000) };
  }

  private async hash(user: UserRow, timestamp: number): Promise<string> {
    const key = createHmac('sha256', await sessionSecret(this.config)).update('one-time-login').digest();
    const lastLogin = user.last_login_at ? new Date(user.last_login_at).getTime() : 0;
    return createHmac('sha256', key).update(`${user.id}:${timestamp}:${user.password_hash}:${lastLogin}`).digest('base64url');
  }
}
