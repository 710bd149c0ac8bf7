import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import connectPgSimple from 'connect-pg-simple';
import type { RequestHandler } from 'express';
import session from 'express-session';
import pg from 'pg';
import type { Config } from '../../config/index.js';
import type { Logger } from '../logger.js';

/**
 * SESSION_SECRET, or one generated on first start and kept in DATA_DIR so that
 * sessions survive a restart.
 */
export async function sessionSecret(config: Config): Promise<string> {
  if (config.SESSION_SECRET) return config.SESSION_SECRET;
  const file = path.join(config.DATA_DIR, 'session-secret');
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  await fs.mkdir(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await fs.writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  return (await fs.readFile(file, 'utf8')).trim();
}

export interface SessionMiddleware {
  handler: RequestHandler;
  close(): Promise<void>;
}

/** Sessions in PostgreSQL (the `sessions` table of the core's migration), shared by every instance. */
export async function createSessions(config: Config, databaseUrl: string, logger: Logger): Promise<SessionMiddleware> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 5000 });
  pool.on('error', (error) => logger.error({ err: error }, 'session store connection error'));
  const PgStore = connectPgSimple(session);
  const store = new PgStore({
    pool,
    tableName: 'sessions',
    createTableIfMissing: false,
    pruneSessionInterval: 15 * 60,
    errorLog: (...args: unknown[]) => logger.error({ detail: args.map(String).join(' ') }, 'session store error'),
  });
  const maxAge = config.SESSION_MAX_AGE_HOURS * 3600 * 1000;
  const handler = session({
    name: 'cdp.sid',
    secret: await sessionSecret(config),
    store,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: config.PUBLIC_URL.startsWith('https://'),
      maxAge,
    },
  });
  // An absolute lifetime: an active session still ends SESSION_MAX_AGE_HOURS after it began.
  const absolute: RequestHandler = (req, res, next) => {
    if (!req.session) return next();
    const startedAt = req.session.startedAt;
    if (startedAt !== undefined && Date.now() - startedAt > maxAge) {
      req.session.regenerate((error) => next(error));
      return;
    }
    next();
  };
  return {
    handler: (req, res, next) => handler(req, res, (error?: unknown) => (error ? next(error) : absolute(req, res, next))),
    close: async () => {
      store.close();
      await pool.end();
    },
  };
}
