import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import type { Agent } from './helpers.js';

describe('consortia: public pages and the operators\' consortia and program years', () => {
  let site: TestSite;
  let operator: Agent;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    await createAccount(site, { username: 'olive', password: 'operator password 1', role: 'operator' });
    operator = site.agent();
    await logIn(operator, 'olive', 'operator password 1');
  });
  after(async () => site.close());

  const press = async (page: string, action: string, fields: Record<string, string> = {}) => {
    const html = (await operator.get(page)).text;
    return operator.post(action).type('form').send({ _csrf: csrfTokenIn(html), ...fields });
  };

  it('lists every consortium with its number of approved members, the sector network last, in one query', async () => {
    const queries: string[] = [];
    const db = site.kernel.container.resolve('db');
    const listen = (q: { sql: string }) => queries.push(q.sql);
    db.on('query', listen);
    const res = await site.agent().get('/consortia').expect(200);
    db.off('query', listen);
    expect(queries.filter((sql) => sql.includes('member_organizations'))).to.have.length(1);
    expect(res.text).to.match(/<a href="\/consortia\/bow-valley">Bow Valley<\/a>[\s\S]*?<td>Alberta<\/td>\s*<td>3<\/td>/);
    // Calgary has a pending organization in the demo: it is not counted.
    expect(res.text).to.match(/<a href="\/consortia\/calgary">Calgary<\/a>[\s\S]*?<td>3<\/td>/);
    expect(res.text.indexOf('href="/consortia/immigration-sector-network"')).to.be.above(res.text.indexOf('href="/consortia/greater-victoria"'));
  });

  it('shows a consortium\'s approved members, each linking to its page, and the guide\'s example page', async () => {
    const res = await site.agent().get('/consortia/bow-valley').expect(200);
    expect(res.text).to.include('Lead organization: the Biosphere Institute of the Bow Valley.');
    expect(res.text).to.include('<a href="/content/biosphere-institute-bow-valley">Biosphere Institute of the Bow Valley</a>');
    const page = await site.agent().get('/content/biosphere-institute-bow-valley').expect(200);
    expect(page.text).to.include('<title>Biosphere Institute of the Bow Valley');
    expect(page.text).to.include('href="https://www.biosphereinstitute.org/"').and.include('>Bow Valley</a>');
    await site.agent().get('/consortia/nowhere').expect(404);
    await site.agent().get('/content/nobody').expect(404);
    await site.agent().get('/content/calgary-catholic-immigration-society').expect(404);
  });

  it('offers operators its two screens on /admin', async () => {
    const res = await operator.get('/admin').expect(200);
    expect(res.text).to.include('href="/admin/organizations"').and.include('Member organizations');
    expect(res.text).to.include('href="/admin/consortia"').and.include('Consortia and program years');
    await operator.get('/admin/consortia/abc/edit').expect(404);
    await operator.get('/admin/organizations/99999/reject').expect(404);
  });

  it('lets operators add and edit a consortium, with messages beside the fields', async () => {
    const bad = await press('/admin/consortia/add', '/admin/consortia/add', { name: '', kind: 'local', region: 'Yukon', description: '' });
    expect(bad.status).to.equal(400);
    expect(bad.text).to.include('Name field is required.').and.include('value="Yukon"');
    const added = await press('/admin/consortia/add', '/admin/consortia/add', { name: 'Whitehorse', kind: 'local', region: 'Yukon', description: 'Lead organization: City of Whitehorse.' });
    expect(added.status).to.equal(303);
    const list = await operator.get('/admin/consortia').expect(200);
    expect(list.text).to.include('Consortium Whitehorse has been added.');
    const id = /data-consortium="(\d+)">\s*<td><a href="\/consortia\/whitehorse">/.exec(list.text)?.[1];
    expect(id).to.be.a('string');
    const edited = await press(`/admin/consortia/${id}/edit`, `/admin/consortia/${id}/edit`, { name: 'Whitehorse and Area', kind: 'local', region: 'Yukon', description: '' });
    expect(edited.status).to.equal(303);
    const page = await site.agent().get('/consortia/whitehorse').expect(200);
    expect(page.text).to.include('Whitehorse and Area');
    const form = await site.agent().get('/node/add/member-organization');
    expect(form.text).to.include('>Whitehorse and Area</option>');
    const deleted = await press('/admin/consortia', `/admin/consortia/${id}/delete`);
    expect(deleted.status).to.equal(303);
    expect((await operator.get('/admin/consortia')).text).to.include('Consortium Whitehorse and Area has been deleted.');
    await site.agent().get('/consortia/whitehorse').expect(404);
  });

  it('refuses to delete a consortium that has organizations', async () => {
    const list = await operator.get('/admin/consortia');
    const id = /data-consortium="(\d+)">\s*<td><a href="\/consortia\/bow-valley">/.exec(list.text)?.[1];
    const res = await press('/admin/consortia', `/admin/consortia/${id}/delete`);
    expect(res.status).to.equal(303);
    expect((await operator.get('/admin/consortia')).text).to.include('Consortium Bow Valley cannot be deleted');
    await site.agent().get('/consortia/bow-valley').expect(200);
  });

  it('adds the next program year and marks one current, which the form then proposes', async () => {
    const page = await operator.get('/admin/program-years').expect(200);
    expect(page.text).to.include('Add program year 2020/2021');
    expect((await press('/admin/program-years', '/admin/program-years/add')).status).to.equal(303);
    const after = await operator.get('/admin/program-years');
    expect(after.text).to.include('Program year 2020/2021 has been added.').and.include('Add program year 2021/2022');
    const id = /data-program-year="(\d+)">\s*<td>2020\/2021<\/td>/.exec(after.text)?.[1];
    expect((await press('/admin/program-years', `/admin/program-years/${id}/current`)).status).to.equal(303);
    const current = await site.kernel.container.resolve('db')('program_years').where({ is_current: true }).pluck('label');
    expect(current).to.deep.equal(['2020/2021']);
    const form = await site.agent().get('/node/add/member-organization');
    expect(form.text).to.include(`<option value="${id}" selected>2020/2021</option>`);
  });
});
