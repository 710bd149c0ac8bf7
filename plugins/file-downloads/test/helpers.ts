import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import supertest from 'supertest';
import { createAccount, csrfTokenIn, type TestSite } from '../../../test/helpers/site.js';

export interface TestPackage {
  packageId: number;
  productId: number;
  slug: string;
  title: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
}

let serial = 0;

/** A product with one package whose file (random bytes) is on disk under DATA_DIR/files. */
export async function seedPackage(site: TestSite, size: number, title = 'Target group profile of the recent immigrant population, Census, 2016'): Promise<TestPackage> {
  const db = site.kernel.container.resolve('db');
  serial += 1;
  const slug = `test-product-${serial}`;
  const [provider] = await db('data_providers').insert({ name: `Statistics Canada ${serial}`, slug: `statcan-${serial}` }).returning<{ id: number }[]>('id');
  const [group] = await db('product_groups').insert({ name: `Census, 2016 - Target group profile ${serial}`, slug: `tgp-${serial}` }).returning<{ id: number }[]>('id');
  const [product] = await db('products').insert({
    title, slug, data_provider_id: provider?.id, product_group_id: group?.id, years_within_data: '2016', posted_at: '2019-03-24',
  }).returning<{ id: number }[]>('id');
  const bytes = randomBytes(size);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fileName = `sc_cen-rec_2016_tgp-pgc_recent_immigrants_${serial}_CMA_CA_CT.zip`;
  const relative = path.join('test', fileName);
  await fs.mkdir(path.join(site.config.DATA_DIR, 'files', 'test'), { recursive: true });
  await fs.writeFile(path.join(site.config.DATA_DIR, 'files', relative), bytes);
  const [pkg] = await db('geography_packages').insert({
    product_id: product?.id, geography: 'CMA_CA_CT', file_name: fileName, file_size: size, file_sha256: sha256, file_path: relative,
  }).returning<{ id: number }[]>('id');
  return { packageId: pkg?.id ?? 0, productId: product?.id ?? 0, slug, title, fileName, bytes, sha256 };
}

export async function userId(site: TestSite, username: string): Promise<number> {
  const user = await site.kernel.container.resolve('db')('users').select<{ id: number }[]>('id').whereRaw('lower(username) = lower(?)', [username]).first();
  return (user as { id: number } | undefined)?.id ?? 0;
}

/** A member account; returns its id. */
export async function member(site: TestSite, username: string, password = 'a long member passphrase'): Promise<number> {
  await createAccount(site, { username, password, role: 'member' });
  return userId(site, username);
}

export interface GrantOptions {
  download_limit?: number | null;
  address_limit?: number | null;
  expires_at?: Date | null;
  granted_at?: Date;
}

/** A purchased file made directly, as an order would (so these tests do not depend on the checkout). */
export async function grantFile(site: TestSite, user: number, packageId: number, options: GrantOptions = {}): Promise<number> {
  const [row] = await site.kernel.container.resolve('db')('purchased_files')
    .insert({ user_id: user, package_id: packageId, ...options }).returning<{ id: number }[]>('id');
  return row?.id ?? 0;
}

export async function downloadsOf(site: TestSite, purchasedFileId: number): Promise<number> {
  const row = await site.kernel.container.resolve('db')('purchased_files').select<{ downloads: number }[]>('downloads').where({ id: purchasedFileId }).first();
  return (row as { downloads: number } | undefined)?.downloads ?? -1;
}

/** Waits until a condition holds: a download is recorded after its response has closed. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!await check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Lets the responses that just closed record what they sent. */
export const settled = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 300));

/** A logged-in session's Cookie header, for requests made without supertest's agent. */
export async function sessionCookie(site: TestSite, username: string, password = 'a long member passphrase'): Promise<string> {
  const page = await supertest(site.app).get('/user');
  const first = (page.headers['set-cookie'] as unknown as string[] | undefined)?.map((c) => c.split(';')[0]).join('; ') ?? '';
  const login = await supertest(site.app).post('/user').set('Cookie', first).type('form')
    .send({ name: username, pass: password, _csrf: csrfTokenIn(page.text) });
  if (login.status !== 302) throw new Error(`Log in as ${username} failed with ${login.status}`);
  return (login.headers['set-cookie'] as unknown as string[] | undefined)?.map((c) => c.split(';')[0]).join('; ') ?? first;
}

/** The site on a real port, for downloads cut off mid-way and concurrent requests. */
export async function listen(site: TestSite): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(site.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export const downloadUrl = (id: number, fileName: string): string => `/download/${id}/${encodeURIComponent(fileName)}`;
