import type supertest from 'supertest';
import type { TestSite } from '../../../test/helpers/site.js';
import { createAccount, logIn } from '../../../test/helpers/site.js';

export type Agent = ReturnType<typeof supertest.agent>;

export const PASSWORD = 'a long enough password';
export const LOCAL_ORGANIZATION = 'Biosphere Institute of the Bow Valley';
export const NETWORK_ORGANIZATION = 'Immigrant Services Calgary';

export interface TestProduct {
  id: number;
  slug: string;
  title: string;
  /** Package id by geography code. */
  packages: Record<string, number>;
}

let counter = 0;

/** A published product with one package per geography, written straight into the catalogue's tables. */
export async function insertProduct(site: TestSite, options: { title: string; inIdp?: boolean; geographies: string[] }): Promise<TestProduct> {
  const db = site.kernel.container.resolve('db');
  counter += 1;
  const slug = `cart-test-${counter}-${options.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const [provider] = await db('data_providers').insert({ name: `Provider ${slug}`, slug: `provider-${slug}` }).returning<{ id: number }[]>('id');
  const [group] = await db('product_groups').insert({ name: `Group ${slug}`, slug: `group-${slug}` }).returning<{ id: number }[]>('id');
  const [product] = await db('products').insert({
    title: options.title, slug, data_provider_id: provider!.id, product_group_id: group!.id,
    years_within_data: '2016', posted_at: '2019-05-08', in_idp: options.inIdp ?? false,
  }).returning<{ id: number }[]>('id');
  const packages: Record<string, number> = {};
  for (const geography of options.geographies) {
    const [row] = await db('geography_packages').insert({
      product_id: product!.id, geography, file_name: `${slug}_${geography}.zip`, file_size: 100,
      file_sha256: '0'.repeat(64), file_path: `${slug}_${geography}.zip`,
    }).returning<{ id: number }[]>('id');
    packages[geography] = row!.id;
  }
  return { id: product!.id, slug, title: options.title, packages };
}

/** An activated member of a demo organization, logged in. */
export async function member(site: TestSite, username: string, organization: string | null = LOCAL_ORGANIZATION, role: 'member' | 'authenticated' | 'operator' = 'member'): Promise<{ agent: Agent; id: number }> {
  await createAccount(site, { username, password: PASSWORD, role });
  const db = site.kernel.container.resolve('db');
  if (organization) {
    const org = await db('member_organizations').where({ name: organization }).first<{ id: number } | undefined>('id');
    if (!org) throw new Error(`No organization ${organization}`);
    await db('users').where({ username }).update({ organization_id: org.id });
  }
  const user = await db('users').where({ username }).first<{ id: number }>('id');
  const agent = site.agent();
  await logIn(agent, username, PASSWORD);
  return { agent, id: user.id };
}

/** This session's CSRF token, from any page with a form or the Logout link. */
export async function tokenOf(agent: Agent, page = '/cart'): Promise<string> {
  const html = (await agent.get(page)).text;
  // The Logout link's query is HTML-escaped: token&#x3D;…
  const match = /name="_csrf" value="([^"]+)"/.exec(html) ?? /token(?:=|&#x3D;)([0-9a-f]+)/.exec(html);
  if (!match?.[1]) throw new Error(`No CSRF token on ${page}`);
  return match[1];
}

/** Posts Add to cart as the product page's form does. */
export async function addToCart(agent: Agent, productId: number, geographies: string[], from?: string): Promise<supertest.Response> {
  const token = await tokenOf(agent);
  const body = new URLSearchParams({ _csrf: token, product_id: String(productId) });
  for (const g of geographies) body.append('geographies', g);
  if (from !== undefined) body.append('from', from);
  return agent.post('/cart/add').type('form').send(body.toString());
}

export async function cartRows(site: TestSite, userId: number): Promise<{ product_id: number; geographies: string[] }[]> {
  return site.kernel.container.resolve('db')('cart_lines').where({ user_id: userId }).orderBy('id').select('product_id', 'geographies');
}

export async function mailTo(site: TestSite, recipient: string): Promise<{ recipient: string; subject: string; text_body: string }[]> {
  return site.kernel.container.resolve('db')('notification_outbox').where({ recipient }).orderBy('id').select('recipient', 'subject', 'text_body');
}

/** A page's HTML with the entities Handlebars writes in attributes turned back into characters. */
export function unescaped(html: string): string {
  return html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
}
