import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { bootSite, type TestSite } from './helpers/site.js';
import { tempDir } from './helpers/database.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const pluginsDirs = [path.join(root, 'plugins'), path.join(here, 'fixtures', 'plugins')];

/** A partner theme that extends cdp and overrides one plugin page, one string and the 404 page. */
async function partnerThemes(): Promise<string> {
  const dir = await tempDir('cdp-themes-');
  await fs.symlink(path.join(root, 'themes', 'cdp'), path.join(dir, 'cdp'));
  const partner = path.join(dir, 'partner');
  await fs.mkdir(path.join(partner, 'views', 'alpha'), { recursive: true });
  await fs.mkdir(path.join(partner, 'views', 'core', 'errors'), { recursive: true });
  await fs.mkdir(path.join(partner, 'locales'), { recursive: true });
  await fs.writeFile(path.join(partner, 'theme.json'), JSON.stringify({ name: 'partner', label: 'Partner', extends: 'cdp' }));
  await fs.writeFile(path.join(partner, 'views', 'alpha', 'hello.hbs'), '<p class="partner-override">{{t "hello.body"}}</p>');
  await fs.writeFile(path.join(partner, 'views', 'core', 'errors', '404.hbs'), '<p class="partner-404">{{message}}</p>');
  await fs.writeFile(path.join(partner, 'locales', 'en.json'), JSON.stringify({ 'alpha:hello.body': 'Worded by the partner.' }));
  return dir;
}

describe('themes', () => {
  let themesDir: string;
  let partner: TestSite;
  let cdp: TestSite;
  before(async () => {
    themesDir = await partnerThemes();
    partner = await bootSite({ pluginsDirs, themesDir, env: { THEME: 'partner' } });
    cdp = await bootSite({ pluginsDirs, themesDir });
  });
  after(async () => {
    await partner.close();
    await cdp.close();
    await fs.rm(themesDir, { recursive: true, force: true });
  });

  it('renders a plugin page from the plugin\'s own views under the default theme', async () => {
    const res = await cdp.agent().get('/alpha');
    expect(res.text).to.include('<p class="alpha-default">The plugin&#x27;s own view.</p>');
  });

  it('lets a theme override a plugin page and its wording with files at the same relative path', async () => {
    const res = await partner.agent().get('/alpha');
    expect(res.text).to.include('<p class="partner-override">Worded by the partner.</p>');
    expect(res.text).not.to.include('alpha-default');
  });

  it('falls back to the parent theme for what the child theme does not have', async () => {
    const res = await partner.agent().get('/');
    expect(res.text).to.include('class="site-header"');
    expect(res.text).to.include('href="/about"');
  });

  it('uses the theme\'s error pages', async () => {
    const res = await partner.agent().get('/missing');
    expect(res.status).to.equal(404);
    expect(res.text).to.include('<p class="partner-404">The requested page could not be found.</p>');
  });

  it('escapes everything a template prints', async () => {
    const views = cdp.kernel.container.resolve('views');
    const html = views.renderView('alpha', 'hello', {});
    expect(html).not.to.include("'s own");
    const translator = cdp.kernel.container.resolve('translator');
    expect(translator.t('admin.modules.enabled', { name: '<b>x</b>' })).to.equal('<b>x</b> has been enabled.');
    const page = await cdp.agent().get('/user?destination=%22%3E%3Cscript%3Ealert(1)%3C/script%3E');
    expect(page.text).not.to.include('<script>alert(1)</script>');
  });

  it('refuses to start with a theme that does not exist', async () => {
    let message = '';
    await bootSite({ themesDir, env: { THEME: 'nope' } }).catch((error: Error) => {
      message = error.message;
    });
    expect(message).to.equal('THEME must name a folder in themes/ with a theme.json (got "nope")');
  });
});

describe('translations', () => {
  it('has every key that the templates and menus use, in English', async () => {
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'test') await walk(full);
        else if (entry.name.endsWith('.hbs')) files.push(full);
      }
    };
    for (const dir of ['core', 'plugins', 'themes']) await walk(path.join(root, dir));
    const site = await bootSite();
    try {
      const translator = site.kernel.container.resolve('translator');
      const missing: string[] = [];
      for (const file of files) {
        const relative = path.relative(root, file);
        const scope = relative.startsWith('plugins/') ? relative.split('/')[1] as string : 'core';
        for (const match of (await fs.readFile(file, 'utf8')).matchAll(/\{\{t "([^"]+)"/g)) {
          const key = match[1] as string;
          if (!translator.has(key, scope)) missing.push(`${relative}: ${key}`);
        }
      }
      expect(missing).to.deep.equal([]);
    } finally {
      await site.close();
    }
  });
});
