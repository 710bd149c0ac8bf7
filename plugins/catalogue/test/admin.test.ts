import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect } from 'chai';
import supertest from 'supertest';
import { ADMIN, bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { sampleZip } from '../samples.js';

type Agent = ReturnType<TestSite['agent']>;
const unescape = (html: string): string => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
const uploadAction = (html: string): string => /action="(\/admin\/catalogue\/\d+\/upload\?token=[^"]+)"/.exec(unescape(html))?.[1] ?? '';

const PRODUCT = {
  title: 'Household income of newcomers, 2021 Census', slug: '', data_provider: 'Statistics Canada', product_group: 'Census, 2021 - Data tables',
  topics: 'Immigration, Income', years_within_data: '2021', posted_at: '2024-02-01', description: 'Household income statistics of newcomer households.',
  notes: 'Sample notes.', custom_geographies_url: '', in_idp: '1', published: '1',
};

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('catalogue: operators\' screens and uploads', () => {
  let site: TestSite;
  let admin: Agent;
  let productId: number;

  before(async () => {
    site = await bootSite();
    admin = site.agent();
    await logIn(admin, ADMIN.username, ADMIN.password);
  });
  after(() => site.close());

  it('sends anonymous visitors to log in and refuses members (403)', async () => {
    const anonymous = await site.agent().get('/admin/catalogue');
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.location).to.match(/^\/user/);
    await createAccount(site, { username: 'member', password: 'member password 1', role: 'member' });
    const member = site.agent();
    await logIn(member, 'member', 'member password 1');
    await member.get('/admin/catalogue').expect(403);
    await member.get('/admin/catalogue/add').expect(403);
    const list = await admin.get('/admin/catalogue').expect(200);
    expect(list.text).to.include('Target group profile of the recent immigrant population, Census, 2016');
    const searched = await admin.get('/admin/catalogue?q=marginalization').expect(200);
    expect(searched.text).to.include('Ontario Marginalization Index, 2016');
    expect(searched.text).to.not.include('Target group profile of the recent immigrant population');
  });

  it('validates the product form beside each field, keeping what was typed', async () => {
    const form = await admin.get('/admin/catalogue/add').expect(200);
    const response = await admin.post('/admin/catalogue/add').type('form')
      .send({ ...PRODUCT, title: '', years_within_data: '2016-2011', posted_at: '2024-02-30', _csrf: csrfTokenIn(form.text) }).expect(400);
    const html = unescape(response.text);
    expect(html).to.include('Title field is required');
    expect(html).to.include('Give a year (2016) or a range from an earlier to a later year (2011-2016).');
    expect(html).to.include('Give a date as YYYY-MM-DD.');
    expect(html).to.include('>Household income statistics of newcomer households.</textarea>');
    expect(html).to.include('value="Census, 2021 - Data tables"');
    const taken = await admin.post('/admin/catalogue/add').type('form')
      .send({ ...PRODUCT, slug: 'ontario-marginalization-index-2016', _csrf: csrfTokenIn(form.text) }).expect(409);
    expect(taken.text).to.include('Another product already has this URL name.');
    await admin.post('/admin/catalogue/add').type('form').send({ ...PRODUCT, price: '5', _csrf: csrfTokenIn(form.text) }).expect(400);
  });

  it('creates, edits, unpublishes (404 publicly) and publishes a product', async () => {
    const form = await admin.get('/admin/catalogue/add').expect(200);
    const created = await admin.post('/admin/catalogue/add').type('form').send({ ...PRODUCT, _csrf: csrfTokenIn(form.text) }).expect(303);
    productId = Number(/\/admin\/catalogue\/(\d+)\/edit/.exec(created.headers.location as string)?.[1]);
    const slug = 'household-income-newcomers-2021-census';
    const page = (await site.agent().get(`/data/${slug}`).expect(200)).text;
    expect(page).to.include('Household income statistics of newcomer households.');
    expect((await site.agent().get('/data?topic=income').expect(200)).text).to.include(PRODUCT.title);

    const edit = await admin.get(`/admin/catalogue/${productId}/edit`).expect(200);
    expect(edit.text).to.include('value="Immigration, Income"');
    await admin.post(`/admin/catalogue/${productId}/edit`).type('form')
      .send({ ...PRODUCT, title: 'Household income of recent newcomers, 2021 Census', slug, topics: 'Income', _csrf: csrfTokenIn(edit.text) }).expect(303);
    const edited = (await site.agent().get(`/data/${slug}`).expect(200)).text;
    expect(edited).to.include('Household income of recent newcomers, 2021 Census');
    expect((await site.agent().get('/data?topic=immigration').expect(200)).text).to.not.include('recent newcomers');

    const list = await admin.get('/admin/catalogue').expect(200);
    await admin.post(`/admin/catalogue/${productId}/unpublish`).type('form').send({ _csrf: csrfTokenIn(list.text) }).expect(303);
    await site.agent().get(`/data/${slug}`).expect(404);
    expect((await site.agent().get('/data?q=newcomers').expect(200)).text).to.not.include('recent newcomers');
    expect((await admin.get('/admin/catalogue').expect(200)).text).to.include('Unpublished');
    await admin.post(`/admin/catalogue/${productId}/publish`).type('form').send({ _csrf: csrfTokenIn(list.text) }).expect(303);
    await site.agent().get(`/data/${slug}`).expect(200);
  });

  it('uploads a zip: streamed, sha256 and size stored, file in place; replacing keeps the package id', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    const edit = await admin.get(`/admin/catalogue/${productId}/edit`).expect(200);
    expect(edit.text).to.include('enctype="multipart/form-data"');
    const bundle = /<script src="(\/bundles\/catalogue\/upload\.[^"]+\.js)" defer><\/script>/.exec(edit.text)?.[1];
    expect((await site.agent().get(bundle as string).expect(200)).text).to.include('X-CSRF-Token');
    const zip = await sampleZip('sc_cen-dt_2021_household_income_CMA_CA_CT.zip', PRODUCT.title, 'CMA_CA_CT', 'Statistics Canada');
    await admin.post(uploadAction(edit.text)).field('geography', 'CMA_CA_CT').field('catalogue_number', '98-10-0001-01')
      .field('release_date', '2024-01-15').attach('file', zip, 'sc_cen-dt_2021_household_income_CMA_CA_CT.zip').expect(303);
    const product = await catalogue.findProductById(productId);
    const stored = product?.packages[0];
    expect(stored?.fileName).to.equal('sc_cen-dt_2021_household_income_CMA_CA_CT.zip');
    expect(stored?.fileSize).to.equal(zip.length);
    expect(stored?.fileSha256).to.equal(createHash('sha256').update(zip).digest('hex'));
    expect(stored?.catalogueNumber).to.equal('98-10-0001-01');
    expect(await fs.readFile(stored?.filePath as string)).to.deep.equal(zip);
    expect(stored?.filePath.startsWith(path.join(site.config.DATA_DIR, 'files'))).to.equal(true);

    // The X-CSRF-Token header is what the progress-bar script sends; the same page posts again.
    const again = await sampleZip('sc_cen-dt_2021_household_income_CMA_CA_CT.zip', 'a new version', 'CMA_CA_CT', 'Statistics Canada');
    await admin.post(`/admin/catalogue/${productId}/upload`).set('X-CSRF-Token', csrfTokenIn(edit.text)).field('geography', 'CMA_CA_CT')
      .attach('file', again, 'sc_cen-dt_2021_household_income_CMA_CA_CT_v2.zip').expect(303);
    const replaced = (await catalogue.findProductById(productId))?.packages[0];
    expect(replaced?.id).to.equal(stored?.id);
    expect(replaced?.fileSha256).to.equal(createHash('sha256').update(again).digest('hex'));
    expect(await fs.readFile(replaced?.filePath as string)).to.deep.equal(again);
    await fs.access(stored?.filePath as string).then(() => expect.fail('the old file should be gone'), () => undefined);
    expect(await filesUnder(catalogue.incomingDir)).to.deep.equal([]);
    // Without the token, the upload is refused before its body is read.
    await admin.post(`/admin/catalogue/${productId}/upload`).field('geography', 'ADA').attach('file', zip, 'x.zip').expect(403);
  });

  it('refuses a non-zip, a file named .zip that is not one, and a too-large file, leaving no file and no row', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    const before = await filesUnder(catalogue.filesDir);
    const edit = await admin.get(`/admin/catalogue/${productId}/edit`).expect(200);
    const action = uploadAction(edit.text);
    const named = await admin.post(action).field('geography', 'ADA').attach('file', Buffer.from('a,b\n1,2\n'), 'table.csv').expect(400);
    expect(named.text).to.include('The file is not a zip archive');
    const fake = await admin.post(action).field('geography', 'ADA').attach('file', Buffer.alloc(5000, 7), 'fake.zip').expect(400);
    expect(fake.text).to.include('The file is not a zip archive');
    const missing = await admin.post(action).field('geography', 'ADA').expect(400);
    expect(missing.text).to.include('Choose a .zip file to upload.');
    const badGeography = await admin.post(action).field('geography', 'MOON').attach('file', await sampleZip('a.zip', 't', 'ADA', 'p'), 'a.zip').expect(400);
    expect(badGeography.text).to.include('Choose the package&#x27;s geography.');

    process.env.CATALOGUE_MAX_UPLOAD_BYTES = '500';
    try {
      const big = await sampleZip('big.zip', 'x'.repeat(5000), 'PT_CD_CSD_DA', 'p');
      expect(big.length).to.be.greaterThan(500);
      const tooLarge = await admin.post(action).field('geography', 'ADA').attach('file', big, 'big.zip').expect(413);
      expect(tooLarge.text).to.include('The file is too large: at most 500 bytes.');
    } finally {
      delete process.env.CATALOGUE_MAX_UPLOAD_BYTES;
    }
    expect((await catalogue.findProductById(productId))?.packages.map((p) => p.geography)).to.deep.equal(['CMA_CA_CT']);
    expect(await filesUnder(catalogue.filesDir)).to.deep.equal(before);
    expect(await filesUnder(catalogue.incomingDir)).to.deep.equal([]);
  });

  it('leaves no file and no row when the upload is aborted midway', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    const before = await filesUnder(catalogue.filesDir);
    // A session of its own, over a raw socket we can cut.
    const loginPage = await supertest(site.app).get('/user');
    const cookie = String(loginPage.headers['set-cookie']).split(';')[0] as string;
    const loggedIn = await supertest(site.app).post('/user').set('Cookie', cookie).type('form')
      .send({ name: ADMIN.username, pass: ADMIN.password, _csrf: csrfTokenIn(loginPage.text) }).expect(302);
    const session = String(loggedIn.headers['set-cookie']).split(';')[0] as string;
    const edit = await supertest(site.app).get(`/admin/catalogue/${productId}/edit`).set('Cookie', session).expect(200);
    const action = uploadAction(edit.text);

    const server = http.createServer(site.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const boundary = 'catalogueboundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="geography"\r\n\r\nADA\r\n`
        + `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="half.zip"\r\nContent-Type: application/zip\r\n\r\n`;
      const request = http.request({
        host: '127.0.0.1', port, method: 'POST', path: action,
        headers: { Cookie: session, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 1_000_000) },
      });
      request.on('error', () => undefined);
      request.write(head);
      request.write(Buffer.alloc(200_000, 1));
      await new Promise((resolve) => setTimeout(resolve, 200));
      request.destroy();
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect((await catalogue.findProductById(productId))?.packages.map((p) => p.geography)).to.deep.equal(['CMA_CA_CT']);
    expect(await filesUnder(catalogue.filesDir)).to.deep.equal(before);
    expect(await filesUnder(catalogue.incomingDir)).to.deep.equal([]);
  });
});
