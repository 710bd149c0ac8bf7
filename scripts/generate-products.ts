import { generateProducts } from '../plugins/catalogue/generate.js';
import { runCommand } from './cli.js';

const USAGE = 'Usage: npm run generate-products -- N   (inserts N plausible catalogue products, for benchmarks)';
const raw = process.argv[2];
const count = raw !== undefined && /^\d{1,7}$/.test(raw) && Number(raw) > 0 ? Number(raw) : undefined;

if (count === undefined || process.argv.length > 3) {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
} else {
  await runCommand(async (kernel) => {
    const started = Date.now();
    await generateProducts(kernel.container.resolve('catalogue'), kernel.container.resolve('catalogueRepository'), count, (done) => {
      process.stdout.write(`\r${done}/${count} products (${Math.round((done / count) * 100)}%)`);
    });
    process.stdout.write(`\nInserted ${count} products in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  });
}
