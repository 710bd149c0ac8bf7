import { expect } from 'chai';
import { openBrowserSite, type BrowserSite } from '../../../test/helpers/browser.js';
import { bootMembershipSite } from './helpers.js';

describe('in a browser: the registration form\'s strength indicator and auto-complete', function () {
  this.timeout(60_000);
  let env: BrowserSite | undefined;
  before(async function () {
    env = await openBrowserSite(this, () => bootMembershipSite());
  });
  after(async () => env?.close());

  it('rates the password as it is typed, says whether both match, and picks the organization\'s consortium', async () => {
    const page = await env!.browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${env!.base}/user/register`);
    await page.fill('#edit-pass', 'password1234');
    expect(await page.textContent('#edit-pass-strength')).to.equal('Password strength: Weak');
    await page.fill('#edit-pass', 'maple syrup canoe lantern');
    expect(await page.textContent('#edit-pass-strength')).to.equal('Password strength: Strong');
    await page.fill('#edit-pass-confirm', 'maple syrup');
    expect(await page.textContent('#edit-pass-match')).to.equal('Passwords match: no');
    await page.fill('#edit-pass-confirm', 'maple syrup canoe lantern');
    expect(await page.textContent('#edit-pass-match')).to.equal('Passwords match: yes');
    await page.fill('#edit-organization', 'Biosphere Institute of the Bow Valley');
    const bowValley = (await env!.site.kernel.container.resolve('consortia').listConsortia()).find((c) => c.name === 'Bow Valley');
    expect(await page.inputValue('#edit-consortium')).to.equal(String(bowValley?.id));
    expect(errors).to.deep.equal([]);
  });
});
