import { expect } from 'chai';
import { bootSite, logIn, type TestSite } from '../../../test/helpers/site.js';
import { addToCart, cartRows, insertProduct, member, NETWORK_ORGANIZATION, tokenOf, unescaped, type TestProduct } from './helpers.js';

describe('commerce-free-checkout: the shopping cart', () => {
  let site: TestSite;
  let census: TestProduct;
  let idp: TestProduct;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    census = await insertProduct(site, { title: 'Census Profile Cart Test, 2016', geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA'] });
    idp = await insertProduct(site, { title: 'Recent immigrants Cart Test, 2016', inIdp: true, geographies: ['CMA_CA_CT'] });
  });
  after(async () => site.close());

  it('sends an anonymous visitor to log in, then back to the product page', async () => {
    const agent = site.agent();
    const token = await tokenOf(agent, '/user');
    const res = await agent.post('/cart/add').type('form').send({ _csrf: token, product_id: String(census.id), geographies: 'ADA', from: '/data?search=census' });
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal(`/user?destination=${encodeURIComponent(`/data/${census.slug}?from=${encodeURIComponent('/data?search=census')}`)}`);
    const cart = await agent.get('/cart');
    expect(cart.status).to.equal(302);
    expect(cart.headers.location).to.equal('/user?destination=%2Fcart');
  });

  it('refuses with 403 a user who is not a member, even with a forged form', async () => {
    const { agent, id } = await member(site, 'cart-plain', null, 'authenticated');
    const res = await addToCart(agent, idp.id, ['CMA_CA_CT']);
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('is not an activated member account');
    expect(await cartRows(site, id)).to.deep.equal([]);
  });

  it('refuses with 403 a sector-network member a product outside the IDP, and lets them order IDP products', async () => {
    const { agent, id } = await member(site, 'cart-network', NETWORK_ORGANIZATION);
    const refused = await addToCart(agent, census.id, ['ADA']);
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('Immigration Data Portal');
    expect(await cartRows(site, id)).to.deep.equal([]);
    const allowed = await addToCart(agent, idp.id, ['CMA_CA_CT']);
    expect(allowed.status).to.equal(303);
    expect(await cartRows(site, id)).to.deep.equal([{ product_id: idp.id, geographies: ['CMA_CA_CT'] }]);
  });

  it('asks for a geography with the product page again (400), and refuses one the product lacks', async () => {
    const { agent, id } = await member(site, 'cart-nogeo');
    const none = await addToCart(agent, census.id, []);
    expect(none.status).to.equal(400);
    expect(none.text).to.match(/has-error[\s\S]*class="error-text">Geographies field is required\./);
    expect(none.text).to.contain(census.title);
    const unknown = await addToCart(agent, idp.id, ['ADA']);
    expect(unknown.status).to.equal(400);
    const bogus = await addToCart(agent, idp.id, ['NOWHERE']);
    expect(bogus.status).to.equal(400);
    expect((await addToCart(agent, 999_999, ['ADA'])).status).to.equal(404);
    expect(await cartRows(site, id)).to.deep.equal([]);
  });

  it('merges packages into the product line and says when they are already there', async () => {
    const { agent, id } = await member(site, 'cart-merge');
    const first = await addToCart(agent, census.id, ['CMA_CA_CT']);
    expect(first.headers.location).to.equal('/cart');
    expect((await agent.get('/cart')).text).to.contain(`${census.title} added to your shopping cart.`);
    await addToCart(agent, census.id, ['ADA', 'CMA_CA_CT']);
    expect(await cartRows(site, id)).to.deep.equal([{ product_id: census.id, geographies: ['ADA', 'CMA_CA_CT'] }]);
    await addToCart(agent, census.id, ['ADA']);
    const page = await agent.get('/cart');
    expect(page.text).to.contain(`${census.title} is already in your shopping cart.`);
    expect(page.text).to.contain('Geographies: CMA CA CT / ADA');
    expect(await cartRows(site, id)).to.have.length(1);
  });

  it('shows the cart with Remove, Update cart, Continue shopping and Checkout; removes ticked lines', async () => {
    const { agent, id } = await member(site, 'cart-remove');
    await addToCart(agent, census.id, ['ADA'], '/data?search=profile&topic=income');
    await addToCart(agent, idp.id, ['CMA_CA_CT'], '/idp-data?sort=title');
    const page = await agent.get('/cart').expect(200);
    const html = unescaped(page.text);
    expect(html).to.contain('<h1 class="page-title">Shopping cart</h1>');
    expect(page.text).to.match(/name="remove" value="\d+"/);
    expect(page.text).to.contain('Update cart');
    expect(page.text).to.contain('Checkout');
    // Continue shopping: the listing (with its query) of the product added last.
    expect(html).to.contain(`href="/idp-data?sort=title">Continue shopping`);
    expect(html).to.contain(`href="/data/${census.slug}?from=${encodeURIComponent('/idp-data?sort=title')}"`);
    const lines = await site.kernel.container.resolve('db')('cart_lines').where({ user_id: id }).orderBy('id').select<{ id: number }[]>('id');
    const res = await agent.post('/cart').type('form').send({ _csrf: await tokenOf(agent), remove: String(lines[0]!.id), op: 'update' });
    expect(res.status).to.equal(303);
    const after = await agent.get('/cart');
    expect(after.text).to.contain('Your cart has been updated.');
    expect(after.text).not.to.contain(census.title);
    expect(await cartRows(site, id)).to.deep.equal([{ product_id: idp.id, geographies: ['CMA_CA_CT'] }]);
  });

  it('ignores a continue-shopping address that is not a catalogue listing', async () => {
    const { agent } = await member(site, 'cart-evil');
    await addToCart(agent, census.id, ['ADA'], 'https://evil.example/data');
    await addToCart(agent, census.id, ['ADA'], '//evil.example/data');
    expect((await agent.get('/cart')).text).to.contain('href="/data">Continue shopping');
  });

  it('keeps the cart across log out, and says so when it is empty', async () => {
    const { agent } = await member(site, 'cart-empty');
    const empty = await agent.get('/cart');
    expect(empty.text).to.contain('There are no products in your shopping cart.');
    expect(empty.text).to.contain('href="/data"');
    await addToCart(agent, census.id, ['ADA']);
    const again = site.agent();
    await logIn(again, 'cart-empty', 'a long enough password');
    expect((await again.get('/cart')).text).to.contain(census.title);
  });

  it('cannot remove another user\'s line', async () => {
    const owner = await member(site, 'cart-owner');
    const other = await member(site, 'cart-other');
    await addToCart(owner.agent, census.id, ['ADA']);
    const [line] = await site.kernel.container.resolve('db')('cart_lines').where({ user_id: owner.id }).select<{ id: number }[]>('id');
    await other.agent.post('/cart').type('form').send({ _csrf: await tokenOf(other.agent), remove: String(line!.id), op: 'update' });
    expect(await cartRows(site, owner.id)).to.have.length(1);
  });
});
