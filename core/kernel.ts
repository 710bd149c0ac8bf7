import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asValue } from 'awilix';
import passport from 'passport';
import type { Config } from '../config/index.js';
import { PermissionRegistry, type Role } from './auth/permissions.js';
import { createAppContainer, type Container } from './container.js';
import { connectDatabase, type Database } from './database/connection.js';
import { EventBus, type EventName } from './events.js';
import { MenuRegistry, type MenuItem } from './http/menu.js';
import { createLogger, type Logger } from './logger.js';
import { discoverPlugins } from './plugins/loader.js';
import type { PluginContext, PluginManifest } from './plugins/manifest.js';
import { PluginRegistry } from './plugins/registry.js';
import { ViewRenderer } from './theme/renderer.js';
import { BundleRegistry } from './theme/bundles.js';
import { Captcha } from './security/captcha.js';
import { sessionSecret } from './http/sessions.js';
import { ThemeChain } from './theme/themes.js';
import { Translator } from './theme/translator.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface KernelOptions {
  logger?: Logger;
  /** Folders of plugins; the site's own plugins/ when not given. */
  pluginsDirs?: string[];
  themesDir?: string;
  /** Re-read the enabled plugins every few seconds (the web server does; one-off commands don't). */
  watchPlugins?: boolean;
  /** An already connected database (tests share one server); otherwise connect per config. */
  database?: Database;
}

export interface Kernel {
  config: Config;
  logger: Logger;
  container: Container;
  database: Database;
  plugins: PluginRegistry;
  close(): Promise<void>;
}

/** The core's own permissions and admin screen. */
const corePermissions: Record<string, Role> = {
  'access administration pages': 'operator',
  'administer modules': 'administrator',
};
const coreMenu: MenuItem[] = [
  { menu: 'admin', id: 'admin-modules', label: 'admin.modules.title', description: 'admin.modules.description', path: '/admin/modules', permission: 'administer modules', weight: 90 },
];

/**
 * Builds everything but the web server: config, logger, database, container,
 * plugins, theme. The web server, the commands in scripts/ and the tests all
 * start from here, so they see the same site.
 */
export async function createKernel(config: Config, options: KernelOptions = {}): Promise<Kernel> {
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const manifests = await discoverPlugins(options.pluginsDirs ?? [path.join(root, 'plugins')]);
  const theme = new ThemeChain(options.themesDir ?? path.join(root, 'themes'), config.THEME);
  const database = options.database ?? await connectDatabase(config, logger);

  const container = createAppContainer();
  const context: PluginContext = { container };
  const translator = new Translator(logger);
  const permissions = new PermissionRegistry();
  const plugins = new PluginRegistry({
    manifests, db: database.knex, logger, context,
    loadDemoContent: config.DEMO_CONTENT, refreshSeconds: config.MODULES_REFRESH_SECONDS,
  });
  const isEnabled = (owner: string) => owner === 'core' || plugins.isEnabled(owner);
  const events = new EventBus(logger, isEnabled);
  const menus = new MenuRegistry(translator, permissions, isEnabled);
  const bundles = new BundleRegistry();
  const views = new ViewRenderer(theme, translator, bundles);
  const captcha = new Captcha({ enabled: config.CAPTCHA, secret: await sessionSecret(config), db: database.knex });

  container.register({
    config: asValue(config),
    logger: asValue(logger),
    db: asValue(database.knex),
    events: asValue(events),
    plugins: asValue(plugins),
    permissions: asValue(permissions),
    menus: asValue(menus),
    translator: asValue(translator),
    views: asValue(views),
    bundles: asValue(bundles),
    captcha: asValue(captcha),
    passport: asValue(new passport.Passport() as passport.PassportStatic),
    currentUser: asValue(undefined),
    requestId: asValue(''),
    log: asValue(logger),
  });

  translator.addScope('core', new URL('./locales/', import.meta.url));
  views.addScope('core', fileURLToPath(new URL('./views/', import.meta.url)));
  for (const [name, role] of Object.entries(corePermissions)) permissions.define('core', name, role);
  menus.add('core', coreMenu);
  bundles.add('core', 'captcha', new URL('./browser/captcha.ts', import.meta.url));
  for (const manifest of manifests) wirePlugin(manifest, { context, translator, views, bundles, permissions, menus, events });
  translator.setThemeCatalogues([...theme.folders].reverse().map((folder) => path.join(folder, 'locales')));

  await bundles.buildAll();
  await plugins.install();
  if (options.watchPlugins) plugins.startWatching();

  return {
    config, logger, container, database, plugins,
    close: async () => {
      plugins.stopWatching();
      await events.drain();
      await container.dispose();
      if (!options.database) await database.close();
    },
  };
}

interface Wiring {
  context: PluginContext;
  translator: Translator;
  views: ViewRenderer;
  bundles: BundleRegistry;
  permissions: PermissionRegistry;
  menus: MenuRegistry;
  events: EventBus;
}

/** Hands a plugin's manifest to the parts of the core that use it. */
function wirePlugin(manifest: PluginManifest, { context, translator, views, bundles, permissions, menus, events }: Wiring): void {
  const folder = (url: URL | undefined) => (url ? fileURLToPath(url) : undefined);
  if (manifest.locales) translator.addScope(manifest.name, manifest.locales);
  const viewsDir = folder(manifest.views);
  if (viewsDir) views.addScope(manifest.name, viewsDir);
  for (const [name, entry] of Object.entries(manifest.bundles ?? {})) bundles.add(manifest.name, name, entry);
  for (const [name, role] of Object.entries(manifest.permissions ?? {})) permissions.define(manifest.name, name, role);
  menus.add(manifest.name, manifest.menu ?? []);
  for (const [event, handler] of Object.entries(manifest.on ?? {})) {
    events.on(manifest.name, event as EventName, (payload, meta) =>
      (handler as (ctx: PluginContext, p: unknown, m: unknown) => Promise<void> | void)(context, payload, meta));
  }
  manifest.register?.(context);
}
