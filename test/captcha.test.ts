import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { bootSite, csrfTokenIn, type TestSite } from './helpers/site.js';
import { solveCaptcha } from './helpers/captcha.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginsDirs = [path.join(here, '..', 'plugins'), path.join(here, 'fixtures', 'plugins')];

describe('the CAPTCHA', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite({ pluginsDirs });
  });
  after(async () => site.close());

  const post = async (altcha?: string) => {
    const agent = site.agent();
    const form = await agent.get('/alpha/form');
    return agent.post('/alpha/form').type('form').send({ _csrf: csrfTokenIn(form.text), ...(altcha === undefined ? {} : { altcha }) });
  };

  it('puts the self-hosted widget in the form, with its script from our own origin', async () => {
    const form = await site.agent().get('/alpha/form');
    expect(form.text).to.include('<altcha-widget challenge="/captcha/challenge" name="altcha"');
    const script = /<script type="module" src="(\/bundles\/core\/captcha\.[0-9a-f]{12}\.js)">/.exec(form.text)?.[1];
    expect(script).to.be.a('string');
    const js = await site.agent().get(script!);
    expect(js.status).to.equal(200);
    expect(js.headers['cache-control']).to.include('immutable');
    expect((await site.agent().get('/captcha/pbkdf2-worker.js')).status).to.equal(200);
    expect((await site.agent().get('/captcha/altcha.css')).status).to.equal(200);
  });

  it('accepts a solved challenge once, and refuses it the second time', async () => {
    const solved = await solveCaptcha(site.agent());
    expect((await post(solved)).text).to.equal('accepted');
    expect((await post(solved)).status).to.equal(400);
  });

  it('refuses a missing, malformed or tampered solution', async () => {
    expect((await post()).status).to.equal(400);
    expect((await post('not base64 json')).status).to.equal(400);
    const solved = JSON.parse(Buffer.from(await solveCaptcha(site.agent()), 'base64').toString()) as { challenge: { parameters: { cost: number } } };
    solved.challenge.parameters.cost = 1;
    expect((await post(Buffer.from(JSON.stringify(solved)).toString('base64'))).status).to.equal(400);
  });

  it('lets everything through when switched off, and shows no widget', async () => {
    const off = await bootSite({ pluginsDirs, env: { CAPTCHA: 'false' } });
    try {
      const agent = off.agent();
      const form = await agent.get('/alpha/form');
      expect(form.text).not.to.include('altcha-widget');
      const res = await agent.post('/alpha/form').type('form').send({ _csrf: csrfTokenIn(form.text) });
      expect(res.text).to.equal('accepted');
    } finally {
      await off.close();
    }
  });
});
