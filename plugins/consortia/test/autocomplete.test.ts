import { expect } from 'chai';
import { bootSite, type TestSite } from '../../../test/helpers/site.js';

describe('consortia: the member organization autocomplete', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
  });
  after(async () => site.close());

  it('finds approved organizations by part of their name, without regard to case', async () => {
    const res = await site.agent().get('/member-organizations/autocomplete').query({ q: 'biosphere' }).expect(200);
    const bowValley = (await site.kernel.container.resolve('consortia').listConsortia()).find((c) => c.name === 'Bow Valley');
    expect(res.body).to.deep.equal([{ id: (res.body as { id: number }[])[0]?.id, name: 'Biosphere Institute of the Bow Valley', consortium: 'Bow Valley', consortiumId: bowValley?.id }]);
  });

  it('answers [] to fewer than two characters', async () => {
    const res = await site.agent().get('/member-organizations/autocomplete').query({ q: 'B' }).expect(200);
    expect(res.body).to.deep.equal([]);
    expect((await site.agent().get('/member-organizations/autocomplete').expect(200)).body).to.deep.equal([]);
  });

  it('never returns a pending organization', async () => {
    const res = await site.agent().get('/member-organizations/autocomplete').query({ q: 'Catholic Immigration' }).expect(200);
    expect(res.body).to.deep.equal([]);
  });

  it('returns at most ten and treats % and _ literally', async () => {
    const many = await site.agent().get('/member-organizations/autocomplete').query({ q: 'of' }).expect(200);
    expect((many.body as unknown[]).length).to.be.at.most(10).and.above(0);
    expect((await site.agent().get('/member-organizations/autocomplete').query({ q: '%%' }).expect(200)).body).to.deep.equal([]);
  });

  it('offers other plugins approved organizations only, found by exact name without regard to case or by id', async () => {
    const consortia = site.kernel.container.resolve('consortia');
    const all = await consortia.listApprovedOrganizations();
    expect(all.map((o) => o.name)).to.include('Biosphere Institute of the Bow Valley').and.not.include('Calgary Catholic Immigration Society');
    const found = await consortia.findApprovedOrganizationByName('  biosphere institute of the BOW VALLEY ');
    expect(found).to.include({ name: 'Biosphere Institute of the Bow Valley', slug: 'biosphere-institute-bow-valley', consortiumName: 'Bow Valley', consortiumKind: 'local' });
    expect(await consortia.findApprovedOrganizationByName('Biosphere Institute')).to.equal(undefined);
    expect(await consortia.findApprovedOrganizationByName('Biosphere Institute of the Bow Valley', (found?.consortiumId ?? 0) + 1000)).to.equal(undefined);
    expect(await consortia.findApprovedOrganization(found?.id ?? 0)).to.deep.equal(found);
    const pending = await site.kernel.container.resolve('db')('member_organizations').where({ status: 'pending' }).first<{ id: number }>('id');
    expect(await consortia.findApprovedOrganization(pending.id)).to.equal(undefined);
    expect((await consortia.listConsortia()).at(-1)?.kind).to.equal('sector-network');
  });
});
