import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { openBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { ADMIN, bootSite } from '../helpers/site.js';

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** WCAG 2.1 AA, as axe-core checks it: no serious or critical violation on any page. */
describe('in a browser: accessibility of every page (axe-core)', function () {
  this.timeout(120_000);
  let env: BrowserSite | undefined;
  before(async function () {
    env = await openBrowserSite(this, () => bootSite({ env: { CAPTCHA: 'false' } }));
  });
  after(async () => env?.close());

  /** axe is injected as a script, which the site's CSP rightly forbids: only this test context bypasses it. */
  const audit = async (page: Page, path: string): Promise<string[]> => {
    const response = await page.goto(`${env!.base}${path}`, { timeout: 20_000 });
    expect(response?.status(), path).to.be.below(500);
    await page.addScriptTag({ path: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations;
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${path}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  };

  const publicPages = ['/', '/about', '/about/become-a-member', '/resources', '/resources/how-to-use', '/news', '/join',
    '/user', '/user/register', '/user/password', '/consortia', '/node/add/member-organization', '/no-such-page'];

  it('has no serious or critical violation on the public pages', async () => {
    const context = await env!.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const problems: string[] = [];
    for (const path of publicPages) problems.push(...(await audit(page, path)));
    await context.close();
    expect(problems).to.deep.equal([]);
  });

  it('has none on the pages of a logged-in administrator', async () => {
    const context = await env!.browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${env!.base}/user`);
    await page.fill('#edit-name', ADMIN.username);
    await page.fill('#edit-pass', ADMIN.password);
    await Promise.all([page.waitForURL(/\/user$/), page.click('button:has-text("Log in")')]);
    // One page for every audit: opening a page per address sometimes stalled Chromium on this 2-core machine.
    const problems: string[] = [];
    for (const path of ['/user', '/admin', '/admin/modules', '/admin/pages', '/admin/pages/1/edit', '/admin/pages/1/revisions', '/admin/outbox', '/admin/people', '/admin/organizations']) {
      problems.push(...(await audit(page, path)));
    }
    await context.close();
    expect(problems).to.deep.equal([]);
  });
});
