import { expect } from 'chai';
import { ADMIN, bootSite, createAccount, logIn, type TestSite } from '../../../test/helpers/site.js';
import { grantFile, member, seedPackage, type TestPackage } from './helpers.js';

const NOTICE = 'Once your download is finished, you must refresh the page to download again. (Provided you have permission) Downloads will not be counted until the file is finished transferring, even though the number may increment when you click. Do not use any download acceleration feature to download the file, or you may lock yourself out of the download.';
const PASSWORD = 'a long member passphrase';

describe('file-downloads: the File downloads page', () => {
  let site: TestSite;
  let older: TestPackage;
  let newer: TestPackage;
  let mona: number;
  before(async () => {
    site = await bootSite({ env: { DEMO_CONTENT: 'false' } });
    older = await seedPackage(site, 1000, 'Target group profile of the immigrant population, Census, 2016');
    newer = await seedPackage(site, 2000, 'Target group profile of the recent immigrant population, Census, 2016');
    mona = await member(site, 'Mona Member');
    await member(site, 'Empty Eve');
    await member(site, 'Other Otto');
    await createAccount(site, { username: 'Olga Operator', password: PASSWORD, role: 'operator' });
    await grantFile(site, mona, older.packageId, { granted_at: new Date('2026-01-02T12:00:00Z') });
    await grantFile(site, mona, newer.packageId, { granted_at: new Date('2026-03-04T12:00:00Z') });
  });
  after(async () => { await site.close(); });

  it('says "No downloads found" under the notice when the user has no files', async () => {
    const agent = site.agent();
    await logIn(agent, 'Empty Eve', PASSWORD);
    const eve = (await site.kernel.container.resolve('db')('users').where({ username: 'Empty Eve' }).first<{ id: number }>())?.id;
    const page = await agent.get(`/user/${eve}/purchased-files`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include('<title>File downloads');
    expect(page.text).to.include(NOTICE);
    expect(page.text).to.include('No downloads found');
  });

  it('lists the files newest first with the guide\'s columns, links and 0/Unlimited', async () => {
    const agent = site.agent();
    await logIn(agent, 'Mona Member', PASSWORD);
    const page = await agent.get(`/user/${mona}/purchased-files`);
    expect(page.status).to.equal(200);
    expect(page.text).to.include(NOTICE);
    for (const column of ['Purchased', 'Filename', 'Description', 'Downloads', 'Addresses']) expect(page.text).to.include(`<th scope="col">${column}</th>`);
    expect(page.text.indexOf(newer.fileName)).to.be.greaterThan(0);
    expect(page.text.indexOf(newer.fileName)).to.be.lessThan(page.text.indexOf(older.fileName));
    expect(page.text).to.match(new RegExp(`<a href="/download/\\d+/${newer.fileName}">${newer.fileName}</a>`));
    expect(page.text).to.include(`${newer.title} (CMA CA CT)`);
    expect(page.text).to.include('<td class="downloads">0/Unlimited</td>');
    expect(page.text).to.include('<td class="addresses">0/Unlimited</td>');
    expect(page.text).to.include(`href="/user/${mona}/purchased-files"`);
  });

  it('shows when a file expires, and an expired file as plain text without a link', async () => {
    const ida = await member(site, 'Ida Expiring');
    const soon = await grantFile(site, ida, older.packageId, { expires_at: new Date(Date.now() + 86_400_000 * 10) });
    const gone = await grantFile(site, ida, newer.packageId, { expires_at: new Date(Date.now() - 60_000) });
    const agent = site.agent();
    await logIn(agent, 'Ida Expiring', PASSWORD);
    const page = await agent.get(`/user/${ida}/purchased-files`);
    expect(page.text).to.match(new RegExp(`<a href="/download/${soon}/${older.fileName}">${older.fileName}</a> <span class="expires">\\(expires on [^)]+\\)</span>`));
    expect(page.text).to.not.include(`/download/${gone}/`);
    expect(page.text).to.include(`${newer.fileName} <span class="expired">`);
  });

  it('shows 50 files a page', async () => {
    const paul = await member(site, 'Paged Paul');
    for (let i = 0; i < 51; i += 1) {
      const pkg = await seedPackage(site, 10, `Paged product ${i}`);
      await grantFile(site, paul, pkg.packageId, { granted_at: new Date(Date.UTC(2026, 0, 1, 0, i)) });
    }
    const agent = site.agent();
    await logIn(agent, 'Paged Paul', PASSWORD);
    const first = await agent.get(`/user/${paul}/purchased-files`);
    expect(first.text.match(/<tr data-file=/g)).to.have.length(50);
    expect(first.text).to.include('Paged product 50 (CMA CA CT)');
    expect(first.text).to.not.include('Paged product 0 (CMA CA CT)');
    const second = await agent.get(`/user/${paul}/purchased-files?page=2`);
    expect(second.text.match(/<tr data-file=/g)).to.have.length(1);
    expect(second.text).to.include('Paged product 0 (CMA CA CT)');
  });

  it('is the owner\'s and the operators\' only: others get 404, anonymous visitors are asked to log in', async () => {
    const other = site.agent();
    await logIn(other, 'Other Otto', PASSWORD);
    expect((await other.get(`/user/${mona}/purchased-files`)).status).to.equal(404);
    const anonymous = await site.agent().get(`/user/${mona}/purchased-files`);
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.location).to.equal(`/user?destination=%2Fuser%2F${mona}%2Fpurchased-files`);
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', PASSWORD);
    const seen = await operator.get(`/user/${mona}/purchased-files`);
    expect(seen.status).to.equal(200);
    expect(seen.text).to.include(newer.fileName);
    const admin = site.agent();
    await logIn(admin, ADMIN.username, ADMIN.password);
    expect((await admin.get(`/user/${mona}/purchased-files`)).status).to.equal(200);
  });
});
