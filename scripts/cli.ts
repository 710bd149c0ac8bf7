import { ConfigError, loadConfig } from '../config/index.js';
import { EmbeddedDatabaseError } from '../core/database/embedded.js';
import { createKernel, type Kernel } from '../core/kernel.js';
import { createLogger } from '../core/logger.js';
import { ManifestError } from '../core/plugins/manifest.js';
import { PluginStateError } from '../core/plugins/registry.js';
import { ThemeError } from '../core/theme/themes.js';

const explained = [ConfigError, EmbeddedDatabaseError, ManifestError, PluginStateError, ThemeError];

/**
 * Runs an operator command against the site's own database: DATABASE_URL, or
 * the embedded server under DATA_DIR, attached to while the site runs.
 */
export async function runCommand(work: (kernel: Kernel) => Promise<void>): Promise<void> {
  let kernel: Kernel | undefined;
  try {
    const config = loadConfig();
    kernel = await createKernel(config, { logger: createLogger(process.env.LOG_LEVEL ?? 'warn') });
    await work(kernel);
    await kernel.close();
  } catch (error) {
    await kernel?.close().catch(() => undefined);
    const known = explained.some((kind) => error instanceof kind);
    process.stderr.write(`${known ? (error as Error).message : error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
  // Exit with the command's own code, whatever handle a library may still hold.
  process.exit(process.exitCode ?? 0);
}
