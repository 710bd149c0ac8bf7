import { createHmac } from 'node:crypto';
import type { Knex } from 'knex';
import { createChallenge, verifySolution, type Challenge, type Payload } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

/** How hard the proof of work is: about half a second in a current browser. */
const ALGORITHM = 'PBKDF2/SHA-256';
const COST = 5_000;
const LIFETIME_MINUTES = 20;

/**
 * A self-hosted, accessible CAPTCHA (ALTCHA proof of work): the browser solves
 * a small puzzle while the visitor fills in the form, nothing calls a third
 * party, and a solved puzzle is accepted only once (recorded in the database,
 * so every instance knows).
 */
export class Captcha {
  readonly enabled: boolean;
  private readonly secret: string;
  private readonly db: Knex;

  constructor({ enabled, secret, db }: { enabled: boolean; secret: string; db: Knex }) {
    this.enabled = enabled;
    this.secret = createHmac('sha256', secret).update('altcha-challenges').digest('hex');
    this.db = db;
  }

  challenge(): Promise<Challenge> {
    return createChallenge({
      algorithm: ALGORITHM,
      cost: COST,
      deriveKey,
      expiresAt: new Date(Date.now() + LIFETIME_MINUTES * 60_000),
      hmacSignatureSecret: this.secret,
    });
  }

  /** Whether the form's `altcha` field holds a fresh, unused solution (always true when switched off). */
  async verify(value: unknown): Promise<boolean> {
    if (!this.enabled) return true;
    const payload = decode(value);
    if (!payload?.challenge.signature) return false;
    const result = await verifySolution({
      challenge: payload.challenge, solution: payload.solution, deriveKey, hmacSignatureSecret: this.secret,
    }).catch(() => undefined);
    if (!result?.verified) return false;
    await this.db('captcha_spent').where('expires_at', '<', this.db.fn.now()).delete();
    const inserted = await this.db('captcha_spent')
      .insert({ signature: payload.challenge.signature, expires_at: new Date(Date.now() + LIFETIME_MINUTES * 60_000) })
      .onConflict('signature').ignore()
      .returning('signature');
    return inserted.length === 1;
  }
}

function decode(value: unknown): Payload | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > 10_000) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<Payload>;
    if (!parsed.challenge?.parameters || !parsed.solution) return undefined;
    return parsed as Payload;
  } catch {
    return undefined;
  }
}
