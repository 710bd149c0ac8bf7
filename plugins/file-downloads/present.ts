import type { Request } from 'express';
import { GEOGRAPHIES } from '../catalogue/geographies.js';
import type { PurchasedFileRow } from './repository.js';

/** This plugin's strings, for text built in code. */
export const t = (req: Request, key: string, params: Record<string, string | number> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'file-downloads');

const geographyLabel = (code: string): string => GEOGRAPHIES.find((g) => g.code === code)?.label ?? code;

/** "used/limit", with "Unlimited" for no limit, as Ubercart printed it. */
const usage = (req: Request, used: number, limit: number | null): string =>
  `${used}/${limit === null ? t(req, 'files.unlimited') : limit}`;

export const downloadPath = (file: Pick<PurchasedFileRow, 'id' | 'file_name'>): string =>
  `/download/${file.id}/${encodeURIComponent(file.file_name)}`;

/** A row of the File downloads page (and of the operators' list). */
export function presentFile(req: Request, file: PurchasedFileRow, now = new Date()) {
  return {
    id: file.id,
    username: file.username,
    userId: file.user_id,
    purchased: file.granted_at,
    fileName: file.file_name,
    href: downloadPath(file),
    expired: file.expires_at !== null && file.expires_at.getTime() <= now.getTime(),
    expiresAt: file.expires_at,
    description: t(req, 'files.descriptionText', { title: file.product_title, geography: geographyLabel(file.geography) }),
    downloads: usage(req, file.downloads, file.download_limit),
    addresses: usage(req, file.addresses, file.address_limit),
  };
}

/** ?page=N, as a whole number from 1. */
export const pageNumber = (value: unknown): number =>
  typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : 1;

/** /path/:id as a positive whole number, or undefined. */
export const wholeId = (value: unknown): number | undefined =>
  typeof value === 'string' && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2147483647 ? Number(value) : undefined;
