import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from './helpers/site.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const pluginsDirs = [path.join(root, 'plugins'), path.join(here, 'fixtures', 'plugins')];
const run = promisify(execFile);

const tableExists = async (site: TestSite, table: string) => site.kernel.database.knex.schema.hasTable(table);

describe('enabling and disabling plugins at run time', () => {
  let site: TestSite;
  beforeEach(async () => {
    site = await bootSite({ pluginsDirs });
  });
  afterEach(async () => site.close());

  it('serves an enabled plugin\'s page and menu item', async () => {
    const res = await site.agent().get('/alpha');
    expect(res.status).to.equal(200);
    expect(res.text).to.include('Hello from alpha');
    expect((await site.agent().get('/')).text).to.include('href="/alpha"');
  });

  it('disables dependants with a plugin; their routes answer 404 and their menu items go, data kept', async () => {
    await site.kernel.database.knex('alpha_notes').insert({ note: 'kept' });
    const disabled = await site.kernel.plugins.disable('alpha');
    expect(disabled).to.deep.equal(['alpha', 'beta']);
    expect((await site.agent().get('/alpha')).status).to.equal(404);
    expect((await site.agent().get('/beta')).status).to.equal(404);
    expect((await site.agent().get('/')).text).not.to.include('href="/alpha"');
    expect(await site.kernel.database.knex('alpha_notes').pluck('note')).to.deep.equal(['kept']);
  });

  it('enables a plugin again with what it depends on', async () => {
    await site.kernel.plugins.disable('alpha');
    expect(await site.kernel.plugins.enable('beta')).to.deep.equal(['alpha', 'beta']);
    expect((await site.agent().get('/beta')).text).to.equal('beta here');
    expect((await site.agent().get('/alpha')).status).to.equal(200);
  });

  it('refuses to disable a required plugin', async () => {
    expect(site.kernel.plugins.planDisable('membership').refusedBecause).to.include('required');
    let error: unknown;
    try {
      await site.kernel.plugins.disable('membership');
    } catch (e) {
      error = e;
    }
    expect(String(error)).to.include('Membership (membership) is required and cannot be disabled');
    expect(site.kernel.plugins.isEnabled('membership')).to.equal(true);
  });

  it('skips a disabled plugin\'s event handlers', async () => {
    const events = site.kernel.container.resolve('events');
    events.emit('alpha.noted', { note: 'while on' });
    await events.drain();
    await site.kernel.plugins.disable('alpha');
    events.emit('alpha.noted', { note: 'while off' });
    await events.drain();
    expect(await site.kernel.database.knex('alpha_notes').pluck('note')).to.deep.equal(['while on']);
  });

  it('shows a second instance on the same database the change within 5 seconds', async () => {
    const second = await bootSite({ pluginsDirs, databaseUrl: site.databaseUrl });
    try {
      expect((await second.agent().get('/alpha')).status).to.equal(200);
      await site.kernel.plugins.disable('alpha');
      const started = Date.now();
      while ((await second.agent().get('/alpha')).status !== 404) {
        expect(Date.now() - started).to.be.below(5000);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await second.close();
    }
  });
});

describe('a plugin disabled before its first use', () => {
  it('runs its pending migrations when it is enabled', async () => {
    const site = await bootSite({ pluginsDirs });
    try {
      const knex = site.kernel.database.knex;
      // As if alpha had been installed disabled: no table, no record of its migration.
      await site.kernel.plugins.disable('alpha');
      await knex.schema.dropTable('alpha_notes');
      await knex('knex_migrations').where('name', 'like', 'alpha/%').delete();
      expect(await tableExists(site, 'alpha_notes')).to.equal(false);
      await site.kernel.plugins.enable('alpha');
      expect(await tableExists(site, 'alpha_notes')).to.equal(true);
    } finally {
      await site.close();
    }
  });
});

describe('/admin/modules', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite({ pluginsDirs });
  });
  after(async () => site.close());

  it('lists every plugin with its version, dependencies, dependants and state', async () => {
    const agent = site.agent();
    await logIn(agent);
    const res = await agent.get('/admin/modules');
    expect(res.status).to.equal(200);
    const alphaRow = /<tr[^>]*data-module="alpha">([\s\S]*?)<\/tr>/.exec(res.text)?.[1] ?? '';
    expect(alphaRow).to.include('Alpha').and.include('1.0.0').and.include('beta').and.include('Enabled');
    const membershipRow = /<tr[^>]*data-module="membership">([\s\S]*?)<\/tr>/.exec(res.text)?.[1] ?? '';
    expect(membershipRow).to.include('Required').and.not.include('Disable</button>');
  });

  it('lists the dependants before it acts, then disables them all', async () => {
    const agent = site.agent();
    await logIn(agent);
    const list = await agent.get('/admin/modules');
    const ask = await agent.post('/admin/modules/alpha/disable').type('form').send({ _csrf: csrfTokenIn(list.text) });
    expect(ask.status).to.equal(200);
    expect(ask.text).to.include('Disabling this module also disables the modules that depend on it');
    expect(ask.text).to.include('<strong>Beta</strong>');
    expect(site.kernel.plugins.isEnabled('alpha'), 'nothing happens before confirmation').to.equal(true);
    const done = await agent.post('/admin/modules/alpha/disable').type('form').send({ _csrf: csrfTokenIn(ask.text), confirm: 'yes' });
    expect(done.status).to.equal(302);
    const after = await agent.get('/admin/modules');
    expect(after.text).to.include('These modules have been disabled: alpha, beta.');
    expect((await agent.get('/alpha')).status).to.equal(404);
    await agent.post('/admin/modules/beta/enable').type('form').send({ _csrf: csrfTokenIn(after.text) });
    expect((await agent.get('/admin/modules')).text).to.include('These modules have been enabled: alpha, beta.');
    expect((await agent.get('/beta')).status).to.equal(200);
  });

  it('refuses to disable a required plugin from the page', async () => {
    const agent = site.agent();
    await logIn(agent);
    const list = await agent.get('/admin/modules');
    const res = await agent.post('/admin/modules/membership/disable').type('form').send({ _csrf: csrfTokenIn(list.text), confirm: 'yes' });
    expect(res.status).to.equal(409);
    expect(res.text).to.include('is required and cannot be disabled');
    expect(site.kernel.plugins.isEnabled('membership')).to.equal(true);
  });

  it('answers 404 for an unknown module and 403 to users without the permission', async () => {
    const agent = site.agent();
    await logIn(agent);
    const list = await agent.get('/admin/modules');
    expect((await agent.post('/admin/modules/nope/enable').type('form').send({ _csrf: csrfTokenIn(list.text) })).status).to.equal(404);
    await createAccount(site, { username: 'operator', password: 'operator password 1', role: 'operator' });
    const operator = site.agent();
    await logIn(operator, 'operator', 'operator password 1');
    expect((await operator.get('/admin/modules')).status).to.equal(403);
    expect((await operator.get('/admin')).status).to.equal(200);
  });
});

describe('npm run modules', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite();
  });
  after(async () => site.close());

  const modules = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'modules.ts'), ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: site.databaseUrl, DATA_DIR: site.config.DATA_DIR, LOG_LEVEL: 'silent' },
    });

  it('lists, disables and enables plugins of the running site, which sees the change', async () => {
    const listed = await modules('list');
    expect(listed.stdout).to.match(/membership\s+enabled\s+1\.0\.0\s+required/);
    expect(listed.stdout).to.match(/pages\s+enabled/);
    expect((await modules('disable', 'pages')).stdout).to.include('Disabled: pages');
    await site.kernel.plugins.refresh();
    expect((await site.agent().get('/about')).status).to.equal(404);
    expect((await modules('enable', 'pages')).stdout).to.include('Enabled: pages');
    await site.kernel.plugins.refresh();
    expect((await site.agent().get('/about')).status).to.equal(200);
  });

  it('explains a refusal in one line and exits non-zero', async () => {
    const refused = await modules('disable', 'membership').then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(refused?.code).to.equal(1);
    expect(refused?.stderr.trim()).to.equal('Membership (membership) is required and cannot be disabled');
    const unknown = await modules('enable', 'nope').then(() => undefined, (error: { stderr: string }) => error);
    expect(unknown?.stderr).to.include('There is no plugin named "nope"');
  });
});
