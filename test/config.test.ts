import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig, ConfigError, type Config } from '../config/index.js';
import { sessionSecret } from '../core/http/sessions.js';
import { tempDir } from './helpers/database.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

describe('configuration', () => {
  it('starts from the defaults: port 3000, ./data, the cdp theme, the embedded database', () => {
    const config = loadConfig({}, '/srv/cdp');
    expect(config.PORT).to.equal(3000);
    expect(config.DATA_DIR).to.equal('/srv/cdp/data');
    expect(config.THEME).to.equal('cdp');
    expect(config.DATABASE_URL).to.equal(undefined);
    expect(config.PUBLIC_URL).to.equal('http://localhost:3000');
    expect(config.DEMO_CONTENT).to.equal(true);
  });

  it('takes environment variables over the defaults', () => {
    const config = loadConfig({ PORT: '8080', PUBLIC_URL: 'https://communitydata.ca/', DEMO_CONTENT: 'false', DATABASE_URL: 'postgres://u:p@db:5432/cdp' });
    expect(config.PORT).to.equal(8080);
    expect(config.PUBLIC_URL).to.equal('https://communitydata.ca');
    expect(config.DEMO_CONTENT).to.equal(false);
    expect(config.DATABASE_URL).to.equal('postgres://u:p@db:5432/cdp');
  });

  const refusal = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  it('refuses a bad value with one line naming the variable and what it expects', () => {
    expect(refusal({ PORT: 'abc' })).to.equal('PORT must be a whole number from 1 to 65535 (got "abc")');
    expect(refusal({ PORT: '70000' })).to.equal('PORT must be a whole number from 1 to 65535 (got "70000")');
    expect(refusal({ DATABASE_URL: 'mysql://x' })).to.match(/^DATABASE_URL must be a PostgreSQL URL/);
    expect(refusal({ LOG_LEVEL: 'loud' })).to.match(/^LOG_LEVEL must be one of/);
    expect(refusal({ THEME: '../etc' })).to.match(/^THEME must be the name of a folder in themes\//);
    expect(refusal({ SMTP_URL: 'mail.example.org' })).to.match(/^SMTP_URL must be an SMTP URL/);
    expect(refusal({ DEMO_CONTENT: 'maybe' })).to.equal('DEMO_CONTENT must be true or false (got "maybe")');
  });

  it('never repeats a secret in its message', () => {
    expect(refusal({ SESSION_SECRET: 'short-secret' })).to.equal('SESSION_SECRET must be at least 32 characters long');
  });

  it('generates a missing SESSION_SECRET once and keeps it in DATA_DIR', async () => {
    const dir = await tempDir('cdp-config-');
    const config: Config = loadConfig({ DATA_DIR: dir });
    const first = await sessionSecret(config);
    expect(first.length).to.be.at.least(32);
    expect(await sessionSecret(config)).to.equal(first);
    const stat = await fs.stat(path.join(dir, 'session-secret'));
    expect(stat.mode & 0o077).to.equal(0);
    await fs.rm(dir, { recursive: true });
  });

  it('stops `npm start` with one line when a value is bad', async () => {
    const failed = await run(process.execPath, ['--import', 'tsx', 'core/main.ts'], { cwd: root, env: { ...process.env, PORT: 'eighty' } })
      .then(() => undefined, (error: { code: number; stderr: string }) => error);
    expect(failed?.code).to.equal(1);
    expect(failed?.stderr.trim()).to.equal('Cannot start the site: PORT must be a whole number from 1 to 65535 (got "eighty")');
  });
});
