import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { bootSite, createAccount, logIn, type TestSite } from '../../../test/helpers/site.js';
import type { OutboxRow } from '../repository.js';

const outboxRow = async (site: TestSite, id: number): Promise<OutboxRow> =>
  (await site.kernel.container.resolve('db')<OutboxRow>('notification_outbox').where({ id }).first()) as OutboxRow;

const testMessage = (to: string) => ({ to, template: 'test-message', scope: 'notifications', context: { name: 'Ada <& Co>' } });

describe('notifications: e-mail through an SMTP server', () => {
  let site: TestSite;
  let server: SMTPServer;
  const received: ParsedMail[] = [];

  before(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('reject')) return callback(new Error('550 mailbox unavailable'));
        callback();
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => { received.push(mail); callback(); }, (error: Error) => callback(error));
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    site = await bootSite({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    // The tests drive delivery themselves.
    await site.kernel.container.resolve('mailer').stop();
  });
  after(async () => {
    await site.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('renders the template into the outbox and delivers it on deliverDue', async () => {
    const mailer = site.kernel.container.resolve('mailer');
    const id = await mailer.send(testMessage('ada@example.org'));
    expect((await outboxRow(site, id)).status).to.equal('pending');
    expect(await mailer.deliverDue()).to.equal(1);
    const mail = received.at(-1);
    expect(mail?.subject).to.equal('Test message from the Community Data Program');
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').to.equal('ada@example.org');
    expect(mail?.text).to.include('Hello Ada <& Co>,').and.include('If you can read it, e-mail works.');
    expect(mail?.html).to.include('Hello Ada &lt;&amp; Co&gt;,');
    const row = await outboxRow(site, id);
    expect(row.status).to.equal('sent');
    expect(row.attempts).to.equal(1);
    expect(row.sent_at).to.be.instanceOf(Date);
    expect(await mailer.deliverDue()).to.equal(0);
  });

  it('delivers from the worker timer started at boot', async () => {
    const mailer = site.kernel.container.resolve('mailer');
    const before = received.length;
    const id = await mailer.send(testMessage('timer@example.org'));
    mailer.start(50);
    try {
      for (let i = 0; i < 100 && (await outboxRow(site, id)).status !== 'sent'; i += 1) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await mailer.stop();
    }
    expect((await outboxRow(site, id)).status).to.equal('sent');
    expect(received.length).to.equal(before + 1);
  });

  it('queues nothing when the caller\'s transaction rolls back', async () => {
    const db = site.kernel.container.resolve('db');
    const mailer = site.kernel.container.resolve('mailer');
    const count = async () => Number((await db('notification_outbox').count<{ count: string }[]>('id as count'))[0]?.count);
    const before = await count();
    await db.transaction(async (trx) => {
      await mailer.send({ ...testMessage('rolled@example.org'), trx });
      throw new Error('the caller fails');
    }).catch(() => undefined);
    expect(await count()).to.equal(before);
    let committed = 0;
    await db.transaction(async (trx) => { committed = await mailer.send({ ...testMessage('committed@example.org'), trx }); });
    expect((await outboxRow(site, committed)).recipient).to.equal('committed@example.org');
    await mailer.deliverDue();
  });

  it('retries a rejected message with exponential backoff and marks it failed after the last attempt', async () => {
    const db = site.kernel.container.resolve('db');
    const mailer = site.kernel.container.resolve('mailer');
    mailer.options.maxAttempts = 3;
    try {
      const id = await mailer.send(testMessage('reject@example.org'));
      const start = Date.now();
      await mailer.deliverDue();
      let row = await outboxRow(site, id);
      expect(row.status).to.equal('pending');
      expect(row.attempts).to.equal(1);
      expect(row.last_error).to.include('mailbox unavailable');
      expect(row.next_attempt_at.getTime()).to.be.within(start + 59_000, Date.now() + 61_000);

      // Not due yet: left alone.
      await mailer.deliverDue();
      expect((await outboxRow(site, id)).attempts).to.equal(1);

      const makeDue = () => db('notification_outbox').where({ id }).update({ next_attempt_at: new Date(Date.now() - 1000) });
      await makeDue();
      const second = Date.now();
      await mailer.deliverDue();
      row = await outboxRow(site, id);
      expect(row.attempts).to.equal(2);
      expect(row.status).to.equal('pending');
      expect(row.next_attempt_at.getTime()).to.be.within(second + 119_000, Date.now() + 121_000);

      await makeDue();
      await mailer.deliverDue();
      row = await outboxRow(site, id);
      expect(row.attempts).to.equal(3);
      expect(row.status).to.equal('failed');
      expect(row.last_error).to.include('mailbox unavailable');
      await makeDue();
      expect(await mailer.deliverDue()).to.equal(0);
    } finally {
      mailer.options.maxAttempts = 8;
    }
  });
});

describe('notifications: a closed SMTP port', () => {
  let site: TestSite;
  before(async () => {
    // A port that was free a moment ago and is closed now.
    const probe = new SMTPServer({ authOptional: true, logger: false });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.server.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    site = await bootSite({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    await site.kernel.container.resolve('mailer').stop();
  });
  after(async () => site.close());

  it('records the connection error and keeps the message pending for a later attempt', async () => {
    const mailer = site.kernel.container.resolve('mailer');
    const id = await mailer.send(testMessage('closed@example.org'));
    await mailer.deliverDue();
    const row = await outboxRow(site, id);
    expect(row.status).to.equal('pending');
    expect(row.attempts).to.equal(1);
    expect(row.last_error).to.match(/ECONNREFUSED|connect/i);
    expect(row.next_attempt_at.getTime()).to.be.greaterThan(Date.now() + 50_000);
  });
});

describe('notifications: no SMTP_URL, and /admin/outbox', () => {
  let site: TestSite;
  before(async () => {
    site = await bootSite();
  });
  after(async () => site.close());

  it('keeps messages pending and shows them, newest first, to an administrator', async () => {
    const mailer = site.kernel.container.resolve('mailer');
    const first = await mailer.send(testMessage('first@example.org'));
    const second = await mailer.send({ ...testMessage('second@example.org'), context: { name: '<script>alert(1)</script>' } });
    expect(await mailer.deliverDue()).to.equal(0);
    expect((await outboxRow(site, first)).status).to.equal('pending');

    const agent = site.agent();
    await logIn(agent);
    const admin = await agent.get('/admin');
    expect(admin.text).to.include('href="/admin/outbox"');
    const list = await agent.get('/admin/outbox');
    expect(list.status).to.equal(200);
    expect(list.text).to.include('class="data-table outbox"');
    expect(list.text.indexOf('second@example.org')).to.be.lessThan(list.text.indexOf('first@example.org'));
    expect(list.text).to.include(`href="/admin/outbox/${second}"`).and.include('Pending');

    const detail = await agent.get(`/admin/outbox/${second}`);
    expect(detail.status).to.equal(200);
    expect(detail.text).to.include('Hello &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(detail.text).not.to.include('<script>alert(1)');
    expect(detail.text).to.include('&lt;p&gt;');
    expect((await agent.get('/admin/outbox/999999')).status).to.equal(404);
    expect((await agent.get('/admin/outbox/abc')).status).to.equal(404);
  });

  it('pages the outbox 50 messages at a time', async () => {
    const db = site.kernel.container.resolve('db');
    await db('notification_outbox').insert(Array.from({ length: 60 }, (_, i) => ({ recipient: `bulk${i}@example.org`, subject: `Bulk ${i}`, text_body: 'x' })));
    const agent = site.agent();
    await logIn(agent);
    const one = await agent.get('/admin/outbox');
    expect([...one.text.matchAll(/data-message="/g)]).to.have.length(50);
    expect(one.text).to.include('Page 1 of 2').and.match(/href="\/admin\/outbox\?page(=|&#x3D;)2" rel="next"/);
    const two = await agent.get('/admin/outbox?page=2');
    expect([...two.text.matchAll(/data-message="/g)]).to.have.length(12);
  });

  it('sends anonymous visitors to log in and refuses users without the permission', async () => {
    const anonymous = await site.agent().get('/admin/outbox');
    expect(anonymous.status).to.equal(302);
    await createAccount(site, { username: 'plain', password: 'plain user password' });
    const agent = site.agent();
    await logIn(agent, 'plain', 'plain user password');
    expect((await agent.get('/admin/outbox')).status).to.equal(403);
    expect((await agent.get('/admin/outbox/1')).status).to.equal(403);
  });
});
