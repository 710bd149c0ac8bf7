import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../../../test/helpers/browser.js';
import type { TestSite } from '../../../test/helpers/site.js';
import { bootMembershipSite } from './helpers.js';

describe('in a browser: the registration form\'s strength indicator and auto-complete', function () {
  this.timeout(60_000);
  let site: TestSite;
  let server: http.Server;
  let browser: Browser | undefined;
  let base = '';

  before(async function () {
    browser = await launchBrowser(this);
    site = await bootMembershipSite();
    server = http.createServer(site.app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    server?.close();
    await site?.close();
  });

  it('rates the password as it is typed, says whether both match, and picks the organization\'s consortium', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${base}/user/register`);
    await page.fill('#edit-pass', 'password1234');
    expect(await page.textContent('#edit-pass-strength')).to.equal('Password strength: Weak');
    await page.fill('#edit-pass', 'maple syrup canoe lantern');
    expect(await page.textContent('#edit-pass-strength')).to.equal('Password strength: Strong');
    await page.fill('#edit-pass-confirm', 'maple syrup');
    expect(await page.textContent('#edit-pass-match')).to.equal('Passwords match: no');
    await page.fill('#edit-pass-confirm', 'maple syrup canoe lantern');
    expect(await page.textContent('#edit-pass-match')).to.equal('Passwords match: yes');
    await page.fill('#edit-organization', 'Biosphere Institute of the Bow Valley');
    const bowValley = (await site.kernel.container.resolve('consortia').listConsortia()).find((c) => c.name === 'Bow Valley');
    expect(await page.inputValue('#edit-consortium')).to.equal(String(bowValley?.id));
    expect(errors).to.deep.equal([]);
  });
});
