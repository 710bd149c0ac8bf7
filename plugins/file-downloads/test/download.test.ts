import http from 'node:http';
import { expect } from 'chai';
import supertest from 'supertest';
import { bootSite, createAccount, logIn, type TestSite } from '../../../test/helpers/site.js';
import { downloadsOf, downloadUrl, eventually, grantFile, listen, member, seedPackage, sessionCookie, settled, type TestPackage } from './helpers.js';

const PASSWORD = 'a long member passphrase';
const SIZE = 100_000;

/** supertest gives a binary body as a Buffer only when asked to collect it. */
const binary = (res: supertest.Response, done: (error: Error | null, body: Buffer) => void): void => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe('file-downloads: downloading a file', () => {
  let site: TestSite;
  let pkg: TestPackage;
  let big: TestPackage;
  before(async () => {
    site = await bootSite({ env: { DEMO_CONTENT: 'false' } });
    pkg = await seedPackage(site, SIZE);
    big = await seedPackage(site, 64 * 1024 * 1024);
  });
  after(async () => { await site.close(); });

  /** A user who owns the package, logged in. */
  const owner = async (name: string, packageId = pkg.packageId) => {
    const id = await member(site, name);
    const file = await grantFile(site, id, packageId);
    const agent = site.agent();
    await logIn(agent, name, PASSWORD);
    return { id, file, agent };
  };

  it('sends the whole file with its headers, and counts it once it is sent: 1/Unlimited after a refresh', async () => {
    const { id, file, agent } = await owner('Full Fran');
    const res = await agent.get(downloadUrl(file, pkg.fileName)).buffer(true).parse(binary);
    expect(res.status).to.equal(200);
    expect(res.headers['content-length']).to.equal(String(SIZE));
    expect(res.headers['content-disposition']).to.equal(`attachment; filename="${pkg.fileName}"`);
    expect(res.headers['accept-ranges']).to.equal('bytes');
    expect(res.headers.etag).to.equal(`"${pkg.sha256}"`);
    expect(res.headers['last-modified']).to.be.a('string');
    expect(Buffer.compare(res.body as Buffer, pkg.bytes)).to.equal(0);
    await eventually(async () => await downloadsOf(site, file) === 1);
    await settled();
    expect(await downloadsOf(site, file)).to.equal(1);
    const page = await agent.get(`/user/${id}/purchased-files`);
    expect(page.text).to.include('<td class="downloads">1/Unlimited</td>');
    expect(page.text).to.include('<td class="addresses">1/Unlimited</td>');
  });

  it('answers a Range request with 206 and Content-Range, and counts a resumed download once', async () => {
    const { file, agent } = await owner('Resuming Rita');
    const url = downloadUrl(file, pkg.fileName);
    const head = await agent.get(url).set('Range', 'bytes=0-999').buffer(true).parse(binary);
    expect(head.status).to.equal(206);
    expect(head.headers['content-range']).to.equal(`bytes 0-999/${SIZE}`);
    expect(head.headers['content-length']).to.equal('1000');
    expect(Buffer.compare(head.body as Buffer, pkg.bytes.subarray(0, 1000))).to.equal(0);
    await settled();
    expect(await downloadsOf(site, file)).to.equal(0);
    const rest = await agent.get(url).set('Range', 'bytes=1000-').set('If-Range', `"${pkg.sha256}"`).buffer(true).parse(binary);
    expect(rest.status).to.equal(206);
    expect(rest.headers['content-range']).to.equal(`bytes 1000-${SIZE - 1}/${SIZE}`);
    expect(Buffer.compare(rest.body as Buffer, pkg.bytes.subarray(1000))).to.equal(0);
    await eventually(async () => await downloadsOf(site, file) === 1);
    await settled();
    expect(await downloadsOf(site, file)).to.equal(1);
  });

  it('counts a download split in two concurrent ranges once', async () => {
    const { file, agent } = await owner('Split Sam');
    const url = downloadUrl(file, pkg.fileName);
    const half = SIZE / 2;
    const [first, second] = await Promise.all([
      agent.get(url).set('Range', `bytes=0-${half - 1}`).buffer(true).parse(binary),
      agent.get(url).set('Range', `bytes=${half}-${SIZE - 1}`).buffer(true).parse(binary),
    ]);
    expect([first.status, second.status]).to.deep.equal([206, 206]);
    await eventually(async () => await downloadsOf(site, file) === 1);
    await settled();
    expect(await downloadsOf(site, file)).to.equal(1);
  });

  it('answers HEAD with the headers only, counting nothing', async () => {
    const { file, agent } = await owner('Heading Hal');
    const res = await agent.head(downloadUrl(file, pkg.fileName));
    expect(res.status).to.equal(200);
    expect(res.headers['content-length']).to.equal(String(SIZE));
    expect(res.headers.etag).to.equal(`"${pkg.sha256}"`);
    await settled();
    expect(await downloadsOf(site, file)).to.equal(0);
    expect(await site.kernel.container.resolve('db')('download_addresses').where({ purchased_file_id: file })).to.have.length(0);
  });

  it('answers 416 to a range past the end, and the whole file when If-Range names another version', async () => {
    const { file, agent } = await owner('Ranging Ray');
    const url = downloadUrl(file, pkg.fileName);
    const past = await agent.get(url).set('Range', `bytes=${SIZE}-`);
    expect(past.status).to.equal(416);
    expect(past.headers['content-range']).to.equal(`bytes */${SIZE}`);
    const stale = await agent.get(url).set('Range', 'bytes=0-9').set('If-Range', '"another-version"').buffer(true).parse(binary);
    expect(stale.status).to.equal(200);
    expect((stale.body as Buffer).length).to.equal(SIZE);
  });

  it('does not count a download cut off mid-way (the client drops the connection), and counts it once resumed', async () => {
    await member(site, 'Dropping Dora');
    const dora = (await site.kernel.container.resolve('db')('users').where({ username: 'Dropping Dora' }).first<{ id: number }>())?.id ?? 0;
    const file = await grantFile(site, dora, big.packageId);
    const cookie = await sessionCookie(site, 'Dropping Dora');
    const server = await listen(site);
    try {
      const received = await new Promise<number>((resolve, reject) => {
        const request = http.get(`${server.url}${downloadUrl(file, big.fileName)}`, { headers: { cookie } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > 1024 * 1024) {
              request.destroy();
              resolve(bytes);
            }
          });
        });
        request.on('error', (error) => { if (!request.destroyed) reject(error); });
      });
      expect(received).to.be.lessThan(big.bytes.length);
      await settled();
      await settled();
      expect(await downloadsOf(site, file)).to.equal(0);
      const transfers = await site.kernel.container.resolve('db')('download_transfers').where({ purchased_file_id: file });
      expect(transfers).to.have.length(1);
      const slots = await site.kernel.container.resolve('db')('download_slots').where({ purchased_file_id: file });
      expect(slots).to.have.length(0);
      const resumed = await fetch(`${server.url}${downloadUrl(file, big.fileName)}`, { headers: { cookie, range: `bytes=${received}-` } });
      expect(resumed.status).to.equal(206);
      expect(Buffer.compare(Buffer.from(await resumed.arrayBuffer()), big.bytes.subarray(received))).to.equal(0);
      await eventually(async () => await downloadsOf(site, file) === 1);
    } finally {
      await server.close();
    }
  });

  it('serves and counts exactly 3 of 50 concurrent downloads at a limit of 3', async () => {
    const racer = await member(site, 'Racing Rob');
    const file = await grantFile(site, racer, pkg.packageId, { download_limit: 3 });
    const cookie = await sessionCookie(site, 'Racing Rob');
    const server = await listen(site);
    try {
      const responses = await Promise.all(Array.from({ length: 50 }, async () => {
        const res = await fetch(`${server.url}${downloadUrl(file, pkg.fileName)}`, { headers: { cookie } });
        const body = Buffer.from(await res.arrayBuffer());
        return { status: res.status, full: res.status === 200 && Buffer.compare(body, pkg.bytes) === 0, text: body.toString('utf8') };
      }));
      expect(responses.filter((r) => r.status === 200)).to.have.length(3);
      expect(responses.filter((r) => r.full)).to.have.length(3);
      const refused = responses.filter((r) => r.status === 403);
      expect(refused).to.have.length(47);
      expect(refused[0]?.text).to.include('You have reached the download limit for this file.');
      await eventually(async () => await downloadsOf(site, file) === 3);
      await settled();
      expect(await downloadsOf(site, file)).to.equal(3);
    } finally {
      await server.close();
    }
  });

  it('refuses other users, blocked users and anonymous visitors', async () => {
    const { id, file } = await owner('Owning Olive');
    const url = downloadUrl(file, pkg.fileName);
    const other = site.agent();
    await member(site, 'Nosy Ned');
    await logIn(other, 'Nosy Ned', PASSWORD);
    const refused = await other.get(url);
    expect(refused.status).to.equal(404);
    expect(refused.text).to.include('The following URL is not a valid download link. Please contact the site administrator if this message has been received in error.');
    expect(refused.text).to.include('information@communitydata.ca');
    const anonymous = await site.agent().get(url);
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.location).to.match(/^\/user\?destination=/);
    await createAccount(site, { username: 'Blocked Bea', password: PASSWORD, role: 'member' });
    const bea = (await site.kernel.container.resolve('db')('users').where({ username: 'Blocked Bea' }).first<{ id: number }>())?.id ?? 0;
    const beaFile = await grantFile(site, bea, pkg.packageId);
    const blocked = site.agent();
    await logIn(blocked, 'Blocked Bea', PASSWORD);
    await site.kernel.container.resolve('db')('users').where({ id: bea }).update({ status: 'blocked' });
    const afterBlock = await blocked.get(downloadUrl(beaFile, pkg.fileName));
    expect([302, 404]).to.include(afterBlock.status);
    expect(afterBlock.headers['content-disposition']).to.equal(undefined);
    expect(await downloadsOf(site, file)).to.equal(0);
    expect(id).to.be.greaterThan(0);
  });
});
