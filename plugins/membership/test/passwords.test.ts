import { expect } from 'chai';
import { createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { LINK_LIFETIME_SECONDS } from '../one-time-login.js';
import { bootMembershipSite, linkIn, mailsTo, submit } from './helpers.js';

describe('membership: new passwords, one-time links and the edit form', () => {
  let site: TestSite;
  const PASS = 'original passphrase words';
  before(async () => {
    site = await bootMembershipSite();
    await createAccount(site, { username: 'Op Oscar', password: PASS, role: 'operator' });
    for (const username of ['Reset Rita', 'Normal Nora', 'Old Otis', 'Edit Eve', 'Pending Pia']) {
      await createAccount(site, { username, password: PASS, role: 'member', status: username === 'Pending Pia' ? 'blocked' : 'active' });
    }
  });
  after(async () => { await site.close(); });

  const repo = () => site.kernel.container.resolve('usersRepository');
  const request = (name: string) => submit(site.agent(), '/user/password', '/user/password', { name });
  const SAME = (name: string) => `If ${name} is a valid account, an email will be sent with instructions to reset your password.`;

  it('shows the "Request new password" page with the three tabs', async () => {
    const res = await site.agent().get('/user/password');
    expect(res.text).to.include('Username or e-mail address');
    for (const tab of ['href="/user/register"', 'href="/user"', 'href="/user/password"']) expect(res.text).to.include(tab);
  });

  it('gives the same answer for an unknown account, and mails only a real one', async () => {
    const agent = site.agent();
    const unknown = await submit(agent, '/user/password', '/user/password', { name: 'ghost@example.org' });
    expect(unknown.status).to.equal(302);
    expect((await agent.get(unknown.headers.location ?? '/user')).text).to.include(SAME('ghost@example.org'));
    const known = await submit(agent, '/user/password', '/user/password', { name: 'reset.rita@example.org' });
    expect(known.status).to.equal(302);
    expect((await agent.get('/user')).text).to.include(SAME('reset.rita@example.org'));
    const [mail] = await mailsTo(site, 'reset.rita@example.org');
    expect(mail?.subject).to.equal('Replacement login information for Reset Rita at CDP');
    expect(await mailsTo(site, 'pending.pia@example.org')).to.have.length(0);
    await request('Pending Pia');
    expect(await mailsTo(site, 'pending.pia@example.org')).to.have.length(0);
  });

  it('limits requests to 5 per account (429 after that)', async () => {
    for (let i = 0; i < 5; i++) expect((await request('Flooded Fay')).status).to.equal(302);
    const res = await request('flooded fay');
    expect(res.status).to.equal(429);
    expect(res.text).to.include('temporarily blocked');
    expect(res.text).to.include('value="flooded fay"');
  });

  it('uses the link once: GET only asks, POST logs in and leads to set a password without the current one', async () => {
    const [mail] = await mailsTo(site, 'reset.rita@example.org');
    const link = linkIn(mail?.text_body ?? '');
    const agent = site.agent();
    const page = await agent.get(link);
    expect(page.text).to.include('Click on this button to log in to the site and change your password.');
    const again = await agent.get(link);
    expect(again.status).to.equal(200);
    const used = await agent.post(link).type('form').send({ _csrf: csrfTokenIn(page.text) });
    const id = (await repo().findByUsername('Reset Rita'))?.id;
    expect(used.headers.location).to.equal(`/user/${id}/edit`);
    const saved = await submit(agent, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'reset.rita@example.org', pass: 'brand new passphrase here', pass_confirm: 'brand new passphrase here' });
    expect(saved.status).to.equal(302);
    await logIn(site.agent(), 'Reset Rita', 'brand new passphrase here');
    const stranger = site.agent();
    const reused = await stranger.get(link);
    expect(reused.headers.location).to.equal('/user/password');
    const notice = await stranger.get(reused.headers.location ?? '');
    expect(notice.text).to.include('You have tried to use a one-time login link that has either been used or is no longer valid.');
  });

  it('refuses a link older than 24 hours', async () => {
    const user = await repo().findByUsername('Old Otis');
    const logins = site.kernel.container.resolve('oneTimeLogins');
    const old = await logins.link(user!, logins.now() - LINK_LIFETIME_SECONDS - 60);
    const agent = site.agent();
    const res = await agent.get(new URL(old).pathname);
    expect(res.headers.location).to.equal('/user/password');
    expect((await agent.get('/user/password')).text).to.include('You have tried to use a one-time login link that has expired. Please request a new one using the form below.');
  });

  it('kills the link when the user logs in normally', async () => {
    await request('Normal Nora');
    const [mail] = await mailsTo(site, 'normal.nora@example.org');
    const link = linkIn(mail?.text_body ?? '');
    expect((await site.agent().get(link)).status).to.equal(200);
    // Log-in times are stored to the microsecond; the link covers them.
    await logIn(site.agent(), 'Normal Nora', PASS);
    expect((await site.agent().get(link)).headers.location).to.equal('/user/password');
  });

  it('asks for the current password to change the e-mail or the password', async () => {
    const agent = site.agent();
    await logIn(agent, 'Edit Eve', PASS);
    const id = (await repo().findByUsername('Edit Eve'))?.id;
    const mail = await submit(agent, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'eve.new@example.org' });
    expect(mail.status).to.equal(400);
    expect(mail.text).to.include('Your current password is missing or incorrect; it&#x27;s required to change the E-mail address.');
    expect(mail.text).to.include('value="eve.new@example.org"');
    const pass = await submit(agent, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'edit.eve@example.org', current_pass: 'wrong', pass: 'another fine passphrase', pass_confirm: 'another fine passphrase' });
    expect(pass.text).to.include('Your current password is missing or incorrect; it&#x27;s required to change the Password.');
    const weak = await submit(agent, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'edit.eve@example.org', current_pass: PASS, pass: 'password1234', pass_confirm: 'password1234' });
    expect(weak.text).to.include('This is similar to a commonly used password.');
    const ok = await submit(agent, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'eve.new@example.org', current_pass: PASS });
    expect(ok.status).to.equal(302);
    expect((await repo().findById(id ?? 0))?.email).to.equal('eve.new@example.org');
    const others = await agent.get(`/user/${((await repo().findByUsername('Old Otis'))?.id) ?? 0}/edit`);
    expect(others.status).to.equal(403);
  });

  it('lets an operator change another user\'s e-mail, without a password, but not their password', async () => {
    const operator = site.agent();
    await logIn(operator, 'Op Oscar', PASS);
    const id = (await repo().findByUsername('Old Otis'))?.id;
    const form = await operator.get(`/user/${id}/edit`);
    expect(form.text).not.to.include('name="pass"');
    const pass = await submit(operator, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'old.otis@example.org', pass: 'operator chosen passphrase', pass_confirm: 'operator chosen passphrase' });
    expect(pass.status).to.equal(400);
    const ok = await submit(operator, `/user/${id}/edit`, `/user/${id}/edit`, { mail: 'otis.new@example.org' });
    expect(ok.status).to.equal(302);
    expect((await repo().findById(id ?? 0))?.email).to.equal('otis.new@example.org');
  });
});
