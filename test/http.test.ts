import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, ADMIN, type TestSite } from './helpers/site.js';

describe('HTTP baseline and log in', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite();
  });
  after(async () => site.close());

  it('answers /healthz and /readyz', async () => {
    const agent = site.agent();
    expect((await agent.get('/healthz')).body).to.deep.equal({ status: 'ok' });
    const ready = await agent.get('/readyz');
    expect(ready.status).to.equal(200);
    expect(ready.body.database).to.equal('reachable');
  });

  it('serves the home page with the CDP header menu, in the contract order', async () => {
    const res = await site.agent().get('/');
    expect(res.status).to.equal(200);
    const labels = [...res.text.matchAll(/<li class="menu-item[^"]*">\s*<a [^>]*>([^<]+)/g)].map((m) => m[1]?.trim());
    expect(labels).to.deep.equal(['CDP', 'About', 'Resources', 'News', 'Find Data', 'My Account', 'Join', 'Log in', 'CCSD.ca']);
    expect(res.text).to.include('href="/resources/how-to-use"');
  });

  it('sends security headers with a CSP that allows no inline script', async () => {
    const res = await site.agent().get('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).to.match(/script-src 'self'(;|$)/);
    expect(csp).not.to.include('unsafe-inline');
    expect(res.headers['x-request-id']).to.be.a('string');
    expect(res.text).not.to.match(/<script>(?!<\/script>)/);
  });

  it('refuses a form sent without its CSRF token, keeping the user logged out', async () => {
    const agent = site.agent();
    await agent.get('/user');
    const res = await agent.post('/user').type('form').send({ name: ADMIN.username, pass: ADMIN.password });
    expect(res.status).to.equal(403);
    expect(res.text).to.include('This form has expired or was sent from another site.');
    expect((await agent.get('/user')).text).to.include('name="pass"');
  });

  it('refuses a wrong token too', async () => {
    const agent = site.agent();
    await agent.get('/user');
    const res = await agent.post('/user').type('form').send({ name: ADMIN.username, pass: ADMIN.password, _csrf: 'forged' });
    expect(res.status).to.equal(403);
  });

  it('logs in with a new session id, and shows the account page', async () => {
    const agent = site.agent();
    const form = await agent.get('/user');
    const before = String(form.headers['set-cookie']).match(/cdp\.sid=([^;]+)/)?.[1];
    expect(before, 'the log-in form starts a session for its token').to.be.a('string');
    const res = await agent.post('/user').type('form').send({ name: 'ADMIN', pass: ADMIN.password, _csrf: csrfTokenIn(form.text) });
    expect(res.status).to.equal(302);
    const after = String(res.headers['set-cookie']).match(/cdp\.sid=([^;]+)/)?.[1];
    expect(after).to.be.a('string').and.not.equal(before);
    const account = await agent.get('/user');
    expect(account.text).to.include('<h1 class="page-title">admin</h1>');
    expect(account.text).to.include('Logout');
  });

  it('keeps the username typed when the password is wrong, with Drupal\'s message', async () => {
    const agent = site.agent();
    const form = await agent.get('/user');
    const res = await agent.post('/user').type('form').send({ name: 'someone', pass: 'nope', _csrf: csrfTokenIn(form.text) });
    expect(res.status).to.equal(401);
    expect(res.text).to.include('Sorry, unrecognized username or password. Have you forgotten your password?');
    expect(res.text).to.include('value="someone"');
  });

  it('tells a blocked account why it cannot log in', async () => {
    await createAccount(site, { username: 'Pending Person', password: 'a long enough password', status: 'blocked' });
    const agent = site.agent();
    const form = await agent.get('/user');
    const res = await agent.post('/user').type('form').send({ name: 'pending person', pass: 'a long enough password', _csrf: csrfTokenIn(form.text) });
    expect(res.status).to.equal(403);
    expect(res.text).to.include('The username Pending Person has not been activated or is blocked.');
  });

  it('logs out through the menu link, which carries the CSRF token', async () => {
    const agent = site.agent();
    await logIn(agent);
    const page = await agent.get('/user');
    const href = /href="(\/user\/logout\?token[^"]+)"/.exec(page.text)?.[1]?.replace(/&#x3D;/g, '=');
    expect(href).to.be.a('string');
    expect((await agent.get(href!)).status).to.equal(302);
    expect((await agent.get('/user')).text).to.include('name="pass"');
  });

  it('asks before logging out when the link has no token', async () => {
    const agent = site.agent();
    await logIn(agent);
    const res = await agent.get('/user/logout');
    expect(res.text).to.include('Do you want to log out');
    expect((await agent.get('/user')).text).not.to.include('name="pass"');
  });

  it('sends a visitor to log in, and brings them back, when a page needs a permission', async () => {
    const agent = site.agent();
    const res = await agent.get('/admin/modules');
    expect(res.status).to.equal(302);
    expect(res.headers.location).to.equal('/user?destination=%2Fadmin%2Fmodules');
    const form = await agent.get(res.headers.location as string);
    const back = await agent.post('/user').type('form').send({ name: ADMIN.username, pass: ADMIN.password, destination: '/admin/modules', _csrf: csrfTokenIn(form.text) });
    expect(back.headers.location).to.equal('/admin/modules');
  });

  it('never redirects to another site after log in', async () => {
    const agent = site.agent();
    const form = await agent.get('/user');
    const res = await agent.post('/user').type('form').send({ name: ADMIN.username, pass: ADMIN.password, destination: '//evil.example', _csrf: csrfTokenIn(form.text) });
    expect(res.headers.location).to.equal('/user');
  });

  it('answers an unknown page with the theme\'s 404 page', async () => {
    const res = await site.agent().get('/no/such/page');
    expect(res.status).to.equal(404);
    expect(res.text).to.include('Page not found');
    expect(res.text).to.include('class="site-header"');
  });

  it('answers a malformed body with 400 and an oversized one with 413, never 500', async () => {
    const agent = site.agent();
    const bad = await agent.post('/user').set('content-type', 'application/json').send('{"name":');
    expect(bad.status).to.equal(400);
    const big = await agent.post('/user').type('form').send({ name: 'x'.repeat(300 * 1024) });
    expect(big.status).to.equal(413);
  });

  it('serves theme assets with a content hash and a year-long cache', async () => {
    const home = await site.agent().get('/');
    const css = /href="(\/assets\/[0-9a-f]{12}\/css\/site\.css)"/.exec(home.text)?.[1];
    expect(css).to.be.a('string');
    const res = await site.agent().get(css!);
    expect(res.status).to.equal(200);
    expect(res.headers['cache-control']).to.include('max-age=31536000').and.include('immutable');
    expect((await site.agent().get('/assets/abc/../../config/index.ts')).status).to.equal(404);
  });

  it('says 503 on /readyz when the database is unreachable', async () => {
    const broken = await bootSite();
    await broken.kernel.database.knex.destroy();
    const res = await broken.agent().get('/readyz');
    expect(res.status).to.equal(503);
    await broken.close().catch(() => undefined);
  });
});
