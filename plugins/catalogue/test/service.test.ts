import fs from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { bootSite, createAccount, type TestSite } from '../../../test/helpers/site.js';
import type { ProductWithPackages } from '../catalogue.js';

describe('catalogue service (the contract other plugins use)', () => {
  let site: TestSite;
  let recent: ProductWithPackages;

  before(async () => {
    site = await bootSite();
    const catalogue = site.kernel.container.resolve('catalogue');
    recent = await catalogue.findProductBySlug('target-group-profile-recent-immigrant-population-census-2016') as ProductWithPackages;
  });
  after(() => site.close());

  it('loads the guide\'s IDP products with their four packages and real sample zips', async () => {
    expect(recent.title).to.equal('Target group profile of the recent immigrant population, Census, 2016');
    expect(recent.url).to.equal('/data/target-group-profile-recent-immigrant-population-census-2016');
    expect(recent.inIdp).to.equal(true);
    expect(recent.productGroup).to.equal('Census, 2016 - Target group profile');
    expect(recent.dataProvider).to.equal('Statistics Canada');
    expect(recent.packages.map((p) => p.label)).to.deep.equal(['PT CD CSD DA', 'CMA CA CT', 'ADA', 'Custom geos']);
    const cmaPackage = recent.packages[1];
    expect(cmaPackage?.fileName).to.equal('sc_cen-rec_2016_tgp-pgc_recent_immigrants_CMA_CA_CT.zip');
    const content = await fs.readFile(cmaPackage?.filePath as string);
    expect(content.length).to.equal(cmaPackage?.fileSize);
    expect(createHash('sha256').update(content).digest('hex')).to.equal(cmaPackage?.fileSha256);
    expect(content.subarray(0, 2).toString()).to.equal('PK');
  });

  it('finds a product by id and a package even once unpublished', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    expect((await catalogue.findProductById(recent.id))?.slug).to.equal(recent.slug);
    const packageId = recent.packages[0]?.id as number;
    await catalogue.setPublished(recent.id, false);
    try {
      expect(await catalogue.findProductById(recent.id)).to.equal(undefined);
      expect(await catalogue.findProductBySlug(recent.slug)).to.equal(undefined);
      expect((await catalogue.findPackage(packageId))?.geography).to.equal('PT_CD_CSD_DA');
    } finally {
      await catalogue.setPublished(recent.id, true);
    }
  });

  it('decides order access by account, organization and consortium', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    const db = site.kernel.container.resolve('db');
    const users = site.kernel.container.resolve('usersRepository');
    const fullCatalogue = await catalogue.findProductBySlug('ontario-marginalization-index-2016') as ProductWithPackages;
    expect(fullCatalogue.inIdp).to.equal(false);
    const orgOf = async (consortiumKind: 'local' | 'sector-network') => (await db('member_organizations as o')
      .join('consortia as c', 'c.id', 'o.consortium_id').where({ 'c.kind': consortiumKind, 'o.status': 'approved' }).first('o.id')) as { id: number };
    await createAccount(site, { username: 'local', password: 'local password 1', role: 'member' });
    await createAccount(site, { username: 'network', password: 'network password 1', role: 'member' });
    await createAccount(site, { username: 'orphan', password: 'orphan password 1', role: 'member' });
    await createAccount(site, { username: 'pending', password: 'pending password 1', role: 'authenticated' });
    await db('users').where({ username: 'local' }).update({ organization_id: (await orgOf('local')).id });
    await db('users').where({ username: 'network' }).update({ organization_id: (await orgOf('sector-network')).id });
    const user = async (username: string) => {
      const row = await users.findByUsername(username);
      return { id: row?.id as number, username, role: row?.role as 'member' };
    };
    expect(await catalogue.orderAccess(undefined, fullCatalogue)).to.deep.equal({ allowed: false, reason: 'anonymous' });
    expect(await catalogue.orderAccess(await user('pending'), fullCatalogue)).to.deep.equal({ allowed: false, reason: 'not-member' });
    expect(await catalogue.orderAccess(await user('orphan'), fullCatalogue)).to.deep.equal({ allowed: false, reason: 'not-member' });
    expect(await catalogue.orderAccess(await user('network'), fullCatalogue)).to.deep.equal({ allowed: false, reason: 'idp-only' });
    expect(await catalogue.orderAccess(await user('network'), recent)).to.deep.equal({ allowed: true });
    expect(await catalogue.orderAccess(await user('local'), fullCatalogue)).to.deep.equal({ allowed: true });
    expect(await catalogue.orderAccess(await user('local'), recent)).to.deep.equal({ allowed: true });
  });
});

describe('catalogue: stale uploads', () => {
  let site: TestSite;

  before(async () => { site = await bootSite({ env: { DEMO_CONTENT: 'false' } }); });
  after(() => site.close());

  it('sweeps half-written uploads older than a day, and only those', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    await fs.mkdir(catalogue.incomingDir, { recursive: true });
    const old = `${catalogue.incomingDir}/old.part`;
    const fresh = `${catalogue.incomingDir}/fresh.part`;
    await fs.writeFile(old, 'x');
    await fs.writeFile(fresh, 'y');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await fs.utimes(old, twoDaysAgo, twoDaysAgo);
    expect(await catalogue.sweepIncoming()).to.equal(1);
    expect(await fs.readdir(catalogue.incomingDir)).to.deep.equal(['fresh.part']);
  });
});
