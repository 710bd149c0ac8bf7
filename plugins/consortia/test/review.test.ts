import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { bootSite, createAccount, csrfTokenIn, logIn, type TestSite } from '../../../test/helpers/site.js';
import { consortiumId, mailTo, organizationId, submitOrganization, type Agent } from './helpers.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const QUEUE = '/admin/organizations';

describe('consortia: operators approve and reject member organizations', () => {
  let site: TestSite;
  let operator: Agent;
  let calgary: number;

  before(async () => {
    site = await bootSite({ env: { CAPTCHA: 'false' } });
    calgary = await consortiumId(site, 'Calgary');
    await createAccount(site, { username: 'olive', password: 'operator password 1', role: 'operator' });
    await createAccount(site, { username: 'plain', password: 'plain password 1' });
    operator = site.agent();
    await logIn(operator, 'olive', 'operator password 1');
  });
  after(async () => site.close());

  const propose = async (name: string, contact: string) => {
    const res = await submitOrganization(site.agent(), {
      name, about: `About ${name}.`, website: '', consortium: String(calgary), program_year: '', contact_name: 'Casey', contact_email: contact,
    });
    expect(res.status).to.equal(303);
    return organizationId(site, name);
  };

  /** Posts one of the queue's buttons with the token of the page it is on. */
  const press = async (agent: Agent, page: string, action: string, fields: Record<string, string> = {}) => {
    const html = (await agent.get(page)).text;
    return agent.post(action).type('form').send({ _csrf: csrfTokenIn(html), ...fields });
  };

  it('sends anonymous visitors to log in, and refuses users without the permission', async () => {
    const anonymous = await site.agent().get(QUEUE);
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.location).to.equal(`/user?destination=${encodeURIComponent(QUEUE)}`);
    const plain = site.agent();
    await logIn(plain, 'plain', 'plain password 1');
    expect((await plain.get(QUEUE)).status).to.equal(403);
    expect((await plain.get('/admin/consortia')).status).to.equal(403);
    expect((await plain.get('/admin/program-years')).status).to.equal(403);
  });

  it('lists the pending organizations oldest first, with Approve and Reject', async () => {
    await propose('Queue First Society', 'first@example.org');
    await propose('Queue Second Society', 'second@example.org');
    const res = await operator.get(QUEUE).expect(200);
    const first = res.text.indexOf('Queue First Society');
    expect(first).to.be.above(-1);
    expect(res.text.indexOf('Queue Second Society')).to.be.above(first);
    // The demo's pending organizations are older still.
    expect(res.text.indexOf('Calgary Catholic Immigration Society')).to.be.below(first);
    expect(res.text).to.include('>Approve</button>').and.include('>Reject</a>');
  });

  it('approves: the organization appears on its consortium\'s page and its own, and the contact is e-mailed', async () => {
    const id = await propose('Approved Youth Council', 'youth@example.org');
    const res = await press(operator, QUEUE, `${QUEUE}/${id}/approve`);
    expect(res.status).to.equal(303);
    const queue = await operator.get(QUEUE);
    expect(queue.text).to.include('Approved Youth Council is approved');
    const consortium = await site.agent().get('/consortia/calgary').expect(200);
    expect(consortium.text).to.include('<a href="/content/approved-youth-council">Approved Youth Council</a>');
    const page = await site.agent().get('/content/approved-youth-council').expect(200);
    expect(page.text).to.include('About Approved Youth Council.').and.include('href="/consortia/calgary"');
    const mail = (await mailTo(site, 'youth@example.org')).at(-1);
    expect(mail?.subject).to.equal('Approved Youth Council is approved as a member organization');
    expect(mail?.text_body).to.include(`${site.config.PUBLIC_URL}/consortia/calgary`).and.include(`${site.config.PUBLIC_URL}/user/register`);
    const row = await site.kernel.container.resolve('db')('member_organizations').where({ id }).first();
    expect(row.status).to.equal('approved');
    expect(row.reviewed_by).to.be.a('number');
    expect(row.reviewed_at).to.be.instanceOf(Date);
    const autocomplete = await site.agent().get('/member-organizations/autocomplete').query({ q: 'youth council' });
    expect(autocomplete.body).to.deep.equal([{ id, name: 'Approved Youth Council', consortium: 'Calgary', consortiumId: calgary }]);
  });

  it('rejects with a reason, which is required and is e-mailed to the contact', async () => {
    const id = await propose('Rejected Consulting Inc', 'consultant@example.org');
    const form = `${QUEUE}/${id}/reject`;
    const empty = await press(operator, form, form, { reason: '  ' });
    expect(empty.status).to.equal(400);
    expect(empty.text).to.include('Reason field is required.').and.match(/form-item has-error/);
    const res = await press(operator, form, form, { reason: 'Consultancies join through a member organization.' });
    expect(res.status).to.equal(303);
    const mail = (await mailTo(site, 'consultant@example.org')).at(-1);
    expect(mail?.subject).to.equal('Rejected Consulting Inc: registration as a member organization not approved');
    expect(mail?.text_body).to.include('Consultancies join through a member organization.');
    await site.agent().get('/content/rejected-consulting-inc').expect(404);
    expect((await site.agent().get('/consortia/calgary')).text).not.to.include('Rejected Consulting Inc');
    const queue = await operator.get(QUEUE);
    expect(queue.text).to.match(/Rejected Consulting Inc[\s\S]*Rejected: Consultancies join through a member organization\./);
  });

  it('decides only once: a second decision is refused with a message and sends nothing', async () => {
    const id = await propose('Decided Once Society', 'once@example.org');
    await press(operator, QUEUE, `${QUEUE}/${id}/approve`).then((r) => expect(r.status).to.equal(303));
    const before = (await mailTo(site, 'once@example.org')).length;
    await press(operator, QUEUE, `${QUEUE}/${id}/reject`, { reason: 'Too late' }).then((r) => expect(r.status).to.equal(303));
    expect((await operator.get(QUEUE)).text).to.include('has already been approved or rejected');
    expect((await mailTo(site, 'once@example.org')).length).to.equal(before);
    expect((await press(operator, QUEUE, `${QUEUE}/999999/approve`)).status).to.equal(404);
  });

  it('approves, rejects and lists from the command line, with the same e-mails', async function () {
    // Five commands, each starting tsx and the site's kernel: slow on a busy machine.
    this.timeout(120_000);
    const command = (...args: string[]) => run(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'organizations.ts'), ...args], {
      cwd: root, env: { ...process.env, DATABASE_URL: site.databaseUrl, DATA_DIR: site.config.DATA_DIR, LOG_LEVEL: 'silent' },
    });
    const approveMe = await propose('Command Line Library', 'library@example.org');
    const rejectMe = await propose('Command Line Reject', 'reject@example.org');
    const listed = await command('list-pending');
    expect(listed.stdout).to.match(new RegExp(`${approveMe}\\s+Command Line Library\\s+Calgary\\s+library@example.org`));
    expect((await command('approve', String(approveMe))).stdout).to.include('Approved: Command Line Library (Calgary)');
    expect((await site.agent().get('/consortia/calgary')).text).to.include('Command Line Library');
    expect((await mailTo(site, 'library@example.org')).at(-1)?.subject).to.equal('Command Line Library is approved as a member organization');
    expect((await command('reject', String(rejectMe), 'Not a local organization.')).stdout).to.include('Rejected: Command Line Reject');
    expect((await mailTo(site, 'reject@example.org')).at(-1)?.text_body).to.include('Not a local organization.');
    const again = await command('approve', String(approveMe)).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(again?.code).to.equal(1);
    expect(again?.stderr).to.include('has already been approved or rejected');
    const usage = await command('reject', String(rejectMe)).then(() => undefined, (e: { code: number; stderr: string }) => e);
    expect(usage?.code).to.equal(2);
    expect(usage?.stderr).to.include('Usage: npm run organizations');
  });
});
