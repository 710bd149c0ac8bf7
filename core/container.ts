import { createContainer, InjectionMode, type AwilixContainer } from 'awilix';
import type { Knex } from 'knex';
import type { PassportStatic } from 'passport';
import type { Config } from '../config/index.js';
import type { CurrentUser, PermissionRegistry } from './auth/permissions.js';
import type { EventBus } from './events.js';
import type { Logger } from './logger.js';
import type { MenuRegistry } from './http/menu.js';
import type { PluginRegistry } from './plugins/registry.js';
import type { Translator } from './theme/translator.js';
import type { ViewRenderer } from './theme/renderer.js';
import type { UserDirectory } from './auth/user-directory.js';
import type { Captcha } from './security/captcha.js';
import type { BundleRegistry } from './theme/bundles.js';

/**
 * What the container holds. Plugins add their services by declaration merging:
 *
 *   declare module '../../core/container.js' {
 *     interface Cradle { purchasedFiles: PurchasedFiles }
 *   }
 */
export interface Cradle {
  config: Config;
  logger: Logger;
  db: Knex;
  events: EventBus;
  plugins: PluginRegistry;
  permissions: PermissionRegistry;
  menus: MenuRegistry;
  translator: Translator;
  views: ViewRenderer;
  /** This site's own passport (not the module's global one), so several sites can share a process. */
  passport: PassportStatic;
  captcha: Captcha;
  bundles: BundleRegistry;
  /** Registered by the plugin that owns accounts (membership). */
  userDirectory: UserDirectory;
  // Per request (registered in each request's scope):
  currentUser: CurrentUser | undefined;
  requestId: string;
  log: Logger;
}

export type Container = AwilixContainer<Cradle>;

export function createAppContainer(): Container {
  return createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true });
}
