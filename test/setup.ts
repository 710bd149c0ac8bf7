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
  },
};
