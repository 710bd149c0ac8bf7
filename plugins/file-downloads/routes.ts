import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response, Router } from 'express';
import { notFound } from '../../core/errors.js';
import type { Refusal, ServableFile, Transfer, Wanted } from './downloads.js';
import { pageNumber, presentFile, t, wholeId } from './present.js';
import { adminRoutes } from './admin-routes.js';

/** The status of each refusal: a wrong link is not found; limits forbid; an expired file is gone. */
const REFUSAL_STATUS: Record<Refusal, number> = { flood: 429, invalid: 404, addresses: 403, downloads: 403, expired: 410 };

const toLogIn = (req: Request, res: Response): void => {
  res.redirect(`/user?destination=${encodeURIComponent(req.originalUrl)}`);
};

/** If-Range: the range applies only to the version the client already has part of. */
function ifRangeAllows(req: Request, file: ServableFile): boolean {
  const condition = req.get('if-range');
  if (!condition) return true;
  if (condition.startsWith('"') || condition.startsWith('W/')) return condition === file.etag;
  const date = Date.parse(condition);
  return !Number.isNaN(date) && Math.floor(date / 1000) === Math.floor(file.lastModified.getTime() / 1000);
}

/** One byte range is served as asked; several, or a malformed header, get the whole file. */
const wantedBy = (req: Request) => (file: ServableFile): Wanted => {
  if (!req.get('range') || !ifRangeAllows(req, file)) return { kind: 'full' };
  const ranges = req.range(file.size, { combine: true });
  if (ranges === -1) return { kind: 'unsatisfiable' };
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length !== 1 || !ranges[0]) return { kind: 'full' };
  return { kind: 'partial', start: ranges[0].start, end: ranges[0].end };
};

/** `attachment; filename="…"` (quoted, as browsers and download managers expect), with an RFC 5987 form for other characters. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function setHeaders(res: Response, file: ServableFile): void {
  res.type(path.extname(file.name) || 'application/octet-stream');
  res.set({
    'Content-Disposition': disposition(file.name),
    'Accept-Ranges': 'bytes',
    ETag: file.etag,
    'Last-Modified': file.lastModified.toUTCString(),
    'Cache-Control': 'private, no-cache',
  });
}

/**
 * Streams the range from disk (constant memory) and, once the response has
 * finished or been cut off, records what went out.
 */
function stream(req: Request, res: Response, transfer: Transfer, headOnly: boolean): void {
  setHeaders(res, transfer.file);
  res.status(transfer.partial ? 206 : 200);
  if (transfer.partial) res.set('Content-Range', `bytes ${transfer.start}-${transfer.end}/${transfer.file.size}`);
  res.set('Content-Length', String(transfer.end - transfer.start + 1));
  if (headOnly) {
    res.end();
    return;
  }
  const downloads = req.scope.resolve('downloads');
  const source = transfer.end >= transfer.start ? fs.createReadStream(transfer.file.path, { start: transfer.start, end: transfer.end }) : undefined;
  let handed = 0;
  // Every response that was allowed to start closes its slot, however it ends.
  res.on('close', () => {
    source?.destroy();
    // Bytes still queued in the response or its socket never reached the client.
    const queued = res.writableLength + (res.socket?.writableLength ?? 0);
    downloads.settle(transfer, res.writableFinished, handed - queued)
      .then((counted) => { if (counted) req.log.info({ purchasedFile: transfer.key.purchasedFileId }, 'download completed'); })
      .catch((error: unknown) => req.log.error({ err: error }, 'download: the transfer could not be recorded'));
  });
  if (!source) {
    res.end();
    return;
  }
  source.on('data', (chunk) => { handed += chunk.length; });
  source.on('error', (error) => {
    req.log.error({ err: error }, 'download: the file could not be read');
    res.destroy(error);
  });
  source.pipe(res);
}

export function routes(router: Router): void {
  router.get('/user/:uid/purchased-files', async (req, res) => {
    if (!req.user) return toLogIn(req, res);
    const uid = wholeId(req.params.uid);
    const isOwner = uid === req.user.id;
    if (uid === undefined || (!isOwner && !req.scope.resolve('permissions').allows(req.user, 'administer downloads'))) throw notFound();
    const result = await req.scope.resolve('purchasedFiles').page(uid, pageNumber(req.query.page));
    const base = `/user/${uid}/purchased-files`;
    res.view('files', {
      title: t(req, 'files.title'),
      breadcrumbs: [{ label: t(req, 'files.account'), path: '/user' }, { label: t(req, 'files.title') }],
      ...result,
      files: result.files.map((f) => presentFile(req, f)),
      base,
      previous: result.page > 1 ? result.page - 1 : undefined,
      next: result.page < result.pages ? result.page + 1 : undefined,
    });
  });

  router.get('/download/:id/:fileName', async (req, res) => {
    if (!req.user) return toLogIn(req, res);
    const headOnly = req.method === 'HEAD';
    const plan = await req.scope.resolve('downloads').start({
      userId: req.user.id,
      purchasedFileId: wholeId(req.params.id) ?? 0,
      fileName: String(req.params.fileName),
      address: req.ip ?? 'unknown',
      headOnly,
      want: wantedBy(req),
    });
    if (plan.kind === 'refused') {
      req.log.warn({ reason: plan.reason, purchasedFile: req.params.id }, 'download refused');
      res.view('refused', { title: t(req, 'refused.title'), message: t(req, `refused.${plan.reason}`), reason: plan.reason }, REFUSAL_STATUS[plan.reason]);
      return;
    }
    if (plan.kind === 'unsatisfiable') {
      setHeaders(res, plan.file);
      res.status(416).set('Content-Range', `bytes */${plan.file.size}`).end();
      return;
    }
    stream(req, res, plan.transfer, headOnly);
  });

  adminRoutes(router);
}
