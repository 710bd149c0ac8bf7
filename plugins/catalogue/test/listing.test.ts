import { expect } from 'chai';
import { bootSite, createAccount, logIn, type TestSite } from '../../../test/helpers/site.js';
import type { ProductSummary } from '../catalogue.js';

const unescape = (html: string): string => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
const titlesIn = (html: string): string[] =>
  [...unescape(html).matchAll(/<td>\s*<a href="\/data\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1] as string);
const countIn = (html: string): number => Number(/Products found: (\d+)/.exec(html)?.[1]);
const facetCount = (html: string, label: string): number | undefined => {
  const match = new RegExp(`>${label.replace(/[()]/g, '\\$&')}</a> \\((\\d+)\\)`).exec(unescape(html));
  return match ? Number(match[1]) : undefined;
};

const RECENT = 'Target group profile of the recent immigrant population, Census, 2016';
const RECENT_SLUG = 'target-group-profile-recent-immigrant-population-census-2016';
const MARGINALIZATION_SLUG = 'ontario-marginalization-index-2016';

describe('catalogue: /data and product pages', () => {
  let site: TestSite;

  before(async () => { site = await bootSite(); });
  after(() => site.close());

  it('lists the guide\'s columns, newest first, with product group, topics, geographies, years and posted date', async () => {
    const page = await site.agent().get('/data').expect(200);
    const html = unescape(page.text);
    for (const column of ['>Title</a>', '>Geographies</th>', '>Years within data</th>', '>Posted</a>']) expect(html).to.include(column);
    expect(html).to.include(`${RECENT}</a>`);
    expect(html).to.include('PRODUCT GROUP: Census, 2016 - Target group profile');
    expect(html).to.include('TOPIC: Age, Sex and Population, TOPIC: Cultural identity, TOPIC: Education');
    expect(html).to.include('<td>Province and Territory, Census Division, Census Subdivision, Dissemination Area, Census Metropolitan Area, Census Agglomeration, Census Tract, Aggregate Dissemination Area, Custom Geographies</td>');
    expect(html).to.include('<td>03/24/2019</td>');
    const posted = [...html.matchAll(/<td>(\d\d)\/(\d\d)\/(\d{4})<\/td>/g)].map((m) => `${m[3]}-${m[1]}-${m[2]}`);
    expect(posted).to.deep.equal([...posted].sort().reverse());
    expect(page.text).to.include('Find Data');
  });

  it('sorts by title and keeps every listing link carrying ?from=', async () => {
    const html = (await site.agent().get('/data?sort=title').expect(200)).text;
    const titles = titlesIn(html);
    expect(titles).to.deep.equal([...titles].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(unescape(html)).to.include(`href="/data/${RECENT_SLUG}?from=${encodeURIComponent('/data?sort=title')}"`);
  });

  it('searches titles and descriptions with PostgreSQL full-text search', async () => {
    const titleHit = (await site.agent().get('/data?q=recent+immigrant').expect(200)).text;
    expect(titlesIn(titleHit)).to.include(RECENT);
    const descriptionHit = titlesIn((await site.agent().get('/data?q=deprivation+dependency').expect(200)).text);
    expect(descriptionHit).to.deep.equal(['Canadian Index of Multiple Deprivation, 2021', 'Ontario Marginalization Index, 2016']);
    const none = (await site.agent().get('/data?q=zzzqqq').expect(200)).text;
    expect(countIn(none)).to.equal(0);
    expect(none).to.include('No products match');
  });

  it('filters by topic, product group, geography and year, with counts', async () => {
    const all = (await site.agent().get('/data').expect(200)).text;
    const total = countIn(all);
    const immigration = facetCount(all, 'Immigration') as number;
    const topic = (await site.agent().get('/data?topic=immigration').expect(200)).text;
    expect(countIn(topic)).to.equal(immigration).and.to.be.greaterThan(3);
    expect(titlesIn(topic)).to.include(RECENT);

    const tgp = facetCount(all, 'Census, 2016 - Target group profile') as number;
    expect(countIn((await site.agent().get('/data?group=census-2016-target-group-profile').expect(200)).text)).to.equal(tgp);

    const ada = facetCount(all, 'ADA') as number;
    const adaPage = (await site.agent().get('/data?geography=ADA').expect(200)).text;
    expect(countIn(adaPage)).to.equal(ada).and.to.be.lessThan(total);
    expect(titlesIn(adaPage)).to.not.include('Ontario Marginalization Index, 2016');

    // A year inside a range matches: 2018 is within the taxfiler tables' 2016-2020.
    const year = (await site.agent().get('/data?year=2018').expect(200)).text;
    expect(countIn(year)).to.equal(facetCount(all, '2018'));
    expect(titlesIn(year).every((t) => t.startsWith('Taxfiler'))).to.equal(true);

    // Combined filters: the counts of one facet follow the other filters.
    const both = (await site.agent().get('/data?topic=immigration&geography=ADA').expect(200)).text;
    expect(countIn(both)).to.equal(facetCount(adaPage, 'Immigration'));
  });

  it('pages by 50 with links that keep the query', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    for (let i = 0; i < 60; i++) {
      await catalogue.createProduct({
        title: `Pager table ${String(i).padStart(2, '0')}`, dataProvider: 'Statistics Canada', productGroup: 'Pager group', topics: ['Paging'],
        yearsWithinData: '2011', postedAt: '2010-01-01', description: 'paging test', notes: '', customGeographiesUrl: null, inIdp: false, published: true,
      });
    }
    const first = unescape((await site.agent().get('/data?topic=paging&sort=title').expect(200)).text);
    expect(titlesIn(first)).to.have.length(50);
    expect(first).to.include('href="/data?topic=paging&sort=title&page=2" rel="next"');
    expect(first).to.include('Page 1 of 2');
    const second = unescape((await site.agent().get('/data?topic=paging&sort=title&page=2').expect(200)).text);
    expect(titlesIn(second)).to.deep.equal(Array.from({ length: 10 }, (_, i) => `Pager table ${50 + i}`));
    expect(second).to.include('href="/data?topic=paging&sort=title" rel="prev"');
    expect(second).to.include(`?from=${encodeURIComponent('/data?topic=paging&sort=title&page=2')}`);
  });

  it('answers 400 with a clear message to bad query values, never 500', async () => {
    for (const [query, message] of [
      ['year=abc', 'The "year" parameter has a value the catalogue does not accept.'],
      ['sort=price', 'The "sort" parameter has a value the catalogue does not accept.'],
      ['page=0', 'The "page" parameter has a value the catalogue does not accept.'],
      ['geography=XYZ', 'The "geography" parameter has a value the catalogue does not accept.'],
      ['topic=a&topic=b', 'The "topic" parameter may be given only once.'],
      ['q=a&q=b', 'The "q" parameter may be given only once.'],
      ['topic=%3Cscript%3E', 'The "topic" parameter has a value the catalogue does not accept.'],
    ]) {
      const page = await site.agent().get(`/data?${query}`);
      expect(page.status, query).to.equal(400);
      expect(unescape(page.text)).to.include(message);
    }
    await site.agent().get('/data?q=&topic=&utm_source=x').expect(200);
  });

  it('shows the product page as in the guide, with breadcrumbs back to the listing it came from', async () => {
    const html = unescape((await site.agent().get(`/data/${RECENT_SLUG}?from=${encodeURIComponent('/data?q=immigrant')}`).expect(200)).text);
    expect(html).to.include(`<h1 class="page-title">${RECENT}</h1>`);
    for (const label of ['Data provider:', 'Product group:', 'Description:', 'Notes:']) expect(html).to.include(label);
    expect(html).to.include('Statistics Canada');
    expect(html).to.include('Click here for a list geographies included in the custom geographies file package.');
    expect(html).to.include('<tr><td>CMA CA CT</td><td>98-510-X2016001</td><td>1.1 KB</td><td>2019-03-24</td></tr>');
    expect(html).to.include('<li><a href="/data?q=immigrant">Find Data</a></li>');
    // Only a catalogue listing may be "from": not another site.
    const evil = unescape((await site.agent().get(`/data/${RECENT_SLUG}?from=${encodeURIComponent('//evil.example/data')}`).expect(200)).text);
    expect(evil).to.include('<li><a href="/data">Find Data</a></li>');
    await site.agent().get('/data/no-such-product').expect(404);
  });

  it('tells each visitor whether they may order, and shows the form only to those who may', async () => {
    const db = site.kernel.container.resolve('db');
    const orgOf = async (kind: string) => ((await db('member_organizations as o').join('consortia as c', 'c.id', 'o.consortium_id')
      .where({ 'c.kind': kind, 'o.status': 'approved' }).first('o.id')) as { id: number }).id;
    await createAccount(site, { username: 'bowvalley', password: 'bow valley password', role: 'member' });
    await createAccount(site, { username: 'network', password: 'network password 1', role: 'member' });
    await createAccount(site, { username: 'newcomer', password: 'newcomer password', role: 'authenticated' });
    await db('users').where({ username: 'bowvalley' }).update({ organization_id: await orgOf('local') });
    await db('users').where({ username: 'network' }).update({ organization_id: await orgOf('sector-network') });
    const commerce = site.kernel.container.resolve('plugins').isEnabled('commerce-free-checkout');

    const anonymous = unescape((await site.agent().get(`/data/${MARGINALIZATION_SLUG}`).expect(200)).text);
    expect(anonymous).to.include(`To order this product, <a href="/user?destination=${encodeURIComponent(`/data/${MARGINALIZATION_SLUG}`)}">log in</a> or <a href="/user/register">register</a>.`);
    expect(anonymous).to.not.include('action="/cart/add"');

    const newcomer = site.agent();
    await logIn(newcomer, 'newcomer', 'newcomer password');
    expect((await newcomer.get(`/data/${MARGINALIZATION_SLUG}`).expect(200)).text).to.include('Your account cannot order data yet');

    const network = site.agent();
    await logIn(network, 'network', 'network password 1');
    const networkPage = (await network.get(`/data/${MARGINALIZATION_SLUG}`).expect(200)).text;
    expect(networkPage).to.include('Your access as a member of the Immigration Sector Network covers the');
    expect(networkPage).to.include('<a href="/idp-data">Immigration Data Portal catalogue</a>');
    expect((await network.get('/data').expect(200)).text).to.include('<a href="/idp-data">Immigration Data Portal catalogue</a>');
    expect((await network.get(`/data/${RECENT_SLUG}`).expect(200)).text).to.not.include('Your access as a member');

    const local = site.agent();
    await logIn(local, 'bowvalley', 'bow valley password');
    const localPage = (await local.get(`/data/${MARGINALIZATION_SLUG}`).expect(200)).text;
    expect(localPage).to.not.include('order-access');
    expect((await local.get('/data').expect(200)).text).to.not.include('idp-only');
    if (commerce) {
      expect(localPage).to.include('action="/cart/add"');
      expect(localPage).to.include('name="geographies" value="PT_CD_CSD_DA"');
      expect(localPage).to.include('Select the geographic scales you wish to download');
    }
  });

  it('renders the product view with an error beside the geographies and the ticked boxes kept', async () => {
    const catalogue = site.kernel.container.resolve('catalogue');
    const product = await catalogue.findProductBySlug(RECENT_SLUG);
    const data = await catalogue.productPageData(product as ProductSummary, { id: 1, username: 'admin', role: 'administrator' }, '/idp-data');
    expect(data.from).to.equal('/idp-data');
    expect(data.breadcrumbs[0]).to.deep.equal({ label: 'Immigration Data Portal', path: '/idp-data' });
    const html = await site.kernel.container.resolve('views').renderView('catalogue', 'product',
      { ...data, orderable: true, errors: { geographies: 'Geographies field is required.' }, checked: ['ADA'] });
    expect(html).to.include('class="form-item has-error"');
    expect(html).to.include('<p class="error-text">Geographies field is required.</p>');
    expect(html).to.include('value="ADA" checked');
    expect(html).to.not.include('value="CMA_CA_CT" checked');
  });
});
