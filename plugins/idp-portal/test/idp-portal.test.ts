import { expect } from 'chai';
import { bootSite, createAccount, logIn, type TestSite } from '../../../test/helpers/site.js';

describe('idp-portal: the landing page and the IDP catalogue', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
  });
  after(async () => site.close());

  it('shows the guide\'s landing page under Resources, with its table and links', async () => {
    const res = await site.agent().get('/resources/immigration-data-portal');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('<h1 class="page-title">Immigration Data Portal</h1>');
    expect(res.text).to.match(/<ol>\s*<li><a href="\/">Home<\/a><\/li>\s*<li><a href="\/resources">Resources<\/a><\/li>\s*<li><span aria-current="page">Immigration Data Portal<\/span><\/li>/);
    expect(res.text).to.include('Survey Participants (%)').and.include('<td>Recent immigrants (0-1 years)</td>').and.include('<td>40.4</td>');
    for (const link of ['/data', '/about/become-a-member', '/node/add/member-organization', '/idp-data']) expect(res.text).to.include(`href="${link}"`);
    expect(res.text).to.include('Users may download products from the catalogue only when their user account has been <strong>activated</strong>.');
  });

  it('is in the Resources menu, but not listed on the /resources page', async () => {
    const home = await site.agent().get('/');
    expect(home.text).to.match(/<ul class="submenu">[\s\S]*href="\/resources\/immigration-data-portal"[\s\S]*<\/ul>/);
    const resources = await site.agent().get('/resources');
    expect(resources.text.split('<div class="content">')[1]).not.to.include('immigration-data-portal');
  });

  it('gives operators View / Edit / Revisions tabs on the landing page', async () => {
    await createAccount(site, { username: 'operator', password: 'operator password 1', role: 'operator' });
    const agent = site.agent();
    await logIn(agent, 'operator', 'operator password 1');
    const res = await agent.get('/resources/immigration-data-portal');
    expect(res.text).to.match(/<nav class="tabs"[\s\S]*>Edit</);
  });

  it('lists only the IDP products at /idp-data, with the guide\'s notes', async () => {
    const res = await site.agent().get('/idp-data');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Data products for Immigration Sector Network consortium users');
    expect(res.text).to.include('Be sure to return to this IDP catalogue page and select from the list of products below when modifying your shopping cart.');
    expect(res.text).to.include('information@communitydata.ca');
    const idp = await site.kernel.database.knex('products').where({ in_idp: true, published: true }).pluck('slug');
    const all = await site.kernel.database.knex('products').where({ published: true }).pluck('slug');
    expect(idp.length).to.be.greaterThan(0);
    for (const slug of idp) expect(res.text).to.include(`/data/${slug}`);
    for (const slug of all.filter((s) => !idp.includes(s))) expect(res.text).not.to.include(`/data/${slug}?`);
    expect(res.text).to.include('%2Fidp-data');
  });

  it('answers a bad query with 400, never 500', async () => {
    expect((await site.agent().get('/idp-data?sort=backwards')).status).to.equal(400);
  });

  it('vanishes, landing page and menu item, when disabled', async () => {
    await site.kernel.plugins.disable('idp-portal');
    try {
      expect((await site.agent().get('/resources/immigration-data-portal')).status).to.equal(404);
      expect((await site.agent().get('/idp-data')).status).to.equal(404);
      expect((await site.agent().get('/')).text).not.to.include('immigration-data-portal');
    } finally {
      await site.kernel.plugins.enable('idp-portal');
    }
  });
});
