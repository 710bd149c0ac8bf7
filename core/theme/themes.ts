import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface ThemeManifest {
  name: string;
  label: string;
  /** The theme this one builds on; its files are used wherever this one has none. */
  extends?: string;
}

export class ThemeError extends Error {
  override name = 'ThemeError';
}

/**
 * The active theme and the themes it extends, most specific first. A theme is
 * a folder under themes/ with a theme.json, layouts/, partials/, views/,
 * assets/ and locales/, each optional.
 */
export class ThemeChain {
  readonly folders: string[];
  private readonly assetHashes = new Map<string, string | undefined>();

  constructor(readonly themesDir: string, readonly active: string) {
    this.folders = [];
    let name: string | undefined = active;
    while (name) {
      const folder = path.join(themesDir, name);
      const manifestFile = path.join(folder, 'theme.json');
      if (!existsSync(manifestFile)) {
        throw new ThemeError(name === active
          ? `THEME must name a folder in themes/ with a theme.json (got "${active}")`
          : `Theme "${active}" extends "${name}", which is not in themes/`);
      }
      if (this.folders.includes(folder)) throw new ThemeError(`Theme "${name}" extends itself through its parents`);
      this.folders.push(folder);
      name = (JSON.parse(readFileSync(manifestFile, 'utf8')) as ThemeManifest).extends;
    }
  }

  /** The first file at this relative path, walking from the active theme to its parents. */
  find(relative: string): string | undefined {
    for (const folder of this.folders) {
      const file = path.join(folder, relative);
      if (existsSync(file)) return file;
    }
    return undefined;
  }

  /** An asset's file, refusing paths that climb out of the assets folder. */
  findAsset(relative: string): string | undefined {
    const normalised = path.posix.normalize(relative);
    if (normalised.startsWith('..') || path.isAbsolute(normalised)) return undefined;
    return this.find(path.join('assets', normalised));
  }

  /** A short content hash of an asset, so its URL changes when it does and can be cached for a year. */
  assetHash(relative: string): string | undefined {
    if (!this.assetHashes.has(relative)) {
      const file = this.findAsset(relative);
      this.assetHashes.set(relative, file ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 12) : undefined);
    }
    return this.assetHashes.get(relative);
  }
}
