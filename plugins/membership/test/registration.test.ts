import { expect } from 'chai';
import type { TestSite } from '../../../test/helpers/site.js';
import { bootMembershipSite, mailsTo, register, VALID } from './helpers.js';

describe('membership: registration', () => {
  let site: TestSite;
  before(async () => { site = await bootMembershipSite(); });
  after(async () => { await site.close(); });

  it('shows the "Create new account" form with the guide\'s fields, tabs and terms', async () => {
    const res = await site.agent().get('/user/register');
    expect(res.status).to.equal(200);
    for (const text of ['Create new account', 'Request new password', 'You can use your e-mail address as a username.',
      'Spaces are allowed; punctuation is not allowed except for periods, hyphens, apostrophes, and underscores.',
      'Password strength:', 'Provide a password for the new account in both fields.', 'Member Organization',
      'Can&#x27;t find your organization?', 'href="/node/add/member-organization"', '- None -', 'Immigration Sector Network',
      'Schedule C: Data sharing and end use license agreement', 'Accept Terms &amp; Conditions of Use', 'Accounts are available for employees of active member organizations',
      '<datalist id="member-organizations">', 'Immigrant Services Calgary']) {
      expect(res.text).to.include(text);
    }
    expect(res.text).to.match(/<script src="\/[^"]+" defer><\/script>/);
    expect(res.text).to.match(/<a href="\/user">User account<\/a><\/li>\s*<li><span aria-current="page">Create new account<\/span>/);
  });

  it('serves the browser bundle (strength indicator, auto-complete) from our own origin', async () => {
    const page = await site.agent().get('/user/register');
    const src = /<script src="(\/bundles\/membership\/register\.[0-9a-f]+\.js)" defer><\/script>/.exec(page.text)?.[1] ?? '';
    const script = await site.agent().get(src);
    expect(script.status).to.equal(200);
    expect(script.headers['content-type']).to.match(/javascript/);
    expect(script.text).to.include('member-organizations');
  });

  it('offers "Register as an individual user" under Join to anonymous visitors', async () => {
    const res = await site.agent().get('/');
    expect(res.text).to.include('Register as an individual user');
  });

  it('creates a blocked account, says it awaits approval and e-mails the user and the operators', async () => {
    const res = await register(site.agent(), { name: 'Pending Pat', mail: 'pat@example.org' });
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Your account is currently pending approval by the site administrator.');
    expect(res.text).to.include('three business days');
    const row = await site.kernel.container.resolve('usersRepository').findByUsername('pending pat');
    expect(row?.status).to.equal('blocked');
    expect(row?.organization_id).to.be.a('number');
    const [pending] = await mailsTo(site, 'pat@example.org');
    expect(pending?.subject).to.equal('Account details for Pending Pat at CDP (pending admin approval)');
    const [operators] = await mailsTo(site, 'admin@localhost');
    expect(operators?.subject).to.equal('Pending Pat has applied for an account');
    expect(operators?.text_body).to.match(/\/admin\/people/);
  });

  it('refuses a pending account at log in and tells why, with no session', async () => {
    await register(site.agent(), { name: 'Waiting Will', mail: 'will@example.org' });
    const agent = site.agent();
    const form = await agent.get('/user');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    const res = await agent.post('/user').type('form').send({ name: 'Waiting Will', pass: VALID.pass, _csrf: token });
    expect(res.status).to.equal(403);
    expect(res.text).to.include('The username Waiting Will has not been activated or is blocked.');
    const row = await site.kernel.container.resolve('usersRepository').findByUsername('Waiting Will');
    const edit = await agent.get(`/user/${row?.id}/edit`);
    expect(edit.status).to.equal(302);
    expect(edit.headers.location).to.match(/^\/user\?destination=/);
  });

  const refused = async (fields: Record<string, string | undefined>, message: string) => {
    const res = await register(site.agent(), fields);
    expect(res.status).to.equal(400);
    expect(res.text).to.include(message);
    expect(res.text).to.include('has-error');
    return res;
  };

  it('keeps the typed values (never the passwords) when a field is refused', async () => {
    const res = await refused({ name: 'Kept Kim', mail: 'kim@example.org', terms: undefined }, 'Accept Terms &amp; Conditions of Use field is required.');
    expect(res.text).to.include('value="Kept Kim"');
    expect(res.text).to.include('value="kim@example.org"');
    expect(res.text).to.include('value="Immigrant Services Calgary"');
    expect(res.text).not.to.include(VALID.pass);
  });

  it('applies Drupal\'s username rules with its messages', async () => {
    await refused({ name: '' }, 'Username field is required.');
    await refused({ name: ' Lead' }, 'The username cannot begin with a space.');
    await refused({ name: 'Trail ' }, 'The username cannot end with a space.');
    await refused({ name: 'Two  spaces' }, 'The username cannot contain multiple spaces in a row.');
    await refused({ name: 'semi;colon' }, 'The username contains an illegal character.');
    const long = 'x'.repeat(61);
    await refused({ name: long }, `The username ${long} is too long: it must be 60 characters or less.`);
    const ok = await register(site.agent(), { name: "o'neil-smith_jr.@x+y 2", mail: 'oneil@example.org' });
    expect(ok.status).to.equal(200);
  });

  it('refuses a username or e-mail already taken, without regard to case', async () => {
    await register(site.agent(), { name: 'Taken Tom', mail: 'tom@example.org' });
    await refused({ name: 'TAKEN TOM', mail: 'other@example.org' }, 'The name TAKEN TOM is already taken.');
    const res = await refused({ name: 'Other Otto', mail: ' TOM@example.org ' }, 'The e-mail address TOM@example.org is already registered. Have you forgotten your password?');
    expect(res.text).to.include('href="/user/password"');
  });

  it('checks the e-mail address', async () => {
    await refused({ mail: '' }, 'E-mail address field is required.');
    await refused({ mail: 'not-an-address' }, 'The e-mail address not-an-address is not valid.');
  });

  it('checks the passwords: both the same, long enough, not common', async () => {
    await refused({ pass_confirm: 'something else entirely' }, 'The specified passwords do not match.');
    await refused({ pass: 'short one', pass_confirm: 'short one' }, 'The password must be at least 12 characters long.');
    await refused({ pass: 'password1234', pass_confirm: 'password1234' }, 'This is similar to a commonly used password. Use a longer passphrase');
  });

  it('checks first and last names are at most 100 characters', async () => {
    await refused({ first_name: 'y'.repeat(101) }, 'This field must be 100 characters or less.');
  });

  it('requires an approved organization, and its own consortium', async () => {
    await refused({ organization: '' }, 'Member Organization field is required.');
    await refused({ organization: 'Nowhere Society' }, 'There is no approved member organization named Nowhere Society.');
    await refused({ organization: 'Waiting Society' }, 'There is no approved member organization named Waiting Society.');
    const consortia = await site.kernel.container.resolve('consortia').listConsortia();
    const bowValley = consortia.find((c) => c.name === 'Bow Valley');
    await refused({ organization: 'immigrant services calgary', consortium: String(bowValley?.id) },
      'Immigrant Services Calgary belongs to the Immigration Sector Network consortium.');
    const network = consortia.find((c) => c.name === 'Immigration Sector Network');
    const ok = await register(site.agent(), { name: 'Matching Mo', mail: 'mo@example.org', organization: 'IMMIGRANT SERVICES CALGARY', consortium: String(network?.id) });
    expect(ok.status).to.equal(200);
  });

  it('turns a unique-index race into the field message, not a 500', async () => {
    const repo = site.kernel.container.resolve('usersRepository');
    const original = repo.findByUsername.bind(repo);
    await register(site.agent(), { name: 'Racer Rae', mail: 'rae@example.org' });
    // The check before the insert misses the other request's row, as in a race.
    repo.findByUsername = async () => undefined;
    try {
      await refused({ name: 'racer rae', mail: 'rae2@example.org' }, 'The name racer rae is already taken.');
    } finally {
      repo.findByUsername = original;
    }
  });
});
