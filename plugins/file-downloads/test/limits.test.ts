import { expect } from 'chai';
import { bootSite, logIn, type TestSite } from '../../../test/helpers/site.js';
import { downloadsOf, downloadUrl, eventually, grantFile, member, seedPackage, type TestPackage } from './helpers.js';

const PASSWORD = 'a long member passphrase';
const CONTACT = 'Please contact the site administrator if this message has been received in error.';

describe('file-downloads: limits, their messages and the order of the checks', () => {
  let site: TestSite;
  let pkg: TestPackage;
  let other: TestPackage;
  before(async () => {
    // One proxy in front, so that each test can come from addresses of its own.
    site = await bootSite({ env: { DEMO_CONTENT: 'false', TRUST_PROXY: '1' } });
    pkg = await seedPackage(site, 5000);
    other = await seedPackage(site, 3000, 'Income in 2015, 2016 Census');
  });
  after(async () => { await site.close(); });

  const owner = async (name: string, options: Parameters<typeof grantFile>[3] = {}) => {
    const id = await member(site, name);
    const file = await grantFile(site, id, pkg.packageId, options);
    const agent = site.agent();
    await logIn(agent, name, PASSWORD);
    return { id, file, agent, url: downloadUrl(file, pkg.fileName) };
  };

  it('refuses a new address over the address limit, and always allows an address already used', async () => {
    const { file, agent, url } = await owner('Address Ada', { address_limit: 1 });
    expect((await agent.get(url).set('X-Forwarded-For', '10.1.0.1')).status).to.equal(200);
    const refused = await agent.get(url).set('X-Forwarded-For', '10.1.0.2');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include(`You have downloaded this file from too many different locations. ${CONTACT}`);
    expect(refused.text).to.include('different addresses');
    expect(refused.text).to.include('mailto:information@communitydata.ca');
    expect((await agent.get(url).set('X-Forwarded-For', '10.1.0.1')).status).to.equal(200);
    await eventually(async () => await downloadsOf(site, file) === 2);
    const addresses = await site.kernel.container.resolve('db')('download_addresses').where({ purchased_file_id: file });
    expect(addresses.map((a: { address: string }) => a.address)).to.deep.equal(['10.1.0.1']);
  });

  it('refuses a download past the download limit', async () => {
    const { id, file, agent, url } = await owner('Limited Lou', { download_limit: 1 });
    expect((await agent.get(url).set('X-Forwarded-For', '10.2.0.1')).status).to.equal(200);
    await eventually(async () => await downloadsOf(site, file) === 1);
    const refused = await agent.get(url).set('X-Forwarded-For', '10.2.0.1');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.include(`You have reached the download limit for this file. ${CONTACT}`);
    expect(refused.text).to.include('information@communitydata.ca');
    expect((await agent.get(`/user/${id}/purchased-files`)).text).to.include('<td class="downloads">1/1</td>');
  });

  it('refuses an expired download', async () => {
    const { agent, url } = await owner('Expired Ed', { expires_at: new Date(Date.now() - 1000) });
    const refused = await agent.get(url).set('X-Forwarded-For', '10.3.0.1');
    expect(refused.status).to.equal(410);
    expect(refused.text).to.include(`This file download has expired. ${CONTACT}`);
    expect(refused.text).to.include('information@communitydata.ca');
  });

  it('runs the checks in the reference order: addresses, then downloads, then expiry', async () => {
    const { file, agent, url } = await owner('Every Limit Eli', { address_limit: 1, download_limit: 1, expires_at: new Date(Date.now() - 1000) });
    await site.kernel.container.resolve('db')('download_addresses').insert({ purchased_file_id: file, address: '10.4.0.1' });
    await site.kernel.container.resolve('db')('purchased_files').where({ id: file }).update({ downloads: 1 });
    expect((await agent.get(url).set('X-Forwarded-For', '10.4.0.2')).text).to.include('too many different locations');
    expect((await agent.get(url).set('X-Forwarded-For', '10.4.0.1')).text).to.include('reached the download limit');
    await site.kernel.container.resolve('db')('purchased_files').where({ id: file }).update({ downloads: 0 });
    expect((await agent.get(url).set('X-Forwarded-For', '10.4.0.1')).text).to.include('has expired');
  });

  it('stops an address after 50 bad download links in a day, even for a good link', async () => {
    const { agent, url } = await owner('Flooding Flo');
    for (let i = 0; i < 50; i += 1) {
      const bad = await agent.get(`/download/${999_000 + i}/nothing.zip`).set('X-Forwarded-For', '10.5.0.1');
      expect(bad.status).to.equal(404);
      if (i === 0) expect(bad.text).to.include(`The following URL is not a valid download link. ${CONTACT}`);
    }
    const stopped = await agent.get(url).set('X-Forwarded-For', '10.5.0.1');
    expect(stopped.status).to.equal(429);
    expect(stopped.text).to.include(`You have attempted to download an incorrect file URL too many times. ${CONTACT}`);
    expect((await agent.get(url).set('X-Forwarded-For', '10.5.0.2')).status).to.equal(200);
  });

  it('counts a wrong file name as a bad link', async () => {
    const { file, agent } = await owner('Wrong Name Wes');
    const wrong = await agent.get(downloadUrl(file, 'another.zip')).set('X-Forwarded-For', '10.6.0.1');
    expect(wrong.status).to.equal(404);
    const row = await site.kernel.container.resolve('db')('download_bad_requests').where({ address: '10.6.0.1' }).first<{ count: number }>();
    expect(row?.count).to.equal(1);
  });

  describe('orders (the fulfiller)', () => {
    const order = async (userId: number, id: number, packages: TestPackage[]) => {
      const db = site.kernel.container.resolve('db');
      const [row] = await db('orders').insert({ user_id: userId, submission_key: `test-${userId}-${id}` }).returning<{ id: number }[]>('id');
      await db.transaction((trx) => site.kernel.container.resolve('fulfilment').fulfil(trx, {
        id: row?.id ?? 0, userId, createdAt: new Date(),
        lines: packages.map((p) => ({ productId: p.productId, productTitle: p.title, packageId: p.packageId, geography: 'CMA_CA_CT', fileName: p.fileName })),
      }));
      return row?.id ?? 0;
    };
    const owned = (userId: number, packageId: number) => site.kernel.container.resolve('db')('purchased_files').where({ user_id: userId, package_id: packageId })
      .first<{ download_limit: number | null; address_limit: number | null; expires_at: Date | null; order_id: number }>();

    it('grants one file per line, Unlimited by default, and refuses to add it again to the cart', async () => {
      const buyer = await member(site, 'Buying Bo');
      const orderId = await order(buyer, 1, [pkg, other]);
      const file = await owned(buyer, pkg.packageId);
      expect(file).to.include({ download_limit: null, address_limit: null, expires_at: null, order_id: orderId });
      expect(await owned(buyer, other.packageId)).to.not.equal(undefined);
      const fulfilment = site.kernel.container.resolve('fulfilment');
      expect(await fulfilment.refuseAdd(buyer, [pkg.packageId])).to.equal(`You already have privileges to download ${pkg.fileName}.`);
      const stranger = await member(site, 'Stranger Stu');
      expect(await fulfilment.refuseAdd(stranger, [pkg.packageId])).to.equal(undefined);
    });

    it('takes the product\'s limits, else the default, and adds them up when a file is bought again', async () => {
      const purchasedFiles = site.kernel.container.resolve('purchasedFiles');
      await purchasedFiles.saveLimits(undefined, { download_limit: 2, address_limit: 1, expire_days: 10 });
      expect(await purchasedFiles.saveLimits(other.slug, { download_limit: 5, address_limit: null, expire_days: null })).to.equal(true);
      const buyer = await member(site, 'Rebuying Rae');
      await order(buyer, 1, [pkg, other]);
      const first = await owned(buyer, pkg.packageId);
      expect(first).to.include({ download_limit: 2, address_limit: 1 });
      const days = ((first?.expires_at?.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(days).to.be.within(9.9, 10.1);
      expect(await owned(buyer, other.packageId)).to.include({ download_limit: 5, address_limit: null, expires_at: null });
      expect(await site.kernel.container.resolve('fulfilment').refuseAdd(buyer, [pkg.packageId])).to.equal(undefined);
      await order(buyer, 2, [pkg, other]);
      const again = await owned(buyer, pkg.packageId);
      expect(again).to.include({ download_limit: 4, address_limit: 2 });
      const moreDays = ((again?.expires_at?.getTime() ?? 0) - Date.now()) / 86_400_000;
      expect(moreDays).to.be.within(19.9, 20.1);
      expect(await owned(buyer, other.packageId)).to.include({ download_limit: 10 });
      await purchasedFiles.saveLimits(undefined, { download_limit: null, address_limit: null, expire_days: null });
      await purchasedFiles.removeProductLimits(other.productId);
    });
  });
});
