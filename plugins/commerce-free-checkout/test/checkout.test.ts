import { expect } from 'chai';
import { bootSite, type TestSite } from '../../../test/helpers/site.js';
import { addToCart, cartRows, insertProduct, mailTo, member, NETWORK_ORGANIZATION, tokenOf, unescaped, type Agent, type TestProduct } from './helpers.js';

const keyIn = (html: string): string => /name="submission_key" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('commerce-free-checkout: checkout and Submit order', () => {
  let site: TestSite;
  let census: TestProduct;
  let idp: TestProduct;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false', PUBLIC_URL: 'http://cdp.example.org' } });
    census = await insertProduct(site, { title: 'Checkout Census Profile, 2016', geographies: ['PT_CD_CSD_DA', 'CMA_CA_CT', 'ADA'] });
    idp = await insertProduct(site, { title: 'Checkout recent immigrants, 2016', inIdp: true, geographies: ['CMA_CA_CT'] });
  });
  after(async () => site.close());

  const db = () => site.kernel.container.resolve('db');
  const ordersOf = async (userId: number) => db()('orders').where({ user_id: userId }).select<{ id: number }[]>('id');

  /** The checkout page's form fields, as a browser would send them. */
  const checkoutForm = async (agent: Agent) => {
    const page = await agent.get('/cart/checkout').expect(200);
    return { _csrf: await tokenOf(agent, '/cart'), submission_key: keyIn(page.text) };
  };

  it('redirects an empty cart\'s checkout to the cart', async () => {
    const { agent } = await member(site, 'co-empty');
    const res = await agent.get('/cart/checkout');
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.equal('/cart');
  });

  it('shows CART CONTENTS, PAYMENT METHOD "No payment required", Subtotal, Order total, Cancel and Submit order', async () => {
    const { agent } = await member(site, 'co-page');
    await addToCart(agent, census.id, ['CMA_CA_CT', 'ADA']);
    const res = await agent.get('/cart/checkout').expect(200);
    const html = unescaped(res.text);
    for (const text of ['<h1 class="page-title">Checkout</h1>', 'CART CONTENTS', 'Products', 'Price', census.title, 'Geographies: CMA CA CT / ADA',
      'PAYMENT METHOD', 'No payment required', 'Subtotal:', 'Order total:', 'Continue with checkout to complete your order.',
      'href="/cart">Cancel', 'Submit order', 'href="/cart">Shopping cart']) {
      expect(html).to.contain(text);
    }
    expect(html).to.match(/<input type="radio" id="payment-free" checked disabled>/);
    expect(html).not.to.contain('$');
    expect(keyIn(res.text)).to.have.length.above(16);
  });

  it('creates the order, its lines, empties the cart, queues both e-mails and shows Order complete', async () => {
    const { agent, id } = await member(site, 'co-buyer');
    await addToCart(agent, census.id, ['CMA_CA_CT', 'ADA']);
    await addToCart(agent, idp.id, ['CMA_CA_CT']);
    const res = await agent.post('/cart/checkout').type('form').send(await checkoutForm(agent));
    expect(res.status).to.equal(303);
    const [order] = await ordersOf(id);
    expect(res.headers.location).to.equal(`/cart/checkout/complete/${order!.id}`);
    const lines = await db()('order_lines').where({ order_id: order!.id }).orderBy('id').select('product_id', 'product_title', 'package_id', 'geography', 'file_name');
    expect(lines.map((l: { package_id: number }) => l.package_id)).to.deep.equal([census.packages.CMA_CA_CT, census.packages.ADA, idp.packages.CMA_CA_CT]);
    expect(lines[0]).to.include({ product_id: census.id, product_title: census.title, geography: 'CMA_CA_CT' });
    expect(await cartRows(site, id)).to.deep.equal([]);

    const complete = await agent.get(res.headers.location!).expect(200);
    expect(complete.text).to.contain('<h1 class="page-title">Order complete</h1>');
    expect(complete.text).to.contain(`Your order is complete! Your order number is ${order!.id}.`);
    expect(complete.text).to.contain(`href="/user/${id}/purchased-files">Download your order`);
    expect(complete.text).to.contain(`href="/user/${id}/orders"`);

    const [mail] = await mailTo(site, 'co.buyer@example.org');
    expect(mail?.subject).to.equal('Your Order at CDP');
    expect(mail?.text_body).to.contain(census.title);
    expect(mail?.text_body).to.contain('Geographies: CMA CA CT');
    expect(mail?.text_body).to.contain(`${census.slug}_ADA.zip`);
    expect(mail?.text_body).to.contain(`http://cdp.example.org/user/${id}/purchased-files`);
    expect(mail?.text_body).to.contain('Community Data Program');
    const operators = await db()('notification_outbox').where({ subject: 'New Order at CDP' }).select<{ text_body: string }[]>('text_body');
    expect(operators.some((m) => m.text_body.includes(`Order ${order!.id} was placed by co-buyer`))).to.equal(true);
  });

  it('makes one order from a double submit, and sends the second submit to the same order', async () => {
    const { agent, id } = await member(site, 'co-double');
    await addToCart(agent, census.id, ['ADA']);
    const form = await checkoutForm(agent);
    const first = await agent.post('/cart/checkout').type('form').send(form);
    const second = await agent.post('/cart/checkout').type('form').send(form);
    expect(second.status).to.equal(303);
    expect(second.headers.location).to.equal(first.headers.location);
    expect(await ordersOf(id)).to.have.length(1);
    expect(await mailTo(site, 'co.double@example.org')).to.have.length(1);
  });

  it('makes one order from two concurrent submits of the same form', async () => {
    const { agent, id } = await member(site, 'co-race');
    await addToCart(agent, census.id, ['ADA', 'PT_CD_CSD_DA']);
    const form = await checkoutForm(agent);
    const answers = await Promise.all([1, 2, 3].map(() => agent.post('/cart/checkout').type('form').send(form)));
    const orders = await ordersOf(id);
    expect(orders).to.have.length(1);
    for (const answer of answers) expect(answer.headers.location).to.equal(`/cart/checkout/complete/${orders[0]!.id}`);
    expect(await db()('order_lines').where({ order_id: orders[0]!.id })).to.have.length(2);
  });

  it('makes one order from two tabs submitted at once, and sends the other tab to the cart', async () => {
    const { agent, id } = await member(site, 'co-tabs');
    await addToCart(agent, idp.id, ['CMA_CA_CT']);
    const one = await checkoutForm(agent);
    const two = await checkoutForm(agent);
    expect(one.submission_key).not.to.equal(two.submission_key);
    const answers = await Promise.all([agent.post('/cart/checkout').type('form').send(one), agent.post('/cart/checkout').type('form').send(two)]);
    expect(await ordersOf(id)).to.have.length(1);
    expect(answers.map((a) => a.headers.location).sort()).to.deep.equal([`/cart`, `/cart/checkout/complete/${(await ordersOf(id))[0]!.id}`].sort());
  });

  it('delivers order.completed after the order has committed', async () => {
    const { agent, id } = await member(site, 'co-event');
    const seen: { orderId: number; userId: number; committed: boolean }[] = [];
    site.kernel.container.resolve('events').on('commerce-free-checkout', 'order.completed', async (payload) => {
      const row = await db()('orders').where({ id: payload.orderId }).first();
      if (payload.userId === id) seen.push({ ...payload, committed: row !== undefined });
    });
    await addToCart(agent, census.id, ['ADA']);
    await agent.post('/cart/checkout').type('form').send(await checkoutForm(agent));
    await site.kernel.container.resolve('events').drain();
    const [order] = await ordersOf(id);
    expect(seen).to.deep.equal([{ orderId: order!.id, userId: id, committed: true }]);
  });

  it('rolls everything back when a fulfiller fails: no order, no lines, no e-mail, the cart kept', async () => {
    const { agent, id } = await member(site, 'co-fail');
    const fulfilment = site.kernel.container.resolve('fulfilment');
    fulfilment.add('commerce-free-checkout', { fulfil: async () => { throw new Error('disk full'); } });
    try {
      await addToCart(agent, census.id, ['ADA']);
      const res = await agent.post('/cart/checkout').type('form').send(await checkoutForm(agent));
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/cart');
      expect((await agent.get('/cart')).text).to.contain('Your order could not be completed');
    } finally {
      fulfilment.add('commerce-free-checkout', { fulfil: async () => undefined });
    }
    expect(await ordersOf(id)).to.deep.equal([]);
    expect(await db()('purchased_files').where({ user_id: id })).to.deep.equal([]);
    expect(await mailTo(site, 'co.fail@example.org')).to.deep.equal([]);
    expect(await cartRows(site, id)).to.deep.equal([{ product_id: census.id, geographies: ['ADA'] }]);
  });

  it('shows Order complete only to the order\'s owner', async () => {
    const owner = await member(site, 'co-owner');
    const other = await member(site, 'co-stranger');
    await addToCart(owner.agent, idp.id, ['CMA_CA_CT']);
    const res = await owner.agent.post('/cart/checkout').type('form').send(await checkoutForm(owner.agent));
    expect((await other.agent.get(res.headers.location!)).status).to.equal(404);
    expect((await site.agent().get(res.headers.location!)).status).to.equal(302);
  });

  it('checks access again at submit: a product the user may no longer order sends them back to the cart', async () => {
    const { agent, id } = await member(site, 'co-moved');
    await addToCart(agent, census.id, ['ADA']);
    const form = await checkoutForm(agent);
    // The user's organization moves to the sector network, which orders IDP products only.
    const network = await db()('member_organizations').where({ name: NETWORK_ORGANIZATION }).first<{ id: number }>('id');
    await db()('users').where({ id }).update({ organization_id: network.id });
    const res = await agent.post('/cart/checkout').type('form').send(form);
    expect(res.headers.location).to.equal('/cart');
    expect((await agent.get('/cart')).text).to.contain(`can no longer be ordered with your account; please remove them from your cart: ${census.title}`);
    expect(await ordersOf(id)).to.deep.equal([]);
  });

  it('goes to checkout from the cart\'s Checkout button, removing ticked lines first', async () => {
    const { agent, id } = await member(site, 'co-button');
    await addToCart(agent, census.id, ['ADA']);
    await addToCart(agent, idp.id, ['CMA_CA_CT']);
    const [line] = await db()('cart_lines').where({ user_id: id, product_id: census.id }).select<{ id: number }[]>('id');
    const res = await agent.post('/cart').type('form').send({ _csrf: await tokenOf(agent), remove: String(line!.id), op: 'checkout' });
    expect(res.headers.location).to.equal('/cart/checkout');
    const page = await agent.get('/cart/checkout');
    expect(page.text).to.contain(idp.title);
    expect(page.text).not.to.contain(census.title);
  });

  it('refuses a forged submission key with 400', async () => {
    const { agent } = await member(site, 'co-forged');
    await addToCart(agent, idp.id, ['CMA_CA_CT']);
    const res = await agent.post('/cart/checkout').type('form').send({ _csrf: await tokenOf(agent), submission_key: 'x' });
    expect(res.status).to.equal(400);
  });
});
