import { Writable } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pino } from 'pino';
import { bootSite, type TestSite } from './helpers/site.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pluginsDirs = [path.join(here, '..', 'plugins'), path.join(here, 'fixtures', 'plugins')];

describe('the event bus', () => {
  let site: TestSite;
  const lines: Record<string, unknown>[] = [];
  before(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    site = await bootSite({ pluginsDirs, logger: pino({ level: 'warn' }, sink) });
  });
  after(async () => site.close());
  const notes = () => site.kernel.database.knex('alpha_notes').orderBy('id').pluck('note');

  it('runs handlers only after the emitting transaction commits', async () => {
    const events = site.kernel.container.resolve('events');
    const knex = site.kernel.database.knex;
    let seenInside: string[] = [];
    await knex.transaction(async (trx) => {
      events.emit('alpha.noted', { note: 'committed' }, { trx });
      await new Promise((r) => setTimeout(r, 50));
      seenInside = await notes();
    });
    await events.drain();
    expect(seenInside).to.deep.equal([]);
    expect(await notes()).to.include('committed');
  });

  it('drops the event when the transaction rolls back', async () => {
    const events = site.kernel.container.resolve('events');
    await site.kernel.database.knex.transaction(async (trx) => {
      events.emit('alpha.noted', { note: 'rolled back' }, { trx });
      throw new Error('roll back');
    }).catch(() => undefined);
    await events.drain();
    expect(await notes()).not.to.include('rolled back');
  });

  it('logs a failing handler with the request id, and the emitter never sees it', async () => {
    const events = site.kernel.container.resolve('events');
    expect(() => events.emit('alpha.noted', { note: 'fail' }, { requestId: 'req-42' })).not.to.throw();
    await events.drain();
    const line = lines.find((l) => l.msg === 'event handler failed');
    expect(line).to.include({ event: 'alpha.noted', plugin: 'alpha', reqId: 'req-42' });
  });
});
