import { ConfigError, loadConfig } from '../config/index.js';
import { EmbeddedDatabaseError } from './database/embedded.js';
import { ManifestError } from './plugins/manifest.js';
import { ThemeError } from './theme/themes.js';
import { startSite } from './server.js';

/** Errors an operator can fix from the message alone: one line, no stack. */
const explained = [ConfigError, EmbeddedDatabaseError, ManifestError, ThemeError];

async function main(): Promise<void> {
  const config = loadConfig();
  const site = await startSite(config);
  const shutdown = (signal: string) => {
    site.kernel.logger.info({ signal }, 'shutting down');
    const hardStop = setTimeout(() => process.exit(1), config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
    hardStop.unref();
    site.stop().then(() => process.exit(0), (error: unknown) => {
      site.kernel.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (explained.some((kind) => error instanceof kind)) {
    process.stderr.write(`Cannot start the site: ${(error as Error).message}\n`);
  } else {
    process.stderr.write(`Cannot start the site: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  }
  process.exit(1);
});
