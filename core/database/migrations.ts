import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';

/** A folder of migrations and the owner whose name prefixes them in knex_migrations. */
export interface MigrationFolder {
  owner: string;
  dir: URL;
}

interface Migration {
  name: string;
  file: string;
}

type MigrationModule = { up: (knex: Knex) => Promise<void>; down?: (knex: Knex) => Promise<void> };

/**
 * One knex migration source over the core's folder and each plugin's, in
 * dependency order. Names carry their owner ("membership/20261204_users.ts"),
 * so a disabled plugin's applied migrations stay recorded and its pending ones
 * run when it is enabled again.
 */
class FolderMigrationSource implements Knex.MigrationSource<Migration> {
  constructor(private readonly folders: MigrationFolder[]) {}

  async getMigrations(): Promise<Migration[]> {
    const migrations: Migration[] = [];
    for (const { owner, dir } of this.folders) {
      const folder = fileURLToPath(dir);
      if (!existsSync(folder)) continue;
      const files = (await fs.readdir(folder)).filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts')).sort();
      for (const file of files) migrations.push({ name: `${owner}/${file}`, file: path.join(folder, file) });
    }
    return migrations;
  }

  getMigrationName(migration: Migration): string {
    return migration.name;
  }

  async getMigration(migration: Migration): Promise<MigrationModule> {
    return (await import(pathToFileURL(migration.file).href)) as MigrationModule;
  }
}

export const CORE_MIGRATIONS: MigrationFolder = { owner: 'core', dir: new URL('../../migrations/', import.meta.url) };

/** Applies every pending migration of these folders; returns the names applied. */
export async function migrate(knex: Knex, folders: MigrationFolder[]): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest({
    migrationSource: new FolderMigrationSource(folders),
    // A disabled plugin's applied migrations are absent from the source on purpose.
    disableMigrationsListValidation: true,
  })) as [number, string[]];
  return applied;
}
