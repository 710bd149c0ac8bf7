import { runCommand } from './cli.js';

// Starting the kernel applies the core's and every enabled plugin's pending migrations.
await runCommand(async ({ plugins }) => {
  process.stdout.write(`Database up to date for: core, ${plugins.enabledNames().join(', ')}\n`);
});
