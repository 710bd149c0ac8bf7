import { expect } from 'chai';
import { solveCaptcha } from '../../../test/helpers/captcha.js';
import type { TestSite } from '../../../test/helpers/site.js';
import { bootMembershipSite, register } from './helpers.js';

describe('membership: the CAPTCHA on the registration form', () => {
  let site: TestSite;
  before(async () => { site = await bootMembershipSite({ CAPTCHA: 'true' }); });
  after(async () => { await site.close(); });

  it('refuses a registration without the CAPTCHA, keeping what was typed and creating nothing', async () => {
    const res = await register(site.agent(), { name: 'Robot Rob', mail: 'rob@example.org' });
    expect(res.status).to.equal(400);
    expect(res.text).to.include('altcha-widget');
    expect(res.text).to.match(/messages-error[^>]*>\s*<p>Please complete the CAPTCHA/);
    expect(res.text).to.include('value="Robot Rob"');
    expect(await site.kernel.container.resolve('usersRepository').findByUsername('Robot Rob')).to.equal(undefined);
  });

  it('accepts a registration with the CAPTCHA solved', async () => {
    const agent = site.agent();
    const res = await register(agent, { name: 'Human Hana', mail: 'hana@example.org', altcha: await solveCaptcha(agent) });
    expect(res.status).to.equal(200);
    expect(res.text).to.include('pending approval');
  });
});
