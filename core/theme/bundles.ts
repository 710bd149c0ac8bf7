import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

interface Bundle {
  code: string;
  hash: string;
}

/** Built bundles by entry file, shared by every site in the process (tests boot many). */
const built = new Map<string, Promise<Bundle>>();

async function bundle(entry: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
  });
  const code = result.outputFiles[0]?.text ?? '';
  return { code, hash: createHash('sha256').update(code).digest('hex').slice(0, 12) };
}

/**
 * Browser scripts that plugins (and the core) declare by name: bundled once
 * with esbuild at start, so a script may import npm packages, and served from
 * our own origin with a content hash, as the CSP requires.
 */
export class BundleRegistry {
  private readonly entries = new Map<string, string>();
  private readonly ready = new Map<string, Bundle>();

  add(scope: string, name: string, entry: URL): void {
    this.entries.set(`${scope}/${name}`, fileURLToPath(entry));
  }

  async buildAll(): Promise<void> {
    await Promise.all([...this.entries].map(async ([key, entry]) => {
      let pending = built.get(entry);
      if (!pending) {
        pending = bundle(entry);
        built.set(entry, pending);
      }
      this.ready.set(key, await pending);
    }));
  }

  /** The URL of a bundle, for a template's <script src>. */
  url(scope: string, name: string): string | undefined {
    const found = this.ready.get(`${scope}/${name}`);
    return found ? `/bundles/${scope}/${name}.${found.hash}.js` : undefined;
  }

  code(scope: string, name: string): string | undefined {
    return this.ready.get(`${scope}/${name}`)?.code;
  }
}
