import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../helpers/browser.js';
import { bootSite, type TestSite } from '../helpers/site.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginsDirs = [path.join(here, '..', '..', 'plugins'), path.join(here, '..', 'fixtures', 'plugins')];

describe('in a browser: the CAPTCHA widget under the site\'s CSP', function () {
  this.timeout(90_000);
  let site: TestSite;
  let server: http.Server;
  let browser: Browser | undefined;

  before(async function () {
    browser = await launchBrowser(this);
    site = await bootSite({ pluginsDirs });
    server = http.createServer(site.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await site?.close();
  });

  it('is solved in the browser by ticking it, and the server accepts the form', async () => {
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/alpha/form`);
    await page.locator('altcha-widget').getByText("I'm not a robot").click();
    await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value, undefined, { timeout: 60_000 });
    await page.click('button:has-text("Send")');
    expect(await page.locator('body').textContent()).to.equal('accepted');
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
