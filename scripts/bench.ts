import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { loadConfig } from '../config/index.js';
import { createWebApp } from '../core/http/app.js';
import { createKernel } from '../core/kernel.js';
import { createLogger } from '../core/logger.js';
import { generateProducts } from '../plugins/catalogue/generate.js';

/**
 * Catalogue timings with many products: boots a site on a fresh database
 * (DATABASE_URL if set, which must be an empty database, else an embedded one
 * in a temp folder), generates BENCH_PRODUCTS (50,000) products and prints the
 * median time of /data pages with and without search and filters. Figures, not pass/fail.
 */
const COUNT = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const RUNS = 5;
const PAGES = [
  '/data', '/data?sort=title', '/data?page=500', '/data?q=income', '/data?q=%22labour+force%22+-housing',
  '/data?topic=immigration', '/data?geography=ADA&year=2014', '/data?q=income&topic=housing&group=census-2021-data-tables&sort=title',
];

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cdp-bench-'));
await fs.chmod(dataDir, 0o755);
const config = loadConfig({
  ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO_CONTENT: 'false', CAPTCHA: 'false',
  EMBEDDED_DB_PORT: process.env.EMBEDDED_DB_PORT ?? '54339', ADMIN_PASSWORD: 'bench password for the admin',
});
const kernel = await createKernel(config, { logger: createLogger('silent') });
try {
  const { app, sessions } = await createWebApp(kernel);
  const started = Date.now();
  await generateProducts(kernel.container.resolve('catalogue'), kernel.container.resolve('catalogueRepository'), COUNT,
    (done) => process.stdout.write(`\rgenerating ${done}/${COUNT}`));
  process.stdout.write(`\ngenerated ${COUNT} products in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  await kernel.database.knex.raw('ANALYZE');
  const agent = supertest(app);
  for (const page of PAGES) {
    await agent.get(page).expect(200);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await agent.get(page).expect(200);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`${(times[Math.floor(RUNS / 2)] ?? 0).toFixed(1).padStart(8)} ms  ${page}\n`);
  }
  await sessions.close();
} finally {
  await kernel.close();
  await fs.rm(dataDir, { recursive: true, force: true });
}
process.exit(0);
