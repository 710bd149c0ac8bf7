import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { downloadsOf, grantFile, member, seedPackage, type TestPackage } from './helpers.js';

const PASSWORD = 'a long member passphrase';

describe('file-downloads: operators', () => {
  let site: TestSite;
  let pkg: TestPackage;
  let operator: ReturnType<TestSite['agent']>;
  before(async () => {
    site = await bootSite({ env: { DEMO_CONTENT: 'false' } });
    pkg = await seedPackage(site, 1000);
    await createAccount(site, { username: 'Olga Operator', password: PASSWORD, role: 'operator' });
    operator = site.agent();
    await logIn(operator, 'Olga Operator', PASSWORD);
  });
  after(async () => { await site.close(); });

  it('keeps members out of the operators\' screens', async () => {
    await member(site, 'Plain Pat');
    const plain = site.agent();
    await logIn(plain, 'Plain Pat', PASSWORD);
    expect((await plain.get('/admin/downloads')).status).to.equal(403);
    expect((await plain.get('/admin/downloads/limits')).status).to.equal(403);
    expect((await site.agent().get('/admin/downloads')).status).to.equal(302);
    const admin = await operator.get('/admin');
    expect(admin.text).to.include('/admin/downloads');
    expect(admin.text).to.include('/admin/downloads/limits');
  });

  it('lists purchased files with user, file, counts and addresses, and resets a file after asking', async () => {
    const user = await member(site, 'Counted Cora');
    const file = await grantFile(site, user, pkg.packageId, { download_limit: 3 });
    const db = site.kernel.container.resolve('db');
    await db('purchased_files').where({ id: file }).update({ downloads: 3 });
    await db('download_addresses').insert([{ purchased_file_id: file, address: '10.0.0.1' }, { purchased_file_id: file, address: '10.0.0.2' }]);
    const list = await operator.get('/admin/downloads');
    expect(list.status).to.equal(200);
    expect(list.text).to.include('Counted Cora');
    expect(list.text).to.include(pkg.fileName);
    expect(list.text).to.include('<td class="downloads">3/3</td>');
    expect(list.text).to.include('<td class="addresses">2/Unlimited</td>');
    const ask = await operator.post(`/admin/downloads/${file}/reset`).type('form').send({ _csrf: csrfTokenIn(list.text) });
    expect(ask.status).to.equal(200);
    expect(ask.text).to.include('Reset download counts?');
    expect(ask.text).to.include('name="confirm" value="yes"');
    expect(await downloadsOf(site, file)).to.equal(3);
    const done = await operator.post(`/admin/downloads/${file}/reset`).type('form').send({ _csrf: csrfTokenIn(ask.text), confirm: 'yes' });
    expect(done.status).to.equal(302);
    expect(await downloadsOf(site, file)).to.equal(0);
    expect(await db('download_addresses').where({ purchased_file_id: file })).to.have.length(0);
    const after = await operator.get('/admin/downloads');
    expect(after.text).to.include(`The download counts of ${pkg.fileName} for Counted Cora have been reset.`);
    expect(after.text).to.include('<td class="downloads">0/3</td>');
    expect((await operator.post('/admin/downloads/999999/reset').type('form').send({ _csrf: csrfTokenIn(after.text) })).status).to.equal(404);
  });

  it('sets the default limits, keeping what was typed beside the error when a value is wrong', async () => {
    const page = await operator.get('/admin/downloads/limits');
    expect(page.status).to.equal(200);
    const wrong = await operator.post('/admin/downloads/limits').type('form')
      .send({ _csrf: csrfTokenIn(page.text), download_limit: 'lots', address_limit: '2', expire_days: '' });
    expect(wrong.status).to.equal(400);
    expect(wrong.text).to.include('has-error');
    expect(wrong.text).to.include('Downloads per file must be a whole number from 1, or empty for Unlimited.');
    expect(wrong.text).to.include('value="lots"');
    const saved = await operator.post('/admin/downloads/limits').type('form')
      .send({ _csrf: csrfTokenIn(wrong.text), download_limit: '5', address_limit: '2', expire_days: '' });
    expect(saved.status).to.equal(302);
    const global = await site.kernel.container.resolve('db')('download_limits').whereNull('product_id').first();
    expect(global).to.include({ download_limit: 5, address_limit: 2, expire_days: null });
    const shown = await operator.get('/admin/downloads/limits');
    expect(shown.text).to.include('The default limits have been saved.');
    expect(shown.text).to.include('id="global-download-limit" name="download_limit" value="5"');
  });

  it('sets, shows, edits and removes a product\'s own limits', async () => {
    const page = await operator.get('/admin/downloads/limits');
    const missing = await operator.post('/admin/downloads/limits').type('form')
      .send({ _csrf: csrfTokenIn(page.text), product: '/data/no-such-product', download_limit: '1', address_limit: '', expire_days: '' });
    expect(missing.status).to.equal(422);
    expect(missing.text).to.include('There is no product at that address.');
    expect(missing.text).to.include('value="/data/no-such-product"');
    const saved = await operator.post('/admin/downloads/limits').type('form')
      .send({ _csrf: csrfTokenIn(missing.text), product: `/data/${pkg.slug}`, download_limit: '1', address_limit: '', expire_days: '30' });
    expect(saved.status).to.equal(302);
    const listed = await operator.get('/admin/downloads/limits');
    expect(listed.text).to.include(pkg.title);
    const edit = await operator.get(`/admin/downloads/limits?product=${pkg.slug}`);
    expect(edit.text).to.include(`name="product" value="${pkg.slug}"`);
    expect(edit.text).to.include('id="product-expire-days" name="expire_days" value="30"');
    const removed = await operator.post(`/admin/downloads/limits/${pkg.productId}/remove`).type('form').send({ _csrf: csrfTokenIn(edit.text) });
    expect(removed.status).to.equal(302);
    expect(await site.kernel.container.resolve('db')('download_limits').where({ product_id: pkg.productId })).to.have.length(0);
  });
});
