import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import type supertest from 'supertest';

/** Does what the ALTCHA widget does in a browser: fetches a challenge, solves it, returns the form's `altcha` value. */
export async function solveCaptcha(agent: ReturnType<typeof supertest.agent>): Promise<string> {
  const challenge = (await agent.get('/captcha/challenge')).body as Challenge;
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('The CAPTCHA challenge could not be solved');
  return Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
}
