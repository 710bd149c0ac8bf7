import { expect } from 'chai';
import { bootSite, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { downloadsOf, eventually, member, seedPackage, type TestPackage } from './helpers.js';

const PASSWORD = 'a long member passphrase';

describe('file-downloads: from Submit order to the download', () => {
  let site: TestSite;
  let pkg: TestPackage;
  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    pkg = await seedPackage(site, 4000, 'Ordered table, Census 2016');
  });
  after(async () => { await site.close(); });

  it('grants the ordered file, lists it, serves it, and keeps it out of the cart afterwards', async () => {
    const db = site.kernel.container.resolve('db');
    const buyer = await member(site, 'Ordering Orla');
    const organization = await db('member_organizations').where({ name: 'Biosphere Institute of the Bow Valley' }).first<{ id: number }>('id');
    await db('users').where({ id: buyer }).update({ organization_id: organization?.id });
    const agent = site.agent();
    await logIn(agent, 'Ordering Orla', PASSWORD);

    const product = await agent.get(`/data/${pkg.slug}`);
    expect(product.status).to.equal(200);
    const added = await agent.post('/cart/add').type('form')
      .send(`_csrf=${encodeURIComponent(csrfTokenIn(product.text))}&product_id=${pkg.productId}&geographies=CMA_CA_CT`);
    expect(added.status).to.be.within(300, 399);
    const checkout = await agent.get('/cart/checkout');
    expect(checkout.status).to.equal(200);
    const key = /name="submission_key" value="([^"]+)"/.exec(checkout.text)?.[1] ?? '';
    const submitted = await agent.post('/cart/checkout').type('form').send({ _csrf: csrfTokenIn(checkout.text), submission_key: key });
    expect(submitted.status).to.be.within(300, 399);

    const page = await agent.get(`/user/${buyer}/purchased-files`);
    expect(page.text).to.include(`${pkg.title} (CMA CA CT)`);
    expect(page.text).to.include('<td class="downloads">0/Unlimited</td>');
    const href = /<a href="(\/download\/\d+\/[^"]+)">/.exec(page.text)?.[1] ?? '';
    const file = await agent.get(href).buffer(true);
    expect(file.status).to.equal(200);
    expect(file.headers['content-length']).to.equal('4000');
    const id = Number(/\/download\/(\d+)\//.exec(href)?.[1]);
    await eventually(async () => await downloadsOf(site, id) === 1);

    const again = await agent.get(`/data/${pkg.slug}`);
    const refused = await agent.post('/cart/add').type('form')
      .send(`_csrf=${encodeURIComponent(csrfTokenIn(again.text))}&product_id=${pkg.productId}&geographies=CMA_CA_CT`);
    expect(refused.text).to.include(`You already have privileges to download ${pkg.fileName}.`);
    expect(await db('cart_lines').where({ user_id: buyer })).to.have.length(0);
  });
});
