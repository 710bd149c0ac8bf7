import knexFactory, { type Knex } from 'knex';
import type { Config } from '../../config/index.js';
import type { Logger } from '../logger.js';
import { startEmbeddedServer, type EmbeddedServer } from './embedded.js';

export type { Knex };

export interface Database {
  knex: Knex;
  /** Where the app's data lives, for messages: "embedded" or the server's host. */
  kind: 'embedded' | 'external';
  /** The URL the app connected with; commands use it to reach the same database. */
  url: string;
  close(): Promise<void>;
}

const EMBEDDED_DATABASE = 'cdp';

/**
 * A knex instance whose pool fails fast: when PostgreSQL is down, requests
 * answer 503 within seconds instead of hanging, and a dropped idle connection
 * is logged rather than crashing the process.
 */
export function createKnex(url: string, logger: Logger, poolMax = 10): Knex {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: url, connectionTimeoutMillis: 5000 },
    pool: {
      min: 0,
      max: poolMax,
      afterCreate: (connection: { on(event: 'error', listener: (error: Error) => void): void }, done: (error: Error | null, connection: unknown) => void) => {
        connection.on('error', (error) => logger.error({ err: error }, 'database connection error'));
        done(null, connection);
      },
    },
    acquireConnectionTimeout: 5000,
  });
}

/** Connects to DATABASE_URL, or starts the embedded server under DATA_DIR. */
export async function connectDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.DATABASE_URL) {
    const knex = createKnex(config.DATABASE_URL, logger);
    return { knex, kind: 'external', url: config.DATABASE_URL, close: () => knex.destroy() };
  }
  const server: EmbeddedServer = await startEmbeddedServer({
    dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT, logger,
  });
  await server.createDatabase(EMBEDDED_DATABASE);
  const url = server.url(EMBEDDED_DATABASE);
  const knex = createKnex(url, logger);
  return {
    knex,
    kind: 'embedded',
    url,
    close: async () => {
      await knex.destroy();
      await server.stop();
    },
  };
}
