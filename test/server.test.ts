import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { freePort, freshDatabaseUrl, tempDir } from './helpers/database.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
}

/** Runs the site as `npm start` does, and waits until it says it is ready. */
async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'core/main.ts'], {
    cwd: root, env: { ...process.env, PORT: String(port), LOG_LEVEL: 'info', ADMIN_PASSWORD: 'a password for tests', ...env },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const until = Date.now() + 60_000;
  while (!output.includes('"msg":"site ready"')) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the site did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port, output: () => output };
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) resolve(child.exitCode);
  else child.once('exit', (code) => resolve(code));
});

describe('the site process', function () {
  this.timeout(120_000);

  it('finishes a request in flight on SIGTERM, then exits within 10 seconds', async () => {
    const site = await start({ DATABASE_URL: await freshDatabaseUrl(), DATA_DIR: await tempDir('cdp-proc-') });
    const home = await fetch(`http://127.0.0.1:${site.port}/`);
    expect(home.status).to.equal(200);
    // A request whose body is still arriving when SIGTERM comes must still be answered.
    const request = http.request({ host: '127.0.0.1', port: site.port, method: 'POST', path: '/user', headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '19' }, agent: false });
    const answered = new Promise<number>((resolve, reject) => {
      request.on('response', (res) => resolve(res.statusCode ?? 0));
      request.on('error', reject);
    });
    request.write('name=someone&');
    await new Promise((r) => setTimeout(r, 300));
    const began = Date.now();
    site.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    request.end('pass=x');
    expect(await answered, 'refused for its missing CSRF token, but answered').to.equal(403);
    expect(await exited(site.child)).to.equal(0);
    expect(Date.now() - began).to.be.below(10_000);
  });

  it('starts on its own embedded database, and recovers after being killed', async () => {
    const dataDir = await tempDir('cdp-embedded-');
    const env = { DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(await freePort()) };
    const first = await start(env);
    expect((await fetch(`http://127.0.0.1:${first.port}/readyz`)).status).to.equal(200);
    first.child.kill('SIGKILL');
    await exited(first.child);
    // The PostgreSQL server outlives a killed app; the next start must adopt it.
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).to.equal(true);
    const second = await start(env);
    expect(second.output()).to.include('adopting it');
    const about = await fetch(`http://127.0.0.1:${second.port}/about`);
    expect(await about.text()).to.include('About the Community Data Program');
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).to.equal(0);
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'the database server stopped with the site').to.equal(false);
    await fs.rm(dataDir, { recursive: true, force: true });
  });
});
