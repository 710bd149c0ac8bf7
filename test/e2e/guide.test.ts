/**
 * The user guide (../shared/seed/cdp-immigration-data-portal-guide.txt), walked end to end in
 * Debian's Chromium, by the labels a user reads: a Local Immigration Partnership registers
 * itself and one of its staff, an operator approves and activates them, the new user orders
 * two IDP tables and downloads one; then the guide's "Important Note": a user registered
 * under the Contribution Agreement holder's organization orders from the full catalogue.
 *
 * The CAPTCHA stays on and is solved in the page, as a user does. The newcomers and the
 * operator each have a browser context (cookies) of their own. Screenshots go to /tmp/e2e-*.png.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { BrowserContext, Page } from 'playwright-core';
import { openBrowserSite, type BrowserSite } from '../helpers/browser.js';
import { ADMIN, bootSite } from '../helpers/site.js';

const SCREENSHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'test-results', 'e2e');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const LIP = {
  name: 'Lakeshore Local Immigration Partnership',
  about: 'A partnership of settlement agencies, employers and the city, helping newcomers settle on the lakeshore.',
  website: 'https://lakeshore-lip.example.org',
  contactName: 'Priya Raman',
  contactEmail: 'priya.raman@lakeshore-lip.example.org',
};
const NEWCOMER = {
  username: 'amara.okafor@lakeshore-lip.example.org',
  email: 'amara.okafor@lakeshore-lip.example.org',
  password: 'settlement maps of the lakeshore 2024',
  firstName: 'Amara',
  lastName: 'Okafor',
};
const CA_HOLDER_USER = {
  username: 'jordan.blake@bowvalley-lip.example.org',
  email: 'jordan.blake@bowvalley-lip.example.org',
  password: 'mountain valley newcomers count too',
  firstName: 'Jordan',
  lastName: 'Blake',
  organization: 'Biosphere Institute of the Bow Valley',
  consortium: 'Bow Valley',
};
const ISN = 'Immigration Sector Network';

const DOWNLOADS_NOTICE = 'Once your download is finished, you must refresh the page to download again. (Provided you have permission)';

describe('end to end: the Immigration Data Portal guide, in a browser', function () {
  this.timeout(300_000);
  let env: BrowserSite | undefined;
  let newcomer: BrowserContext;
  let operator: BrowserContext;
  let secondNewcomer: BrowserContext;
  const problems: string[] = [];
  const inaccessible: string[] = [];
  let failed = false;

  before(async function () {
    env = await openBrowserSite(this, () => bootSite()); // CAPTCHA on, demo content on: the defaults
    if (!env) return;
    await mkdir(SCREENSHOTS, { recursive: true });
    const { browser, base } = env;
    const context = async (): Promise<BrowserContext> => {
      const created = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      created.setDefaultTimeout(20_000);
      created.on('page', (page) => {
        page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
        // A refused log in answers 4xx on purpose, which Chromium logs as "Failed to load resource": server errors are counted instead.
        page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${page.url()}: ${m.text()}`); });
        page.on('response', (r) => { if (r.status() >= 500) problems.push(`${r.request().method()} ${r.url()}: ${r.status()}`); });
      });
      return created;
    };
    newcomer = await context();
    operator = await context();
    secondNewcomer = await context();
  });
  after(async () => env?.close());
  // The steps build on each other: after one fails, the rest would only repeat its error.
  beforeEach(function () { if (failed) this.skip(); });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });

  // ---- helpers: what a user does, by what a user reads ----

  /**
   * Every step is kept as a screenshot (test-results/e2e, ignored by git) and
   * checked with axe-core. Playwright's evaluate runs outside the page's CSP,
   * so the site's policy stays on while axe runs.
   */
  let step = 0;
  const shot = async (page: Page, name: string, fullPage = true): Promise<void> => {
    step += 1;
    await page.screenshot({ path: path.join(SCREENSHOTS, `${String(step).padStart(2, '0')}-${name}.png`), fullPage });
    const axeSource = await readFile(AXE, 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
      return (await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })).violations;
    });
    for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      inaccessible.push(`${new URL(page.url()).pathname}: ${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    }
  };
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });
  const messages = (page: Page) => page.locator('.messages');
  /** A form field by its label, exactly as the user reads it (a required field's label ends with "*"). */
  const field = (page: Page, label: string) =>
    page.getByLabel(new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s*\\*)?\\s*$`));

  /** Ticks "I'm not a robot" and waits until the widget has put its proof in the form. */
  async function solveCaptcha(page: Page): Promise<void> {
    const widget = page.locator('altcha-widget');
    await widget.getByText("I'm not a robot").click();
    await page.waitForFunction(() => Boolean(document.querySelector<HTMLInputElement>('altcha-widget input[name="altcha"], form input[name="altcha"]')?.value),
      undefined, { timeout: 60_000 });
  }

  /** My Account → Username, Password → Log in. */
  async function logIn(page: Page, username: string, password: string): Promise<void> {
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'My Account' }).click();
    await field(page, 'Username').fill(username);
    await field(page, 'Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByRole('banner').getByRole('link', { name: 'Logout' }).click();
    // The menu's Logout link carries the CSRF token and logs out at once; should a confirmation page ask first, confirm.
    const loggedOut = page.getByRole('banner').getByRole('link', { name: 'Log in' });
    const confirm = page.getByRole('button', { name: 'Log out' });
    await loggedOut.or(confirm).first().waitFor();
    if (await confirm.isVisible()) await confirm.click();
    await loggedOut.waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Logout' }).count()).to.equal(0);
  }

  /** The operator approves a waiting organization from the organizations queue, reached from /admin. */
  async function approveOrganization(page: Page, name: string): Promise<void> {
    await page.goto('/admin');
    await page.getByRole('link', { name: 'Member organizations' }).click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Approve' }).click();
    await confirmIfAsked(page, 'Approve');
    await expectText(messages(page), name);
  }

  /** The operator activates a pending account on /admin/people (and confirms). */
  async function activate(page: Page, username: string): Promise<void> {
    await page.goto('/admin/people');
    const row = page.getByRole('row').filter({ hasText: username });
    await row.getByRole('button', { name: 'Activate' }).click();
    await confirmIfAsked(page, 'Activate');
    await page.getByRole('row').filter({ hasText: username }).getByRole('cell', { name: 'Active', exact: true }).waitFor();
  }

  async function confirmIfAsked(page: Page, button: string): Promise<void> {
    await page.waitForLoadState();
    const form = page.locator('main form').filter({ has: page.locator('input[name="confirm"]') });
    if (await form.count()) await form.getByRole('button', { name: button }).click();
  }

  /** The operator's outbox lists a message to this recipient whose subject includes this text. */
  async function expectInOutbox(page: Page, recipient: string, subject: string): Promise<void> {
    await page.goto('/admin/outbox');
    const row = page.getByRole('row').filter({ hasText: recipient }).filter({ hasText: subject });
    expect(await row.count(), `an e-mail to ${recipient} about "${subject}" in the outbox`).to.be.at.least(1);
  }

  /** The "Create new account" form, filled as the guide says. */
  async function register(page: Page, user: typeof NEWCOMER, organization: string, consortium: string): Promise<void> {
    await field(page, 'Username').fill(user.username);
    await field(page, 'E-mail address').fill(user.email);
    await field(page, 'Password').fill(user.password);
    await field(page, 'Confirm password').fill(user.password);
    await expectText(page.locator('#edit-pass-strength'), 'Strong');
    await field(page, 'First name').fill(user.firstName);
    await field(page, 'Last name').fill(user.lastName);
    // Member Organization auto-completes: type the start, then the name as it is suggested.
    const organizationField = field(page, 'Member Organization');
    await organizationField.pressSequentially(organization.slice(0, 8), { delay: 30 });
    await page.waitForFunction((name) => [...document.querySelectorAll<HTMLOptionElement>('#member-organizations option')].some((o) => o.value === name),
      organization);
    await organizationField.fill(organization);
    await organizationField.dispatchEvent('change');
    // "Member organization and consortium auto-fill": the organization's consortium is picked; the guide still says to select it.
    const consortiumField = field(page, 'Consortium');
    expect((await consortiumField.locator('option:checked').textContent())?.trim(), 'the consortium auto-filled').to.equal(consortium);
    await consortiumField.selectOption({ label: consortium });
    await field(page, 'Accept Terms & Conditions of Use').check();
    await solveCaptcha(page);
    await shot(page, `register-${user.firstName.toLowerCase()}`);
    await page.getByRole('button', { name: 'Create new account' }).click();
    await expectText(page.locator('main'), 'Your account is currently pending approval');
  }

  /** On a product page: tick these geographies and Add to cart; the cart shows the product. */
  async function addToCart(page: Page, geographies: string[]): Promise<string> {
    const title = (await heading(page).textContent())?.trim() ?? '';
    for (const geography of geographies) await page.getByRole('checkbox', { name: geography, exact: true }).check();
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/cart$/);
    await expectText(page.getByRole('row').filter({ hasText: title }), `Geographies: ${geographies.join(' / ')}`);
    return title;
  }

  async function expectText(locator: ReturnType<Page['locator']>, text: string): Promise<void> {
    await locator.filter({ hasText: text }).first().waitFor({ state: 'visible', timeout: 20_000 })
      .catch(async () => { throw new Error(`Expected "${text}" in: ${(await locator.allTextContents()).join(' | ')}`); });
  }

  // ---- the walk ----

  let newcomerPage: Page;
  let operatorPage: Page;

  it('Step 1 and 2: a newcomer finds the IDP from the header and registers the LIP in the Immigration Sector Network', async () => {
    const page = newcomerPage = await newcomer.newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Resources' }).hover();
    await page.getByRole('banner').getByRole('link', { name: 'Immigration Data Portal' }).click();
    await page.waitForURL(/\/resources\/immigration-data-portal$/);
    expect(await page.title()).to.include('Immigration Data Portal');
    expect((await heading(page).textContent())?.trim()).to.equal('Immigration Data Portal');
    // The breadcrumbs ("You are here"): Home / Resources / Immigration Data Portal, the separators drawn by the theme.
    const crumbs = page.getByRole('navigation', { name: 'You are here' }).getByRole('listitem');
    expect((await crumbs.allTextContents()).map((c) => c.trim())).to.deep.equal(['Home', 'Resources', 'Immigration Data Portal']);
    await page.getByRole('heading', { name: 'Survey Participants (%)' }).waitFor();
    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Percentage (%)' }) });
    expect(await table.getByRole('row').filter({ hasText: 'Recent immigrants' }).count()).to.equal(1);
    expect(await table.getByRole('row').filter({ hasText: 'Non-immigrants' }).count()).to.equal(1);
    await shot(page, '01-idp-landing');

    await page.getByRole('link', { name: 'register your LIP here' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('Create Member Organization');
    await field(page, 'Organization name').fill(LIP.name);
    await field(page, 'About this organization').fill(LIP.about);
    await field(page, 'Website').fill(LIP.website);
    await field(page, 'Consortium').selectOption({ label: ISN });
    const year = field(page, 'Program year joined');
    // "Choose the latest program year shown": it is the default.
    const chosenYear = (await year.locator('option:checked').textContent())?.trim() ?? '';
    const years = (await year.locator('option').allTextContents()).map((y) => y.trim()).filter((y) => /^\d{4}\/\d{4}$/.test(y));
    expect(chosenYear, 'the latest program year is chosen by default').to.equal([...years].sort().at(-1));
    await field(page, 'Organization contact name').fill(LIP.contactName);
    await field(page, 'Organization contact email').fill(LIP.contactEmail);
    await solveCaptcha(page);
    await shot(page, '02-create-member-organization');
    await page.getByRole('button', { name: 'Save' }).click();
    await expectText(page.locator('main'), 'two business days');
    await shot(page, '03-organization-received');
  });

  it('Step 2 (operator): approves the LIP; the contact is e-mailed', async () => {
    const page = operatorPage = await operator.newPage();
    await logIn(page, ADMIN.username, ADMIN.password);
    await approveOrganization(page, LIP.name);
    await shot(page, '04-organization-approved');
    await expectInOutbox(page, LIP.contactEmail, `${LIP.name} is approved as a member organization`);
  });

  it('Step 2: once approved, the LIP is listed under the Immigration Sector Network on /consortia, with its description', async () => {
    const page = newcomerPage;
    await page.goto('/consortia');
    await page.getByRole('main').getByRole('link', { name: ISN, exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: LIP.name, exact: true }).click();
    expect((await heading(page).textContent())?.trim()).to.equal(LIP.name);
    await expectText(page.locator('main'), LIP.about);
  });

  it('Step 3: the newcomer creates an account under the LIP (Join ▾ → Register as an individual user); it waits for activation', async () => {
    const page = newcomerPage;
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Join' }).hover();
    await page.getByRole('banner').getByRole('link', { name: 'Register as an individual user' }).click();
    await page.waitForURL(/\/user\/register$/);
    expect((await heading(page).textContent())?.trim()).to.equal('Create new account');
    await register(page, NEWCOMER, LIP.name, ISN);
    await shot(page, '05-account-pending');

    await logIn(page, NEWCOMER.username, NEWCOMER.password);
    await expectText(messages(page), 'has not been activated or is blocked');
  });

  it('Step 3 (operator): activates the account on /admin/people; the user is e-mailed', async () => {
    const page = operatorPage;
    await activate(page, NEWCOMER.username);
    await shot(page, '06-people-activated');
    await expectInOutbox(page, NEWCOMER.email, `Account details for ${NEWCOMER.username} at CDP (approved)`);
  });

  let orderedTitle = '';
  let nonIdpTitle = '';
  let fileName = '';

  it('Step 4: the newcomer logs in and reaches the IDP catalogue from the landing page', async () => {
    const page = newcomerPage;
    await logIn(page, NEWCOMER.username, NEWCOMER.password);
    await page.getByRole('banner').getByRole('link', { name: 'Logout' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Resources' }).hover();
    await page.getByRole('banner').getByRole('link', { name: 'Immigration Data Portal' }).click();
    // "A data catalogue accessible to Immigration Sector Network members is available [here]."
    await page.getByRole('paragraph').filter({ hasText: 'A data catalogue accessible to Immigration Sector Network members is available' })
      .getByRole('link', { name: 'here', exact: true }).click();
    await page.waitForURL(/\/idp-data$/);
    const main = page.locator('main');
    await expectText(main, 'Data products for Immigration Sector Network consortium users');
    await expectText(main, 'Be sure to return to this IDP catalogue page and select from the list of products below when modifying your shopping cart.');
    await expectText(main, 'information@communitydata.ca');
    await shot(page, '07-idp-catalogue');
  });

  it('Step 5: orders two IDP tables, removes one, checks out and downloads the file', async () => {
    const page = newcomerPage;
    await page.getByRole('link', { name: 'Target group profile of the recent immigrant population, Census, 2016' }).click();
    await shot(page, '08-product');
    const first = await addToCart(page, ['CMA CA CT']);
    await shot(page, '09-cart');
    await page.getByRole('link', { name: 'Continue shopping' }).click();
    await page.waitForURL(/\/idp-data$/);

    await page.getByRole('link', { name: 'Target group profile of the immigrant population, Census, 2016' }).click();
    const second = await addToCart(page, ['PT CD CSD DA']);
    expect(await page.getByRole('row').filter({ hasText: first }).count()).to.equal(1);

    // Remove the second line, keep the first.
    await page.getByRole('row').filter({ hasText: second }).getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Update cart' }).click();
    await expectText(messages(page), 'Your cart has been updated.');
    expect(await page.getByRole('row').filter({ hasText: second }).count()).to.equal(0);
    expect(await page.getByRole('row').filter({ hasText: first }).count()).to.equal(1);

    await page.getByRole('button', { name: 'Checkout' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('Checkout');
    const main = page.locator('main');
    await expectText(main, 'CART CONTENTS');
    await expectText(main, 'PAYMENT METHOD');
    await expectText(main, 'No payment required');
    await expectText(main, first);
    await expectText(main, 'Continue with checkout to complete your order.');
    await shot(page, '10-checkout');
    await page.getByRole('button', { name: 'Submit order' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('Order complete');
    await shot(page, '11-order-complete');

    await page.getByRole('link', { name: 'Download your order' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('File downloads');
    await expectText(main, DOWNLOADS_NOTICE);
    const row = page.getByRole('row').filter({ hasText: first.replace(/^Target group profile of the /, '') }).first();
    expect((await row.locator('td').nth(3).textContent())?.trim()).to.equal('0/Unlimited');
    await shot(page, '12-file-downloads');
    const link = row.getByRole('link');
    fileName = (await link.textContent())?.trim() ?? '';
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).to.match(/\.zip$/);
    expect(download.suggestedFilename()).to.equal(fileName);
    const saved = await download.path();
    const bytes = await readFile(saved);
    expect(bytes.subarray(0, 2).toString('latin1')).to.equal('PK');

    await page.reload();
    const again = page.getByRole('row').filter({ hasText: fileName });
    expect((await again.locator('td').nth(3).textContent())?.trim()).to.equal('1/Unlimited');
    orderedTitle = first;

    await expectInOutbox(operatorPage, NEWCOMER.email, 'Your Order at CDP');
  });

  it('Step 5: as an Immigration Sector Network user, /data and non-IDP products say that access covers the IDP catalogue', async () => {
    const page = newcomerPage;
    await page.goto('/data');
    const notice = page.locator('main .messages').filter({ has: page.locator('a[href="/idp-data"]') });
    expect(await notice.count(), 'a notice on /data linking to /idp-data').to.be.at.least(1);
    await shot(page, '13-data-as-isn-user', false);
    // A product that is not in the IDP: the first one on /data that the IDP catalogue does not list.
    await page.goto('/idp-data');
    const idpTitles = (await page.locator('main table tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
    await page.goto('/data');
    const titles = (await page.locator('main table tbody tr td:first-child a').allTextContents()).map((t) => t.trim());
    const other = nonIdpTitle = titles.find((t) => !idpTitles.includes(t)) ?? '';
    expect(other, 'a product of the full catalogue outside the IDP').to.not.equal('');
    await page.getByRole('link', { name: other, exact: true }).first().click();
    expect(await page.getByRole('button', { name: 'Add to cart' }).count()).to.equal(0);
    const why = page.locator('.order-access');
    await expectText(why, 'covers the Immigration Data Portal catalogue');
    await expectText(why, 'Contribution Agreement holder');
    expect(await why.locator('a[href="/idp-data"]').count()).to.equal(1);
    await shot(page, '14-non-idp-product-as-isn-user');

    await logOut(page);
    expect(orderedTitle).to.not.equal('');
  });

  it('Walk 2 (Important Note): a user registered under the CA holder\'s organization and consortium orders from the full catalogue', async () => {
    const page = await secondNewcomer.newPage();
    await page.goto('/');
    await page.getByRole('banner').getByRole('link', { name: 'Join' }).hover();
    await page.getByRole('banner').getByRole('link', { name: 'Register as an individual user' }).click();
    await register(page, CA_HOLDER_USER, CA_HOLDER_USER.organization, CA_HOLDER_USER.consortium);

    await activate(operatorPage, CA_HOLDER_USER.username);
    await expectInOutbox(operatorPage, CA_HOLDER_USER.email, `Account details for ${CA_HOLDER_USER.username} at CDP (approved)`);

    await logIn(page, CA_HOLDER_USER.username, CA_HOLDER_USER.password);
    await page.getByRole('banner').getByRole('link', { name: 'Logout' }).waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Find Data' }).click();
    await page.waitForURL(/\/data$/);
    expect(await page.locator('main .messages a[href="/idp-data"]').count(), 'no IDP-only notice for a Bow Valley user').to.equal(0);
    // The product the Immigration Sector Network user could not order.
    await page.getByRole('link', { name: nonIdpTitle, exact: true }).first().click();
    expect(await page.locator('.order-access').count()).to.equal(0);
    const geographies = page.getByRole('group', { name: /Geographies/ });
    const geography = (await geographies.locator('label').first().textContent())?.trim() ?? '';
    await shot(page, '15-full-catalogue-product');
    await addToCart(page, [geography]);
    await page.getByRole('button', { name: 'Checkout' }).click();
    await expectText(page.locator('main'), 'No payment required');
    await page.getByRole('button', { name: 'Submit order' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('Order complete');
    await page.getByRole('link', { name: 'Download your order' }).click();
    expect((await heading(page).textContent())?.trim()).to.equal('File downloads');
    const rows = page.getByRole('row').filter({ hasText: nonIdpTitle });
    expect(await rows.count()).to.equal(1);
    expect((await rows.locator('td').nth(3).textContent())?.trim()).to.equal('0/Unlimited');
    await shot(page, '16-file-downloads-ca-holder');
    await expectInOutbox(operatorPage, CA_HOLDER_USER.email, 'Your Order at CDP');
    await logOut(page);
  });

  it('had no serious or critical accessibility violation (axe-core, WCAG 2.1 AA) on any page it visited', () => {
    expect(inaccessible).to.deep.equal([]);
  });

  it('showed no script or CSP error and no server error on any page', () => {
    expect(problems).to.deep.equal([]);
  });
});
