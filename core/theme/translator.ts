import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger.js';

export type Params = Record<string, string | number | undefined>;
type Catalogue = Record<string, string>;

/**
 * Every string a user reads comes from a message catalogue: one per plugin
 * (`plugins/<name>/locales/en.json`), one for the core and one per theme. A key
 * is looked up in the scope that asks for it (the plugin rendering the page),
 * then in the theme, then in the core; "scope:key" names another scope. A theme
 * overrides any plugin's wording with a "scope:key" entry of its own.
 */
export class Translator {
  private readonly catalogues = new Map<string, Catalogue>();
  private themeCatalogue: Catalogue = {};
  private readonly reported = new Set<string>();

  constructor(private readonly logger: Logger, readonly locale = 'en') {}

  /** Loads `<dir>/<locale>.json` as the catalogue of a scope (a plugin name, or "core"). */
  addScope(scope: string, dir: URL | string): void {
    const catalogue = this.readCatalogue(dir);
    this.catalogues.set(scope, { ...this.catalogues.get(scope), ...catalogue });
  }

  /** Theme catalogues, most general first: a child theme's entries win over its parent's. */
  setThemeCatalogues(dirs: string[]): void {
    this.themeCatalogue = Object.assign({}, ...dirs.map((dir) => this.readCatalogue(dir))) as Catalogue;
  }

  has(key: string, scope = 'core'): boolean {
    return this.lookup(key, scope) !== undefined;
  }

  t(key: string, params: Params = {}, scope = 'core'): string {
    const template = this.lookup(key, scope);
    if (template === undefined) {
      const id = `${scope}|${key}`;
      if (!this.reported.has(id)) {
        this.reported.add(id);
        this.logger.warn({ key, scope }, 'missing translation');
      }
      return key;
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
  }

  private lookup(key: string, scope: string): string | undefined {
    const separator = key.indexOf(':');
    if (separator > 0) {
      const owner = key.slice(0, separator);
      const bare = key.slice(separator + 1);
      return this.themeCatalogue[key] ?? this.catalogues.get(owner)?.[bare];
    }
    return this.themeCatalogue[`${scope}:${key}`]
      ?? this.catalogues.get(scope)?.[key]
      ?? this.themeCatalogue[key]
      ?? this.catalogues.get('core')?.[key];
  }

  private readCatalogue(dir: URL | string): Catalogue {
    const folder = dir instanceof URL ? fileURLToPath(dir) : dir;
    const file = path.join(folder, `${this.locale}.json`);
    if (!existsSync(file)) return {};
    return JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
  }
}
