import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';

describe('pages: editing, revisions and news', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite();
    await createAccount(site, { username: 'operator', password: 'operator password 1', role: 'operator' });
    await createAccount(site, { username: 'member', password: 'member password 12', role: 'member' });
  });
  after(async () => site.close());

  const operator = async () => {
    const agent = site.agent();
    await logIn(agent, 'operator', 'operator password 1');
    return agent;
  };
  const pageId = async (path: string) => (await site.kernel.database.knex('pages').where({ path }).first('id')).id as number;

  it('shows View / Edit / Revisions tabs to operators only', async () => {
    const anonymous = await site.agent().get('/about');
    expect(anonymous.text).not.to.include('class="tabs"');
    const member = site.agent();
    await logIn(member, 'member', 'member password 12');
    expect((await member.get('/about')).text).not.to.include('class="tabs"');
    const agent = await operator();
    const res = await agent.get('/about');
    expect(res.text).to.match(/<nav class="tabs"[\s\S]*>View<[\s\S]*>Edit<[\s\S]*>Revisions</);
  });

  it('saves an edit as a new revision with who and why, and the page shows it', async () => {
    const agent = await operator();
    const id = await pageId('/about');
    const form = await agent.get(`/admin/pages/${id}/edit`);
    expect(form.status).to.equal(200);
    const res = await agent.post(`/admin/pages/${id}/edit`).type('form').send({
      _csrf: csrfTokenIn(form.text), title: 'About the CDP', path: '/about', body_markdown: 'New **about** text.', published: 'on', log_message: 'Shorter',
    });
    expect(res.status).to.equal(302);
    const page = await site.agent().get('/about');
    expect(page.text).to.include('<strong>about</strong>').and.include('About the CDP');
    const revisions = await agent.get(`/admin/pages/${id}/revisions`);
    expect(revisions.text).to.include('operator').and.include('Shorter').and.include('Current revision').and.include('system');
  });

  it('restores an earlier revision, after asking, as a new revision', async () => {
    const agent = await operator();
    const id = await pageId('/about');
    const knex = site.kernel.database.knex;
    const first = await knex('page_revisions').where({ page_id: id }).orderBy('id').first();
    const ask = await agent.get(`/admin/pages/${id}/revisions/${first.id}/restore`);
    expect(ask.text).to.include('The page will show this revision');
    await agent.post(`/admin/pages/${id}/revisions/${first.id}/restore`).type('form').send({ _csrf: csrfTokenIn(ask.text) });
    expect((await site.agent().get('/about')).text).to.include('About the Community Data Program');
    const count = await knex('page_revisions').where({ page_id: id }).count<{ count: string }[]>('id as count').first();
    expect(Number(count?.count)).to.equal(3);
  });

  it('refuses bad values with messages beside the fields, keeping what was typed', async () => {
    const agent = await operator();
    const id = await pageId('/news');
    const form = await agent.get(`/admin/pages/${id}/edit`);
    const res = await agent.post(`/admin/pages/${id}/edit`).type('form').send({
      _csrf: csrfTokenIn(form.text), title: '', path: '/About Us', body_markdown: 'kept text', log_message: '',
    });
    expect(res.status).to.equal(400);
    expect(res.text).to.include('Title field is required.').and.include('The address must start with /').and.include('kept text').and.include('value="/About Us"');
    const taken = await agent.post(`/admin/pages/${id}/edit`).type('form').send({
      _csrf: csrfTokenIn(res.text), title: 'News', path: '/about', body_markdown: 'x',
    });
    expect(taken.status).to.equal(400);
    expect(taken.text).to.include('Another page already uses this address.');
  });

  it('lists news articles newest first on /news, and publishes a new one', async () => {
    const agent = await operator();
    const form = await agent.get('/admin/pages/add?kind=article');
    const res = await agent.post('/admin/pages/add').type('form').send({
      _csrf: csrfTokenIn(form.text), kind: 'article', title: 'New tables for Bow Valley', slug: 'bow-valley-tables', body_markdown: 'Custom geographies.', published: 'on',
    });
    expect(res.headers.location).to.equal('/news/bow-valley-tables');
    const news = await site.agent().get('/news');
    const titles = [...news.text.matchAll(/<h2><a href="([^"]+)">/g)].map((m) => m[1]);
    expect(titles[0]).to.equal('/news/bow-valley-tables');
    expect(titles).to.include('/news/immigration-data-portal');
    expect((await site.agent().get('/news/bow-valley-tables')).text).to.include('Custom geographies.').and.include('Posted');
  });

  it('keeps the editing pages to operators', async () => {
    const id = await pageId('/about');
    expect((await site.agent().get(`/admin/pages/${id}/edit`)).status).to.equal(302);
    const member = site.agent();
    await logIn(member, 'member', 'member password 12');
    expect((await member.get(`/admin/pages/${id}/edit`)).status).to.equal(403);
    expect((await member.get('/admin/pages')).status).to.equal(403);
    const agent = await operator();
    expect((await agent.get('/admin/pages/99999/edit')).status).to.equal(404);
    expect((await agent.get('/admin/pages/abc/revisions')).status).to.equal(404);
  });

  it('never lets Markdown inject script', async () => {
    const agent = await operator();
    const id = await pageId('/news');
    const form = await agent.get(`/admin/pages/${id}/edit`);
    await agent.post(`/admin/pages/${id}/edit`).type('form').send({
      _csrf: csrfTokenIn(form.text), title: 'News', path: '/news', body_markdown: '<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>', published: 'on',
    });
    const page = await site.agent().get('/news');
    expect(page.text).not.to.include('<script>alert(1)').and.not.to.include('href="javascript:').and.not.to.include('onerror');
  });
});
