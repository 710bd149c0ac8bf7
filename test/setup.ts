import { browserTests } from './helpers/browser.js';
import { startTestServer, stopTestServer } from './helpers/database.js';

/** One PostgreSQL server for the whole run; every test site gets a fresh database on it. */
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(120_000);
    await startTestServer();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopTestServer();
    if (browserTests.skipped > 0) {
      // After mocha's summary, so that it is the last thing a developer reads.
      process.once('exit', () => process.stdout.write(`\nBrowser tests skipped (${browserTests.skipped} suites): there is no Chromium at ${browserTests.chromium}.\n`
        + 'Install it with "apt-get install chromium" (Debian), or point CHROMIUM_PATH at one; .ci/run installs it, so CI always runs them.\n'));
    }
  },
};
