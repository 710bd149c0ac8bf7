import type { Knex } from 'knex';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Config } from '../../config/index.js';

/** What is being limited: failed log ins, or requests for a new password. */
export type FloodEvent = 'login' | 'reset';

export type FloodVerdict = { blocked: false } | { blocked: true; by: 'account' | 'ip'; limit: number };

const HOUR = 3600;

/**
 * Drupal's flood control: so many events per account and per IP address in a
 * window. Counters live in PostgreSQL (table login_flood), so every instance
 * sees the same ones. Checked before any password is hashed, since each argon2
 * hash costs 19 MiB.
 */
export class Flood {
  private readonly limiters: Record<FloodEvent, { account: RateLimiterPostgres; ip: RateLimiterPostgres }>;

  constructor({ db, config }: { db: Knex; config: Config }) {
    const limiter = (keyPrefix: string, points: number, hours: number) => new RateLimiterPostgres({
      storeClient: db, storeType: 'knex', tableName: 'login_flood', tableCreated: true,
      // Expired rows are overwritten by the next event on the same key; no timer to stop at shutdown.
      clearExpiredByTimeout: false,
      keyPrefix, points, duration: Math.round(hours * HOUR),
    });
    this.limiters = {
      login: {
        account: limiter('login-account', config.LOGIN_FLOOD_USER_LIMIT, config.LOGIN_FLOOD_USER_WINDOW_HOURS),
        ip: limiter('login-ip', config.LOGIN_FLOOD_IP_LIMIT, config.LOGIN_FLOOD_IP_WINDOW_HOURS),
      },
      // Drupal's fixed defaults for password requests.
      reset: { account: limiter('reset-account', 5, 6), ip: limiter('reset-ip', 50, 1) },
    };
  }

  /** Whether the account or the address has used up its allowance (the IP first, as Drupal does). */
  async check(event: FloodEvent, account: string, ip: string): Promise<FloodVerdict> {
    const { account: perAccount, ip: perIp } = this.limiters[event];
    if (((await perIp.get(ip))?.consumedPoints ?? 0) >= perIp.points) return { blocked: true, by: 'ip', limit: perIp.points };
    if (((await perAccount.get(accountKey(account)))?.consumedPoints ?? 0) >= perAccount.points) {
      return { blocked: true, by: 'account', limit: perAccount.points };
    }
    return { blocked: false };
  }

  /** Counts one event against both the account and the address. */
  async register(event: FloodEvent, account: string, ip: string): Promise<void> {
    const { account: perAccount, ip: perIp } = this.limiters[event];
    // penalty() adds points without rejecting once the limit is passed.
    await Promise.all([perIp.penalty(ip), perAccount.penalty(accountKey(account))]);
  }

  /** A successful log in clears the account's counter (not the address's). */
  async clear(event: FloodEvent, account: string): Promise<void> {
    await this.limiters[event].account.delete(accountKey(account));
  }
}

/** Names compare without regard to case, so "Admin" and "admin" share a counter. */
const accountKey = (account: string): string => account.trim().toLowerCase().slice(0, 200);
