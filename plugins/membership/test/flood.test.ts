import { expect } from 'chai';
import { createAccount, csrfTokenIn, type TestSite } from '../../../test/helpers/site.js';
import { bootMembershipSite, type Agent } from './helpers.js';

const attempt = async (agent: Agent, name: string, pass: string) => {
  const form = await agent.get('/user');
  return agent.post('/user').type('form').send({ name, pass, _csrf: csrfTokenIn(form.text) });
};

describe('membership: log-in flood control', () => {
  let site: TestSite;
  before(async () => {
    site = await bootMembershipSite({ LOGIN_FLOOD_USER_LIMIT: '3', LOGIN_FLOOD_IP_LIMIT: '8' });
    for (const username of ['Flo', 'Clara', 'Ivy']) await createAccount(site, { username, password: 'the right passphrase' });
  });
  after(async () => { await site.close(); });

  it('blocks an account after the limit of failures, even with the right password, and says so with 429', async () => {
    const agent = site.agent();
    for (let i = 0; i < 3; i++) expect((await attempt(agent, 'Flo', 'wrong')).status).to.equal(401);
    const blocked = await attempt(agent, 'flo', 'the right passphrase');
    expect(blocked.status).to.equal(429);
    expect(blocked.text).to.include('There have been more than 3 failed login attempts for this account. It is temporarily blocked. Try again later or request a new password.');
  });

  it('clears the account counter with a successful log in', async () => {
    const agent = site.agent();
    for (let i = 0; i < 2; i++) await attempt(agent, 'Clara', 'wrong');
    expect((await attempt(agent, 'Clara', 'the right passphrase')).status).to.equal(302);
    for (let i = 0; i < 2; i++) expect((await attempt(site.agent(), 'Clara', 'wrong')).status).to.equal(401);
  });

  it('blocks an IP address after its limit of failures across accounts', async () => {
    // Flo's 3 and Clara's 4 failures above came from the same address: one more reaches 8.
    await attempt(site.agent(), 'nobody', 'wrong');
    const res = await attempt(site.agent(), 'Ivy', 'the right passphrase');
    expect(res.status).to.equal(429);
    expect(res.text).to.include('Too many failed login attempts from your IP address. This IP address is temporarily blocked.');
  });
});
