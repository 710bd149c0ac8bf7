import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { TestSite } from './site.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Set when a browser test was skipped, so the run can say so in its last lines (test/setup.ts). */
export const browserTests = { skipped: 0, chromium: CHROMIUM };

/**
 * Debian's Chromium, headless, with the flags this closed network needs (Playwright
 * gives each launch a fresh profile of its own). In CI
 * a missing browser is a failure; on a developer's machine without it the
 * browser tests are skipped, and say so.
 */
export async function launchBrowser(context: Mocha.Context): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI) throw new Error(`Chromium is missing at ${CHROMIUM}: .ci/run installs Debian's chromium`);
    browserTests.skipped += 1;
    context.skip();
    return undefined;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export interface BrowserSite {
  browser: Browser;
  site: TestSite;
  /** The site's address on loopback, e.g. http://127.0.0.1:41234. */
  base: string;
  close(): Promise<void>;
}

/**
 * Chromium and a whole site served on a free loopback port, for a browser
 * test's `before` hook; undefined (the suite skipped) where there is no Chromium.
 */
export async function openBrowserSite(context: Mocha.Context, boot: () => Promise<TestSite>): Promise<BrowserSite | undefined> {
  const browser = await launchBrowser(context);
  if (!browser) return undefined;
  const site = await boot();
  const server = http.createServer(site.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    browser, site,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
      await site.close();
    },
  };
}
