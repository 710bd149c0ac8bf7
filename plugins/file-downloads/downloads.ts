import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Config } from '../../config/index.js';
import type { DownloadsRepository, LockedFile, PurchasedFileRow, TransferKey } from './repository.js';

/** Ubercart's UC_FILE_REQUEST_LIMIT: bad download links one address may try in a day. */
export const BAD_REQUEST_LIMIT = 50;

/** Why a download is refused, in the order the checks run. */
export type Refusal = 'flood' | 'invalid' | 'addresses' | 'downloads' | 'expired';

/** The file on disk behind a purchased file. */
export interface ServableFile {
  purchasedFileId: number;
  path: string;
  name: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/** What the client asked for, once the route has read its Range and If-Range headers. */
export type Wanted = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

export interface DownloadRequest {
  userId: number;
  purchasedFileId: number;
  fileName: string;
  address: string;
  /** HEAD: the checks and headers only; nothing is sent, recorded or counted. */
  headOnly: boolean;
  want: (file: ServableFile) => Wanted;
}

/** A response allowed to start; `settle` records what it sent. */
export interface Transfer {
  file: ServableFile;
  /** First and last byte (inclusive), as in a Content-Range. */
  start: number;
  end: number;
  partial: boolean;
  key: TransferKey;
  slotId: number | undefined;
}

export type DownloadPlan =
  | { kind: 'refused'; reason: Refusal }
  | { kind: 'unsatisfiable'; file: ServableFile }
  | { kind: 'serve'; transfer: Transfer };

/**
 * The rules of a download (Ubercart's uc_file, made atomic and range-aware):
 * the checks in the reference order, a slot for each response that may complete
 * a download, and a download counted once when the bytes sent to one client for
 * one file version cover the whole file.
 */
export class Downloads {
  private readonly db: Knex;
  private readonly repository: DownloadsRepository;
  private readonly filesDir: string;

  constructor({ db, downloadsRepository, config }: { db: Knex; downloadsRepository: DownloadsRepository; config: Config }) {
    this.db = db;
    this.repository = downloadsRepository;
    this.filesDir = path.resolve(config.DATA_DIR, 'files');
  }

  async start(request: DownloadRequest): Promise<DownloadPlan> {
    if (await this.repository.badRequestsToday(request.address) >= BAD_REQUEST_LIMIT) return { kind: 'refused', reason: 'flood' };
    const file = await this.servable(request);
    if (!file) {
      await this.repository.recordBadRequest(request.address);
      return { kind: 'refused', reason: 'invalid' };
    }
    const wanted = request.want(file);
    return this.db.transaction(async (trx) => {
      const locked = await this.repository.lock(trx, file.purchasedFileId);
      if (!locked) return { kind: 'refused', reason: 'invalid' } as const;
      const key: TransferKey = { purchasedFileId: locked.id, address: request.address, etag: file.etag };
      const needsSlot = !request.headOnly && await this.needsSlot(trx, wanted, key);
      const refusal = await this.check(trx, locked, request.address, needsSlot);
      if (refusal) return { kind: 'refused', reason: refusal } as const;
      if (wanted.kind === 'unsatisfiable') return { kind: 'unsatisfiable', file } as const;
      if (!request.headOnly) await this.repository.addAddress(trx, locked.id, request.address);
      const slotId = needsSlot ? await this.repository.openSlot(trx, key) : undefined;
      const [start, end] = wanted.kind === 'partial' ? [wanted.start, wanted.end] : [0, file.size - 1];
      return { kind: 'serve', transfer: { file, start, end, partial: wanted.kind === 'partial', key, slotId } } as const;
    });
  }

  /**
   * Records what a response sent: its whole range when it finished, else the
   * bytes handed to the network before it closed (a client that has all it
   * asked for may hang up before the response is marked finished).
   */
  async settle(transfer: Transfer, finished: boolean, bytesHanded: number): Promise<boolean> {
    const length = transfer.end - transfer.start + 1;
    const sent = finished ? length : Math.max(0, Math.min(bytesHanded, length));
    return this.db.transaction(async (trx) => {
      await this.repository.lock(trx, transfer.key.purchasedFileId);
      if (transfer.slotId !== undefined) await this.repository.closeSlot(trx, transfer.slotId);
      await this.repository.sweep(trx, transfer.key.purchasedFileId);
      if (sent === 0) return false;
      const covered = await this.repository.addSent(trx, transfer.key, transfer.start, transfer.start + sent, transfer.file.size);
      if (!covered) return false;
      await this.repository.clearTransfer(trx, transfer.key);
      return this.repository.countDownload(trx, transfer.key.purchasedFileId);
    });
  }

  /** The owner's file, readable on disk, under the name in the link; anything else is not a valid link. */
  private async servable(request: DownloadRequest): Promise<ServableFile | undefined> {
    const row = await this.repository.findFile(request.purchasedFileId);
    if (!row || row.user_id !== request.userId || row.file_name !== request.fileName) return undefined;
    const absolute = this.pathOf(row);
    if (!absolute) return undefined;
    try {
      const stat = await fs.stat(absolute);
      if (!stat.isFile()) return undefined;
      await fs.access(absolute, fs.constants.R_OK);
      return { purchasedFileId: row.id, path: absolute, name: row.file_name, size: stat.size, etag: `"${row.file_sha256}"`, lastModified: stat.mtime };
    } catch {
      return undefined;
    }
  }

  /** The package's file under the files folder; a stored path that leads out of it is refused. */
  private pathOf(row: PurchasedFileRow): string | undefined {
    const absolute = path.resolve(this.filesDir, row.file_path);
    return absolute.startsWith(this.filesDir + path.sep) ? absolute : undefined;
  }

  /**
   * A response for the whole file takes a slot of its own; a range joins the
   * download its client already has going (a live slot or bytes already sent of
   * this version), so a resumed or split download holds one slot.
   */
  private async needsSlot(trx: Knex.Transaction, wanted: Wanted, key: TransferKey): Promise<boolean> {
    if (wanted.kind !== 'partial') return wanted.kind === 'full';
    const live = await this.repository.liveSlots(trx, key.purchasedFileId);
    if (live.some((s) => s.address === key.address && s.etag === key.etag)) return false;
    return !await this.repository.hasTransfer(trx, key);
  }

  /** Checks 3 to 5 of the reference, on the locked row. */
  private async check(trx: Knex.Transaction, file: LockedFile, address: string, needsSlot: boolean): Promise<Refusal | undefined> {
    if (file.address_limit !== null) {
      const addresses = await this.repository.addresses(trx, file.id);
      if (!addresses.includes(address) && addresses.length >= file.address_limit) return 'addresses';
    }
    if (file.download_limit !== null) {
      const inFlight = needsSlot ? (await this.repository.liveSlots(trx, file.id)).length : 0;
      if (file.downloads + inFlight >= file.download_limit) return 'downloads';
    }
    if (file.expires_at !== null && file.expires_at.getTime() <= Date.now()) return 'expired';
    return undefined;
  }
}
