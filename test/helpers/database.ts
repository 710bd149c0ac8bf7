import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { startEmbeddedServer, type EmbeddedServer } from '../../core/database/embedded.js';

/**
 * The PostgreSQL server the tests use: the one TEST_DATABASE_URL points at, or
 * an embedded server started once for the whole run. Each test site gets a
 * fresh database on it.
 */
interface TestServer {
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let server: TestServer | undefined;
let counter = 0;
const nextName = () => `cdp_test_${process.pid}_${++counter}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address() as net.AddressInfo;
      probe.close(() => resolve(address.port));
    });
  });
}

/** A temporary folder the embedded server's "postgres" user can reach (mkdtemp makes it 700). */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  await fs.chmod(dir, 0o755);
  return dir;
}

async function externalServer(url: string): Promise<TestServer> {
  const created: string[] = [];
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  return {
    createDatabase: async () => {
      const name = nextName();
      await admin(`create database ${pg.escapeIdentifier(name)}`);
      created.push(name);
      const target = new URL(url);
      target.pathname = `/${name}`;
      return target.toString();
    },
    stop: async () => {
      for (const name of created) await admin(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
    },
  };
}

async function embeddedServer(): Promise<TestServer> {
  const dataDir = await tempDir('cdp-test-db-');
  const embedded: EmbeddedServer = await startEmbeddedServer({
    dataDir, port: await freePort(), logger: pino({ level: 'silent' }), fast: true,
  });
  return {
    createDatabase: async () => {
      const name = nextName();
      await embedded.createDatabase(name);
      return embedded.url(name);
    },
    stop: async () => {
      await embedded.stop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestServer(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  server = url ? await externalServer(url) : await embeddedServer();
}

export async function stopTestServer(): Promise<void> {
  await server?.stop();
  server = undefined;
}

export async function freshDatabaseUrl(): Promise<string> {
  if (!server) throw new Error('The test database server has not been started (test/setup.ts)');
  return server.createDatabase();
}
