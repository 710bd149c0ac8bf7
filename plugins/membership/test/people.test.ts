import { expect } from 'chai';
import { ADMIN, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { bootMembershipSite, linkIn, mailsTo, register, submit, VALID } from './helpers.js';

describe('membership: operators and /admin/people', () => {
  let site: TestSite;
  before(async () => {
    site = await bootMembershipSite();
    await createAccount(site, { username: 'Olga Operator', password: 'operator passphrase here', role: 'operator' });
    await createAccount(site, { username: 'Plain Paul', password: 'plain passphrase here', role: 'member' });
  });
  after(async () => { await site.close(); });

  const userId = async (name: string) => (await site.kernel.container.resolve('usersRepository').findByUsername(name))?.id;

  it('sends anonymous visitors to log in, refuses plain users and lets operators in', async () => {
    const anonymous = await site.agent().get('/admin/people');
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.location).to.equal('/user?destination=%2Fadmin%2Fpeople');
    const plain = site.agent();
    await logIn(plain, 'Plain Paul', 'plain passphrase here');
    expect((await plain.get('/admin/people')).status).to.equal(403);
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', 'operator passphrase here');
    const page = await operator.get('/admin/people');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('Plain Paul');
    expect((await operator.get('/admin')).text).to.include('/admin/people');
  });

  it('lists pending accounts first, with organization and consortium', async () => {
    await register(site.agent(), { name: 'Newcomer Nia', mail: 'nia@example.org' });
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', 'operator passphrase here');
    const text = (await operator.get('/admin/people')).text;
    expect(text.indexOf('Newcomer Nia')).to.be.lessThan(text.indexOf('Plain Paul'));
    expect(text).to.include('Awaiting activation');
    expect(text).to.include('Immigrant Services Calgary');
    expect(text).to.include('Immigration Sector Network');
  });

  it('asks before activating, then activates, makes a member and e-mails a one-time link that works once', async () => {
    await register(site.agent(), { name: 'Activated Ava', mail: 'ava@example.org' });
    const id = await userId('Activated Ava');
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', 'operator passphrase here');
    const ask = await submit(operator, '/admin/people', `/admin/people/${id}/activate`);
    expect(ask.status).to.equal(200);
    expect(ask.text).to.include('Activate Activated Ava?');
    expect((await site.kernel.container.resolve('accounts').findAccount(id ?? 0))?.status).to.equal('blocked');
    const done = await submit(operator, '/admin/people', `/admin/people/${id}/activate`, { confirm: 'yes' });
    expect(done.status).to.equal(302);
    expect((await operator.get('/admin/people')).text).to.include('Activated Ava has been activated');
    const row = await site.kernel.container.resolve('accounts').findAccount(id ?? 0);
    expect(row?.status).to.equal('active');
    expect(row?.role).to.equal('member');
    expect(row?.activated_at).to.be.instanceOf(Date);
    const mail = (await mailsTo(site, 'ava@example.org')).find((m) => m.subject === 'Account details for Activated Ava at CDP (approved)');
    expect(mail).to.not.equal(undefined);
    const link = linkIn(mail?.text_body ?? '');
    const user = site.agent();
    const page = await user.get(link);
    expect(page.text).to.include('This is a one-time login for Activated Ava and will expire on');
    const used = await user.post(link).type('form').send({ _csrf: csrfTokenIn(page.text) });
    expect(used.status).to.equal(302);
    expect(used.headers.location).to.equal(`/user/${id}/edit`);
    const again = await site.agent().get(link);
    expect(again.headers.location).to.equal('/user/password');
  });

  it('blocks an account after confirmation, and the user can no longer log in', async () => {
    await createAccount(site, { username: 'Blocked Bo', password: 'blocked passphrase here', role: 'member' });
    const id = await userId('Blocked Bo');
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', 'operator passphrase here');
    await submit(operator, '/admin/people', `/admin/people/${id}/block`, { confirm: 'yes' });
    expect((await site.kernel.container.resolve('accounts').findAccount(id ?? 0))?.status).to.equal('blocked');
  });

  it('lets an operator change roles but never grant administrator or change an administrator', async () => {
    const id = await userId('Plain Paul');
    const operator = site.agent();
    await logIn(operator, 'Olga Operator', 'operator passphrase here');
    await submit(operator, '/admin/people', `/admin/people/${id}/role`, { role: 'administrator', confirm: 'yes' });
    expect((await site.kernel.container.resolve('accounts').findAccount(id ?? 0))?.role).to.equal('member');
    expect((await operator.get('/admin/people')).text).to.include('You may not make that change');
    const adminId = await userId(ADMIN.username);
    await submit(operator, '/admin/people', `/admin/people/${adminId}/block`, { confirm: 'yes' });
    expect((await site.kernel.container.resolve('accounts').findAccount(adminId ?? 0))?.status).to.equal('active');
    await submit(operator, '/admin/people', `/admin/people/${id}/role`, { role: 'operator', confirm: 'yes' });
    expect((await site.kernel.container.resolve('accounts').findAccount(id ?? 0))?.role).to.equal('operator');
    const admin = site.agent();
    await logIn(admin);
    await submit(admin, '/admin/people', `/admin/people/${id}/role`, { role: 'administrator', confirm: 'yes' });
    expect((await site.kernel.container.resolve('accounts').findAccount(id ?? 0))?.role).to.equal('administrator');
  });

  it('the People service activates from code (as the command does), with the same e-mail', async () => {
    await register(site.agent(), { name: 'Command Cy', mail: 'cy@example.org', pass: VALID.pass });
    const people = site.kernel.container.resolve('people');
    expect((await people.list({ pendingOnly: true })).map((p) => p.username)).to.include('Command Cy');
    const result = await people.activate('command', (await userId('Command Cy')) ?? 0);
    expect(result.ok).to.equal(true);
    expect((await mailsTo(site, 'cy@example.org')).map((m) => m.subject)).to.include('Account details for Command Cy at CDP (approved)');
  });

  it('never leaves the site without an active administrator', async () => {
    const people = site.kernel.container.resolve('people');
    // Plain Paul was made an administrator above: demote him, then the last one cannot go.
    expect((await people.setRole('command', (await userId('Plain Paul')) ?? 0, 'member')).ok).to.equal(true);
    const result = await people.setRole('command', (await userId(ADMIN.username)) ?? 0, 'member');
    expect(result).to.deep.equal({ ok: false, reason: 'last-administrator' });
    expect((await people.block('command', (await userId(ADMIN.username)) ?? 0)).ok).to.equal(false);
  });
});
