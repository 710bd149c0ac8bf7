import { z } from 'zod';
import { GEOGRAPHY_CODES } from './geographies.js';

/** The operators' forms. Messages are keys of locales/en.json, shown beside their fields. */

const text = (max: number, message: string) => z.string({ error: message }).trim().max(max, message).default('');
const required = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, message);
const isoDate = (message: string) => z.string({ error: message }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, message)
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), message);
const checkbox = z.literal('1', { error: 'form.errors.checkbox' }).optional().transform((v) => v === '1');

/** A local path (/resources/...) or an http(s) address. */
const link = text(2048, 'form.errors.linkInvalid')
  .refine((v) => v === '' || /^\/(?!\/)/.test(v) || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(v), 'form.errors.linkInvalid');

export const productSchema = z.strictObject({
  title: required(512, 'form.errors.titleRequired'),
  slug: text(200, 'form.errors.slugInvalid').refine((v) => v === '' || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v), 'form.errors.slugInvalid'),
  data_provider: required(255, 'form.errors.providerRequired'),
  product_group: required(255, 'form.errors.groupRequired'),
  topics: text(2000, 'form.errors.topicsInvalid').transform((v) => [...new Set(v.split(',').map((s) => s.trim()).filter(Boolean))])
    .refine((list) => list.every((s) => s.length <= 255), 'form.errors.topicsInvalid'),
  years_within_data: z.string({ error: 'form.errors.yearsInvalid' }).trim().regex(/^\d{4}(-\d{4})?$/, 'form.errors.yearsInvalid')
    .refine((v) => { const [a, b] = v.split('-').map(Number); return b === undefined || (a as number) <= b; }, 'form.errors.yearsInvalid'),
  posted_at: isoDate('form.errors.dateInvalid'),
  description: text(20_000, 'form.errors.descriptionTooLong'),
  notes: text(20_000, 'form.errors.notesTooLong'),
  custom_geographies_url: link,
  in_idp: checkbox,
  published: checkbox,
});
export type ProductForm = z.infer<typeof productSchema>;
export const PRODUCT_FIELDS = ['title', 'slug', 'data_provider', 'product_group', 'topics', 'years_within_data', 'posted_at',
  'description', 'notes', 'custom_geographies_url', 'in_idp', 'published'] as const;

export const packageSchema = z.strictObject({
  geography: z.enum(GEOGRAPHY_CODES, { error: 'upload.errors.geographyRequired' }),
  catalogue_number: text(100, 'upload.errors.catalogueNumberTooLong'),
  release_date: z.union([z.literal(''), isoDate('upload.errors.dateInvalid')], { error: 'upload.errors.dateInvalid' }).default(''),
});
export const PACKAGE_FIELDS = ['geography', 'catalogue_number', 'release_date'] as const;

export const adminSearchSchema = z.object({ q: z.string().trim().max(200).optional() });
