import type { Router } from 'express';
import { z } from 'zod';
import type { Role } from '../auth/permissions.js';
import type { Container } from '../container.js';
import type { EventHandler, EventName } from '../events.js';
import type { MenuItem } from '../http/menu.js';

/** What a plugin's hooks receive: the container, to resolve services. */
export interface PluginContext {
  container: Container;
}

export type EventHandlers = { [E in EventName]?: (ctx: PluginContext, payload: Parameters<EventHandler<E>>[0], meta: Parameters<EventHandler<E>>[1]) => Promise<void> | void };

/** The one file of a plugin that the core reads. See plugins/README and ARCHITECTURE.md. */
export interface PluginManifest {
  name: string;
  version: string;
  label: string;
  description: string;
  dependsOn?: string[];
  /** A required plugin cannot be disabled (membership is). */
  required?: boolean;
  /** Off on a new site until an operator enables it. */
  disabledByDefault?: boolean;
  /** Folders beside the manifest, as `new URL('./migrations', import.meta.url)`. */
  migrations?: URL;
  views?: URL;
  assets?: URL;
  locales?: URL;
  /** Browser scripts by name, bundled with esbuild at start: `<script src="{{bundle "name"}}">`. */
  bundles?: Record<string, URL>;
  /** Permission name → the lowest role that holds it. */
  permissions?: Record<string, Role>;
  register?: (ctx: PluginContext) => void;
  routes?: (router: Router, ctx: PluginContext) => void;
  menu?: MenuItem[];
  on?: EventHandlers;
  /** Runs at each start once migrations are applied (e.g. to make sure an account exists). */
  boot?: (ctx: PluginContext) => Promise<void>;
  /** Demo content, loaded once when the plugin is first installed on a site with DEMO_CONTENT. */
  demo?: (ctx: PluginContext) => Promise<void>;
}

export const definePlugin = (manifest: PluginManifest): PluginManifest => manifest;

const pluginName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits and hyphens');
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');
const folder = z.instanceof(URL, { message: 'must be a URL, as new URL("./folder", import.meta.url)' });
const roles = z.enum(['anonymous', 'authenticated', 'member', 'operator', 'administrator']);

const menuItem = z.strictObject({
  menu: z.enum(['main', 'account', 'admin']),
  id: z.string().min(1),
  label: z.string().min(1),
  path: z.string().min(1),
  weight: z.number().optional(),
  parent: z.string().optional(),
  permission: z.string().optional(),
  show: z.enum(['always', 'anonymous', 'authenticated']).optional(),
  external: z.boolean().optional(),
  description: z.string().optional(),
});

const manifestSchema = z.strictObject({
  name: pluginName,
  version: z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, 'must be a semantic version such as 1.0.0'),
  label: z.string().min(1, 'must not be empty'),
  description: z.string().min(1, 'must not be empty'),
  dependsOn: z.array(pluginName).optional(),
  required: z.boolean().optional(),
  disabledByDefault: z.boolean().optional(),
  migrations: folder.optional(),
  views: folder.optional(),
  assets: folder.optional(),
  locales: folder.optional(),
  bundles: z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), folder).optional(),
  permissions: z.record(z.string().min(1), roles).optional(),
  register: fn.optional(),
  routes: fn.optional(),
  menu: z.array(menuItem).optional(),
  on: z.record(z.string(), fn).optional(),
  boot: fn.optional(),
  demo: fn.optional(),
});

export class ManifestError extends Error {
  override name = 'ManifestError';
}

/** Checks a manifest's shape and says what is wrong in one line naming the plugin and field. */
export function validateManifest(value: unknown, folderName: string): PluginManifest {
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'manifest';
    throw new ManifestError(`Plugin "${folderName}": ${field} ${issue?.message ?? 'is invalid'}`);
  }
  if (parsed.data.name !== folderName) {
    throw new ManifestError(`Plugin "${folderName}": name "${parsed.data.name}" must match its folder name`);
  }
  return value as PluginManifest;
}
