import { expect } from 'chai';
import { ADMIN, bootSite, logIn, type TestSite } from '../../../test/helpers/site.js';
import { addToCart, insertProduct, member, tokenOf, type Agent, type TestProduct } from './helpers.js';

describe('commerce-free-checkout: order history and the operators\' orders', () => {
  let site: TestSite;
  let product: TestProduct;
  let buyer: { agent: Agent; id: number };
  let orderId: number;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    product = await insertProduct(site, { title: 'History Census Profile, 2016', geographies: ['CMA_CA_CT', 'ADA'] });
    buyer = await member(site, 'hist-buyer');
    await addToCart(buyer.agent, product.id, ['ADA', 'CMA_CA_CT']);
    const page = await buyer.agent.get('/cart/checkout');
    const key = /name="submission_key" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await buyer.agent.post('/cart/checkout').type('form').send({ _csrf: await tokenOf(buyer.agent), submission_key: key });
    orderId = Number(res.headers.location!.split('/').pop());
  });
  after(async () => site.close());

  it('shows the owner their orders and an order\'s lines', async () => {
    const list = await buyer.agent.get(`/user/${buyer.id}/orders`).expect(200);
    expect(list.text).to.contain(`href="/user/${buyer.id}/orders/${orderId}">Order ${orderId}</a>`);
    const detail = await buyer.agent.get(`/user/${buyer.id}/orders/${orderId}`).expect(200);
    expect(detail.text).to.contain(product.title);
    expect(detail.text).to.contain('CMA CA CT');
    expect(detail.text).to.contain(`${product.slug}_ADA.zip`);
    expect(detail.text).to.contain(`href="/user/${buyer.id}/purchased-files"`);
  });

  it('answers 404 to other users, and to an order under another user\'s path', async () => {
    const other = await member(site, 'hist-other');
    expect((await other.agent.get(`/user/${buyer.id}/orders`)).status).to.equal(404);
    expect((await other.agent.get(`/user/${buyer.id}/orders/${orderId}`)).status).to.equal(404);
    expect((await other.agent.get(`/user/${other.id}/orders/${orderId}`)).status).to.equal(404);
    expect((await other.agent.get(`/user/${other.id}/orders`)).text).to.contain('No orders yet.');
    expect((await other.agent.get('/admin/orders')).status).to.equal(403);
  });

  it('asks anonymous visitors to log in', async () => {
    const res = await site.agent().get(`/user/${buyer.id}/orders`);
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.equal(`/user?destination=${encodeURIComponent(`/user/${buyer.id}/orders`)}`);
    expect((await site.agent().get('/admin/orders')).status).to.equal(302);
  });

  it('lets operators see any user\'s orders and every order on /admin/orders, newest first, 50 a page', async () => {
    const operator = await member(site, 'hist-operator', null, 'operator');
    expect((await operator.agent.get(`/user/${buyer.id}/orders`)).status).to.equal(200);
    expect((await operator.agent.get(`/user/${buyer.id}/orders/${orderId}`)).status).to.equal(200);
    const db = site.kernel.container.resolve('db');
    const rows = Array.from({ length: 55 }, (_, i) => ({
      user_id: buyer.id, submission_key: `history-test-key-${String(i).padStart(4, '0')}`, created_at: new Date(Date.UTC(2020, 0, 1 + i)),
    }));
    await db('orders').insert(rows);
    const first = await operator.agent.get('/admin/orders').expect(200);
    expect(first.text).to.contain('<h1 class="page-title">All orders</h1>');
    expect(first.text.indexOf(`Order ${orderId}<`)).to.be.above(-1);
    expect(first.text).to.contain('Page 1 of 2 (56 orders)');
    expect(first.text).to.contain('hist-buyer');
    const second = await operator.agent.get('/admin/orders?page=2').expect(200);
    expect((second.text.match(/data-order="/g) ?? []).length).to.equal(6);
    const admin = site.agent();
    await logIn(admin, ADMIN.username, ADMIN.password);
    expect((await admin.get('/admin')).text).to.contain('/admin/orders');
  });
});
