import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { openBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { bootSite } from '../helpers/site.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginsDirs = [path.join(here, '..', '..', 'plugins'), path.join(here, '..', 'fixtures', 'plugins')];

describe('in a browser: the CAPTCHA widget under the site\'s CSP', function () {
  this.timeout(90_000);
  let env: BrowserSite | undefined;
  before(async function () {
    env = await openBrowserSite(this, () => bootSite({ pluginsDirs }));
  });
  after(async () => env?.close());

  it('is solved in the browser by ticking it, and the server accepts the form', async () => {
    const page = await env!.browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`http://127.0.0.1:${new URL(env!.base).port}/alpha/form`);
    await page.locator('altcha-widget').getByText("I'm not a robot").click();
    await page.waitForFunction(() => (document.querySelector('input[name="altcha"]') as HTMLInputElement | null)?.value, undefined, { timeout: 60_000 });
    await page.click('button:has-text("Send")');
    expect(await page.locator('body').textContent()).to.equal('accepted');
    expect(problems).to.deep.equal([]);
    await page.close();
  });
});
