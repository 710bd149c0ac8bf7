import { expect } from 'chai';
import { solveCaptcha } from '../../../test/helpers/captcha.js';
import { bootSite, csrfTokenIn, type TestSite } from '../../../test/helpers/site.js';
import { consortiumId, FORM, inputValue } from './helpers.js';

describe('consortia: the Create Member Organization form with the CAPTCHA on', () => {
  let site: TestSite;
  let fields: Record<string, string>;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'true' } });
    fields = {
      name: 'Captcha Checked Society', about: 'Typed before the CAPTCHA.', website: 'https://captcha.example.org',
      consortium: String(await consortiumId(site, 'Ottawa')), program_year: '', contact_name: 'Robin', contact_email: 'robin@example.org',
    };
  });
  after(async () => site.close());

  it('refuses the form without a solved CAPTCHA, saying so beside Save and keeping every value', async () => {
    const agent = site.agent();
    const form = await agent.get(FORM).expect(200);
    expect(form.text).to.include('<altcha-widget');
    const res = await agent.post(FORM).type('form').send({ _csrf: csrfTokenIn(form.text), ...fields });
    expect(res.status).to.equal(400);
    expect(res.text).to.match(/messages-error[^>]*><p>Please complete the CAPTCHA[^<]*<\/p><\/div>\s*<p class="help">[^<]*<\/p>\s*<div class="form-actions">/);
    expect(inputValue(res.text, 'name')).to.equal('Captcha Checked Society');
    expect(inputValue(res.text, 'contact_email')).to.equal('robin@example.org');
    expect(res.text).to.include('>Typed before the CAPTCHA.</textarea>');
    expect(await site.kernel.container.resolve('db')('member_organizations').where({ name: fields.name }).first()).to.equal(undefined);
  });

  it('saves the organization when the CAPTCHA is solved', async () => {
    const agent = site.agent();
    const form = await agent.get(FORM);
    const res = await agent.post(FORM).type('form').send({ _csrf: csrfTokenIn(form.text), altcha: await solveCaptcha(agent), ...fields });
    expect(res.status).to.equal(303);
    const row = await site.kernel.container.resolve('db')('member_organizations').where({ name: fields.name }).first();
    expect(row?.status).to.equal('pending');
  });
});
