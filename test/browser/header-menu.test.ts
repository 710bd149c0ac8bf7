import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { ADMIN, bootSite } from '../helpers/site.js';

describe('in a browser: the header menu, log in and /admin/modules', function () {
  this.timeout(60_000);
  let env: BrowserSite | undefined;
  before(async function () {
    env = await openBrowserSite(this, () => bootSite());
  });
  after(async () => env?.close());

  const open = async (path: string): Promise<Page> => {
    const page = await env!.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${env!.base}${path}`);
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  };

  it('opens the Resources drop-down on hover, without console or CSP errors', async () => {
    const page = await open('/');
    const submenu = page.locator('.has-children .submenu').first();
    expect(await submenu.isVisible()).to.equal(false);
    await page.hover('text=Resources');
    expect(await submenu.isVisible()).to.equal(true);
    expect(await page.locator('.submenu >> text="How-to" find and use our data').isVisible()).to.equal(true);
    expect((page as Page & { errors: string[] }).errors).to.deep.equal([]);
    await page.close();
  });

  it('logs in and turns a module off and on from /admin/modules', async () => {
    const page = await open('/user');
    await page.fill('#edit-name', ADMIN.username);
    await page.fill('#edit-pass', ADMIN.password);
    await page.click('button:has-text("Log in")');
    expect(await page.locator('h1').textContent()).to.equal(ADMIN.username);
    await page.goto(`${env!.base}/admin/modules`);
    await page.click('tr[data-module="pages"] button:has-text("Disable")');
    expect(await page.locator('h1').textContent()).to.equal('Disable Basic pages?');
    await page.click('button:has-text("Disable")');
    expect(await page.locator('.messages').textContent()).to.include('These modules have been disabled: pages, idp-portal.');
    expect(await page.locator('.menu-main >> text=About').count()).to.equal(0);
    await page.click('tr[data-module="pages"] button:has-text("Enable")');
    expect(await page.locator('.menu-main >> text=About').count()).to.equal(1);
    await page.close();
  });
});
