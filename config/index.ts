import path from 'node:path';
import { z } from 'zod';
import { defaults } from './defaults.js';

const port = (what: string) =>
  z.coerce.number({ error: `${what} must be a whole number from 1 to 65535` }).int(`${what} must be a whole number from 1 to 65535`)
    .min(1, `${what} must be a whole number from 1 to 65535`).max(65535, `${what} must be a whole number from 1 to 65535`);

const positiveNumber = (what: string) =>
  z.coerce.number({ error: `${what} must be a positive number` }).positive(`${what} must be a positive number`);

const flag = (what: string) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { error: `${what} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = (what: string) =>
  z.string().regex(/^postgres(ql)?:\/\/.+/, `${what} must be a PostgreSQL URL such as postgres://user:password@host:5432/database`);

/** Every setting the site reads, by the name of its environment variable. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { error: 'NODE_ENV must be development, production or test' }).default('development'),
  PORT: port('PORT'),
  HOST: z.string().min(1, 'HOST must name an interface to listen on, such as 0.0.0.0 or 127.0.0.1'),
  DATABASE_URL: postgresUrl('DATABASE_URL').optional(),
  DATA_DIR: z.string().min(1, 'DATA_DIR must be a folder path'),
  EMBEDDED_DB_PORT: port('EMBEDDED_DB_PORT'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters long').optional(),
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be an absolute URL such as https://communitydata.ca' }).optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, 'SMTP_URL must be an SMTP URL such as smtp://user:password@mail.example.org:587').optional(),
  THEME: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'THEME must be the name of a folder in themes/ (lower-case letters, digits, hyphens)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' }),
  DEMO_CONTENT: flag('DEMO_CONTENT'),
  ADMIN_USERNAME: z.string().min(1, 'ADMIN_USERNAME must not be empty').max(60, 'ADMIN_USERNAME must be 60 characters or less'),
  ADMIN_PASSWORD: z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters long').optional(),
  ADMIN_EMAIL: z.email({ error: 'ADMIN_EMAIL must be an e-mail address' }).optional(),
  TRUST_PROXY: z.coerce.number({ error: 'TRUST_PROXY must be the number of proxies in front of the site (0 when none)' }).int().min(0, 'TRUST_PROXY must be the number of proxies in front of the site (0 when none)'),
  MODULES_REFRESH_SECONDS: positiveNumber('MODULES_REFRESH_SECONDS'),
  SESSION_MAX_AGE_HOURS: positiveNumber('SESSION_MAX_AGE_HOURS'),
  SHUTDOWN_TIMEOUT_SECONDS: positiveNumber('SHUTDOWN_TIMEOUT_SECONDS'),
  CAPTCHA: flag('CAPTCHA'),
  LOGIN_FLOOD_USER_LIMIT: positiveNumber('LOGIN_FLOOD_USER_LIMIT'),
  LOGIN_FLOOD_USER_WINDOW_HOURS: positiveNumber('LOGIN_FLOOD_USER_WINDOW_HOURS'),
  LOGIN_FLOOD_IP_LIMIT: positiveNumber('LOGIN_FLOOD_IP_LIMIT'),
  LOGIN_FLOOD_IP_WINDOW_HOURS: positiveNumber('LOGIN_FLOOD_IP_WINDOW_HOURS'),
  BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/, 'BODY_LIMIT must be a size such as 200kb or 1mb'),
});

type Settings = z.infer<typeof schema>;

export interface Config extends Omit<Settings, 'PUBLIC_URL' | 'DATA_DIR'> {
  /** Absolute path of the data folder (embedded database, uploads, secrets). */
  DATA_DIR: string;
  /** Where users reach the site, without a trailing slash; used in e-mails. */
  PUBLIC_URL: string;
}

/** A setting that stops the start; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads the settings from the environment over the defaults. Empty values count
 * as unset, so `PORT= npm start` behaves like no PORT at all.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const input: Record<string, string> = { ...defaults };
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') input[key] = value.trim();
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const got = input[name];
    const shown = name.includes('SECRET') || name.includes('PASSWORD') || got === undefined ? '' : ` (got "${got}")`;
    throw new ConfigError(`${issue?.message ?? `${name} is invalid`}${shown}`);
  }
  const settings = parsed.data;
  return {
    ...settings,
    DATA_DIR: path.resolve(cwd, settings.DATA_DIR),
    PUBLIC_URL: (settings.PUBLIC_URL ?? `http://localhost:${settings.PORT}`).replace(/\/+$/, ''),
  };
}
