import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ManifestError, validateManifest, type PluginManifest } from './manifest.js';

/**
 * Orders plugins so that each comes after everything it depends on. Refuses a
 * missing dependency or a cycle with a message that names the plugins.
 */
export function orderByDependencies(manifests: PluginManifest[]): PluginManifest[] {
  const byName = new Map(manifests.map((m) => [m.name, m]));
  for (const manifest of manifests) {
    for (const dependency of manifest.dependsOn ?? []) {
      if (!byName.has(dependency)) {
        throw new ManifestError(`Plugin "${manifest.name}" depends on "${dependency}", which is not installed`);
      }
    }
  }
  const ordered: PluginManifest[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (manifest: PluginManifest, trail: string[]): void => {
    const seen = state.get(manifest.name);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(manifest.name)), manifest.name];
      throw new ManifestError(`Plugins depend on each other in a cycle: ${cycle.join(' → ')}`);
    }
    state.set(manifest.name, 'visiting');
    for (const dependency of [...(manifest.dependsOn ?? [])].sort()) {
      visit(byName.get(dependency) as PluginManifest, [...trail, manifest.name]);
    }
    state.set(manifest.name, 'done');
    ordered.push(manifest);
  };
  for (const manifest of [...manifests].sort((a, b) => a.name.localeCompare(b.name))) visit(manifest, []);
  return ordered;
}

/**
 * Every plugin folder under these folders that has a manifest (plugin.ts),
 * validated and ordered. A host site may list its own folder beside ours.
 */
export async function discoverPlugins(dirs: string[]): Promise<PluginManifest[]> {
  const manifests: PluginManifest[] = [];
  for (const dir of dirs) manifests.push(...(await discoverFolder(dir)));
  const seen = new Set<string>();
  for (const manifest of manifests) {
    if (seen.has(manifest.name)) throw new ManifestError(`Two plugins are named "${manifest.name}"`);
    seen.add(manifest.name);
  }
  return orderByDependencies(manifests);
}

async function discoverFolder(dir: string): Promise<PluginManifest[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const manifests: PluginManifest[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const file = path.join(dir, entry.name, 'plugin.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    if (module.default === undefined) {
      throw new ManifestError(`Plugin "${entry.name}": plugin.ts must export its manifest as default`);
    }
    manifests.push(validateManifest(module.default, entry.name));
  }
  return manifests;
}

/** The plugins that depend on `name`, directly or through others. */
export function dependantsOf(name: string, manifests: PluginManifest[]): string[] {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const manifest of manifests) {
      if (found.has(manifest.name)) continue;
      if ((manifest.dependsOn ?? []).some((d) => d === name || found.has(d))) {
        found.add(manifest.name);
        grew = true;
      }
    }
  }
  return manifests.map((m) => m.name).filter((n) => found.has(n));
}

/** The plugins that `name` needs, directly or through others. */
export function dependenciesOf(name: string, manifests: PluginManifest[]): string[] {
  const byName = new Map(manifests.map((m) => [m.name, m]));
  const found = new Set<string>();
  const walk = (current: string): void => {
    for (const dependency of byName.get(current)?.dependsOn ?? []) {
      if (!found.has(dependency)) {
        found.add(dependency);
        walk(dependency);
      }
    }
  };
  walk(name);
  return manifests.map((m) => m.name).filter((n) => found.has(n));
}
