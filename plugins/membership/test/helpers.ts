import type supertest from 'supertest';
import { bootSite, csrfTokenIn, type TestSite } from '../../../test/helpers/site.js';

export type Agent = ReturnType<typeof supertest.agent>;

/** A registration that passes every rule; tests override one field at a time. */
export const VALID = {
  name: 'Jane Doe',
  mail: 'jane@example.org',
  pass: 'maple syrup canoe lantern',
  pass_confirm: 'maple syrup canoe lantern',
  first_name: 'Jane',
  last_name: 'Doe',
  organization: 'Immigrant Services Calgary',
  consortium: '',
  terms: '1',
};

export async function register(agent: Agent, fields: Record<string, string | undefined> = {}) {
  const page = await agent.get('/user/register');
  const body: Record<string, string> = { _csrf: csrfTokenIn(page.text) };
  for (const [key, value] of Object.entries({ ...VALID, ...fields })) if (value !== undefined) body[key] = value;
  return agent.post('/user/register').type('form').send(body);
}

/** The messages the site queued for an address, newest last. */
export async function mailsTo(site: TestSite, recipient: string): Promise<{ subject: string; text_body: string }[]> {
  return site.kernel.container.resolve('db')('notification_outbox').where({ recipient }).orderBy('id').select('subject', 'text_body');
}

/** The one-time link in a message, as a path on the site. */
export function linkIn(text: string): string {
  const match = /https?:\/\/[^/\s]+(\/user\/reset\/\d+\/\d+\/[A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error(`No one-time link in: ${text}`);
  return match[1];
}

/** Posts a form found on a page (its CSRF token included). */
export async function submit(agent: Agent, pagePath: string, action: string, fields: Record<string, string> = {}) {
  const page = await agent.get(pagePath);
  return agent.post(action).type('form').send({ _csrf: csrfTokenIn(page.text), ...fields });
}

/** The environment of these tests: no demo content (other plugins' demos are not ours to wait for), no CAPTCHA. */
export const TEST_ENV = { CAPTCHA: 'false', DEMO_CONTENT: 'false' };

/** Two consortia with one approved organization each, and one pending organization, straight into the consortia plugin's tables. */
export async function seedOrganizations(site: TestSite): Promise<void> {
  const db = site.kernel.container.resolve('db');
  const [network] = await db('consortia').insert({ name: 'Immigration Sector Network', slug: 'immigration-sector-network', kind: 'sector-network' }).returning('id');
  const [bowValley] = await db('consortia').insert({ name: 'Bow Valley', slug: 'bow-valley', kind: 'local' }).returning('id');
  await db('member_organizations').insert([
    { name: 'Immigrant Services Calgary', slug: 'immigrant-services-calgary', consortium_id: (network as { id: number }).id, status: 'approved' },
    { name: 'Biosphere Institute of the Bow Valley', slug: 'biosphere-institute-bow-valley', consortium_id: (bowValley as { id: number }).id, status: 'approved' },
    { name: 'Waiting Society', slug: 'waiting-society', consortium_id: (bowValley as { id: number }).id, status: 'pending' },
  ]);
}

/** A site for these tests, with the organizations above. */
export async function bootMembershipSite(env: Record<string, string> = {}): Promise<TestSite> {
  const site = await bootSite({ env: { ...TEST_ENV, ...env } });
  await seedOrganizations(site);
  return site;
}
