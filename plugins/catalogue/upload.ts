import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import multer, { MulterError, type StorageEngine } from 'multer';
import yauzl from 'yauzl';
import { z } from 'zod';

const TWO_GIB = 2 * 1024 ** 3;

/** The upload size limit: 2 GiB unless CATALOGUE_MAX_UPLOAD_BYTES says otherwise (read per upload, so tests can lower it). */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  return z.coerce.number().int().positive().default(TWO_GIB).parse(env.CATALOGUE_MAX_UPLOAD_BYTES || undefined);
}

/** What the storage engine adds to multer's file: where the temp copy is, its size and sha256. */
export interface StoredUpload { path: string; size: number; sha256: string }

class NotZipError extends Error {}

/**
 * Streams the file to a temp file under DATA_DIR, hashing it on the way: never
 * the whole file in memory. A stopped stream (size limit, client gone) removes
 * the temp file before multer hears of it.
 */
class HashingStorage implements StorageEngine {
  constructor(private readonly dir: string) {}

  _handleFile(req: Request, file: Express.Multer.File, callback: (error?: unknown, info?: Partial<Express.Multer.File> & StoredUpload) => void): void {
    const target = path.join(this.dir, `${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    let settled = false;
    const out = createWriteStream(target, { flags: 'wx' });
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      file.stream.unpipe(out);
      // Remove the temp file only once the stream has closed: a stream destroyed
      // while still opening creates its file afterwards.
      out.once('close', () => {
        void fs.rm(target, { force: true }).finally(() => callback(error));
      });
      out.destroy();
    };
    file.stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      hash.update(chunk);
    });
    file.stream.on('limit', () => fail(new MulterError('LIMIT_FILE_SIZE', file.fieldname)));
    file.stream.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new Error('The upload was interrupted'));
    });
    out.on('error', fail);
    out.on('finish', () => {
      if (settled) return;
      settled = true;
      callback(null, { path: target, size, sha256: hash.digest('hex') });
    });
    file.stream.pipe(out);
  }

  _removeFile(_req: Request, file: Express.Multer.File, callback: (error: Error | null) => void): void {
    fs.rm(file.path, { force: true }).then(() => callback(null), callback);
  }
}

export type UploadOutcome =
  | { ok: true; file: StoredUpload | undefined; body: Record<string, unknown> }
  | { ok: false; reason: 'too-large' | 'not-zip' | 'malformed' | 'interrupted' };

/** Parses the multipart body of an upload: one `.zip` file and a few short fields. */
export async function receiveUpload(req: Request, res: Response, incomingDir: string): Promise<UploadOutcome> {
  await fs.mkdir(incomingDir, { recursive: true });
  const upload = multer({
    storage: new HashingStorage(incomingDir),
    limits: { fileSize: maxUploadBytes(), files: 1, fields: 10, parts: 12, fieldSize: 2_000, fieldNameSize: 50, headerPairs: 50 },
    // The name only decides acceptance; it never becomes a path.
    fileFilter: (_req, file, callback) => (/\.zip$/i.test(file.originalname) ? callback(null, true) : callback(new NotZipError())),
  }).single('file');
  return new Promise((resolve) => {
    upload(req, res, (error: unknown) => {
      if (!error) {
        const file = req.file as (Express.Multer.File & StoredUpload) | undefined;
        resolve({ ok: true, file: file ? { path: file.path, size: file.size, sha256: file.sha256 } : undefined, body: req.body as Record<string, unknown> ?? {} });
      } else if (error instanceof NotZipError) resolve({ ok: false, reason: 'not-zip' });
      else if (error instanceof MulterError && error.code === 'LIMIT_FILE_SIZE') resolve({ ok: false, reason: 'too-large' });
      else if (!req.complete) resolve({ ok: false, reason: 'interrupted' });
      else resolve({ ok: false, reason: 'malformed' });
    });
  });
}

/** A zip whose central directory reads and lists at least one entry. */
export function isZipFile(file: string): Promise<boolean> {
  return new Promise((resolve) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => {
      if (error || !zip) return resolve(false);
      const entries = zip.entryCount;
      zip.close();
      resolve(entries > 0);
    });
  });
}
