import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
