import { z } from 'zod';
import type { Limits } from './purchased-files.js';

/** Empty means Unlimited; otherwise a whole number from 1. */
const limit = (message: string) => z.preprocess((v) => v ?? '', z.string().trim())
  .refine((v) => v === '' || (/^\d{1,6}$/.test(v) && Number(v) >= 1), { message })
  .transform((v) => (v === '' ? null : Number(v)));

/** The limits form: the global default (no product) or one product's, by its slug. */
export const limitsSchema = z.strictObject({
  _csrf: z.string().optional(),
  product: z.string().trim().max(255).optional(),
  download_limit: limit('limits.error.downloads'),
  address_limit: limit('limits.error.addresses'),
  expire_days: limit('limits.error.days'),
});

export const confirmSchema = z.strictObject({
  _csrf: z.string().optional(),
  confirm: z.literal('yes').optional(),
});

export type LimitsForm = { product: string } & Record<keyof Limits, string>;


/** What the user typed, to show again beside the errors. */
export function typed(body: Record<string, unknown>): LimitsForm {
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return { product: text(body.product), download_limit: text(body.download_limit), address_limit: text(body.address_limit), expire_days: text(body.expire_days) };
}

/** "/data/some-slug", a full URL of it, or the bare slug. */
export const slugOf = (value: string): string => value.replace(/^.*\/data\//, '').replace(/[?#].*$/, '').replace(/\/+$/, '');
