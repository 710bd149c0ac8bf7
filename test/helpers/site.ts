import fs from 'node:fs/promises';
import type { Express } from 'express';
import { pino, type Logger } from 'pino';
import supertest from 'supertest';
import { loadConfig, type Config } from '../../config/index.js';
import { createKnex } from '../../core/database/connection.js';
import { createWebApp } from '../../core/http/app.js';
import { createKernel, type Kernel } from '../../core/kernel.js';
import { freshDatabaseUrl, tempDir } from './database.js';

export const ADMIN = { username: 'admin', password: 'correct horse battery staple' };

export interface TestSite {
  config: Config;
  kernel: Kernel;
  app: Express;
  databaseUrl: string;
  agent(): ReturnType<typeof supertest.agent>;
  close(): Promise<void>;
}

export interface BootOptions {
  env?: Record<string, string>;
  pluginsDirs?: string[];
  themesDir?: string;
  logger?: Logger;
  /** Another site's database, to run a second instance on it. */
  databaseUrl?: string;
}

/** A whole site (kernel and web app) on a fresh database, for supertest. */
export async function bootSite(options: BootOptions = {}): Promise<TestSite> {
  const dataDir = await tempDir('cdp-test-site-');
  const databaseUrl = options.databaseUrl ?? await freshDatabaseUrl();
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    MODULES_REFRESH_SECONDS: '0.5',
    ...options.env,
  });
  const logger = options.logger ?? pino({ level: 'silent' });
  const knex = createKnex(databaseUrl, logger);
  const database = { knex, kind: 'external' as const, url: databaseUrl, close: () => knex.destroy() };
  const kernel = await createKernel(config, {
    logger, database, watchPlugins: true, pluginsDirs: options.pluginsDirs, themesDir: options.themesDir,
  });
  const { app, sessions } = await createWebApp(kernel);
  return {
    config, kernel, app, databaseUrl,
    agent: () => supertest.agent(app),
    close: async () => {
      await sessions.close();
      await kernel.close();
      await knex.destroy();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The CSRF token of the form on a page. */
export function csrfTokenIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('The page has no CSRF token');
  return match[1];
}

export async function logIn(agent: ReturnType<typeof supertest.agent>, username = ADMIN.username, password = ADMIN.password): Promise<void> {
  const page = await agent.get('/user');
  const response = await agent.post('/user').type('form').send({ name: username, pass: password, _csrf: csrfTokenIn(page.text) });
  if (response.status !== 302) throw new Error(`Log in as ${username} failed with ${response.status}`);
}

export interface TestAccount {
  username: string;
  password: string;
  role?: 'authenticated' | 'member' | 'operator' | 'administrator';
  status?: 'active' | 'blocked';
}

/** An account made directly in the database (the registration forms come with the membership plugin). */
export async function createAccount(site: TestSite, account: TestAccount): Promise<void> {
  const { hashPassword } = await import('../../plugins/membership/passwords.js');
  await site.kernel.container.resolve('usersRepository').create({
    username: account.username,
    email: `${account.username.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@example.org`,
    password_hash: await hashPassword(account.password),
    role: account.role ?? 'authenticated',
    status: account.status ?? 'active',
  });
}
