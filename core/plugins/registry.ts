import type { Knex } from 'knex';
import type { Logger } from '../logger.js';
import { CORE_MIGRATIONS, migrate, type MigrationFolder } from '../database/migrations.js';
import { dependantsOf, dependenciesOf } from './loader.js';
import type { PluginContext, PluginManifest } from './manifest.js';

interface StateRow {
  name: string;
  enabled: boolean;
  demo_loaded: boolean;
}

export interface DisablePlan {
  /** The plugin and every enabled plugin that depends on it, in the order they go off. */
  disables: string[];
  /** Why it cannot go off: a required plugin among them. */
  refusedBecause?: string;
}

export class PluginStateError extends Error {
  override name = 'PluginStateError';
}

interface Options {
  manifests: PluginManifest[];
  db: Knex;
  logger: Logger;
  context: PluginContext;
  loadDemoContent: boolean;
  refreshSeconds: number;
}

/**
 * The installed plugins and which of them are enabled. The enabled set lives in
 * the plugin_state table; each instance keeps a copy that it re-reads every few
 * seconds, so a change made by another instance or by `npm run modules` shows
 * within seconds, without a restart.
 */
export class PluginRegistry {
  private readonly manifests: PluginManifest[];
  private readonly byName: Map<string, PluginManifest>;
  private enabled = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: Options) {
    this.manifests = options.manifests;
    this.byName = new Map(options.manifests.map((m) => [m.name, m]));
  }

  all(): PluginManifest[] {
    return this.manifests;
  }

  get(name: string): PluginManifest | undefined {
    return this.byName.get(name);
  }

  isEnabled(name: string): boolean {
    return this.enabled.has(name);
  }

  enabledNames(): string[] {
    return this.manifests.map((m) => m.name).filter((n) => this.enabled.has(n));
  }

  dependants(name: string): string[] {
    return dependantsOf(name, this.manifests);
  }

  /**
   * Records plugins seen for the first time, applies pending migrations of the
   * enabled ones, loads their demo content once, and runs their boot hooks.
   */
  async install(): Promise<void> {
    const { db } = this.options;
    await migrate(db, [CORE_MIGRATIONS]);
    const known = new Set((await db<StateRow>('plugin_state').select('name')).map((r) => r.name));
    const fresh = this.manifests.filter((m) => !known.has(m.name));
    if (fresh.length > 0) {
      await db('plugin_state')
        .insert(fresh.map((m) => ({ name: m.name, version: m.version, enabled: m.required === true || m.disabledByDefault !== true })))
        .onConflict('name').ignore();
    }
    await this.refresh();
    await this.activate(this.enabledNames());
  }

  /** Re-reads the enabled set. A plugin counts as enabled only if all it depends on is. */
  async refresh(): Promise<void> {
    const rows = await this.options.db<StateRow>('plugin_state').select('name', 'enabled');
    const stored = new Map(rows.map((r) => [r.name, r.enabled]));
    const next = new Set<string>();
    for (const manifest of this.manifests) {
      const wanted = manifest.required === true || stored.get(manifest.name) === true;
      if (wanted && (manifest.dependsOn ?? []).every((d) => next.has(d))) next.add(manifest.name);
    }
    const before = this.enabled;
    this.enabled = next;
    const enabled = [...next].filter((n) => !before.has(n));
    const disabled = [...before].filter((n) => !next.has(n));
    if (before.size > 0 && (enabled.length > 0 || disabled.length > 0)) {
      this.options.logger.info({ enabled, disabled }, 'enabled plugins changed');
    }
  }

  startWatching(): void {
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.options.logger.warn({ err: error }, 'could not re-read enabled plugins'));
    }, this.options.refreshSeconds * 1000);
    this.timer.unref();
  }

  stopWatching(): void {
    if (this.timer) clearInterval(this.timer);
  }

  planDisable(name: string): DisablePlan {
    const manifest = this.requireKnown(name);
    const disables = [name, ...this.dependants(name)].filter((n) => this.enabled.has(n) || n === name);
    const required = disables.map((n) => this.byName.get(n)).find((m) => m?.required === true);
    if (manifest.required) return { disables, refusedBecause: `${manifest.label} (${name}) is required and cannot be disabled` };
    if (required) return { disables, refusedBecause: `${required.label} (${required.name}) is required and depends on ${name}` };
    return { disables };
  }

  /** Disables the plugin and its dependants; their data stays. Returns the names disabled. */
  async disable(name: string): Promise<string[]> {
    const plan = this.planDisable(name);
    if (plan.refusedBecause) throw new PluginStateError(plan.refusedBecause);
    await this.options.db('plugin_state').whereIn('name', plan.disables).update({ enabled: false, updated_at: this.options.db.fn.now() });
    await this.refresh();
    return plan.disables;
  }

  /** Enables the plugin and whatever it depends on; runs their pending migrations. Returns the names enabled. */
  async enable(name: string): Promise<string[]> {
    this.requireKnown(name);
    const turnOn = [...dependenciesOf(name, this.manifests), name].filter((n) => !this.enabled.has(n));
    if (turnOn.length === 0) return [];
    await this.activate(turnOn);
    await this.options.db('plugin_state').whereIn('name', turnOn).update({ enabled: true, updated_at: this.options.db.fn.now() });
    await this.refresh();
    return turnOn;
  }

  private requireKnown(name: string): PluginManifest {
    const manifest = this.byName.get(name);
    if (!manifest) throw new PluginStateError(`There is no plugin named "${name}"`);
    return manifest;
  }

  /** Migrations, demo content and boot hooks for these plugins, in dependency order. */
  private async activate(names: string[]): Promise<void> {
    const { db, logger, context, loadDemoContent } = this.options;
    const wanted = this.manifests.filter((m) => names.includes(m.name));
    const folders: MigrationFolder[] = [CORE_MIGRATIONS, ...wanted.filter((m) => m.migrations).map((m) => ({ owner: m.name, dir: m.migrations as URL }))];
    const applied = await migrate(db, folders);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied migrations');
    for (const manifest of wanted) {
      await manifest.boot?.(context);
      if (loadDemoContent && manifest.demo) await this.loadDemo(manifest);
    }
  }

  /** Claims the demo load in the database first, so two instances never load it twice. */
  private async loadDemo(manifest: PluginManifest): Promise<void> {
    const { db, logger, context } = this.options;
    const claimed = await db('plugin_state').where({ name: manifest.name, demo_loaded: false }).update({ demo_loaded: true });
    if (claimed === 0) return;
    try {
      await manifest.demo?.(context);
      logger.info({ plugin: manifest.name }, 'loaded demo content');
    } catch (error) {
      await db('plugin_state').where({ name: manifest.name }).update({ demo_loaded: false });
      throw error;
    }
  }
}
