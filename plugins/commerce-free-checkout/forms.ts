import { z } from 'zod';

/**
 * The forms' schemas. Messages are keys of locales/en.json. A repeated field
 * (checkboxes) arrives as a string when one is ticked and an array when several are.
 */

const MAX_ID = /^\d{1,9}$/;
const MAX_LINES = 500;

const id = z.string().regex(MAX_ID).transform(Number);
const oneOrMany = <T extends z.ZodType>(item: T, max: number) => z.union([item, z.array(item).max(max)]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]) as z.infer<T>[]);

export const addToCartSchema = z.strictObject({
  product_id: id,
  geographies: oneOrMany(z.string().max(20), 10),
  from: z.string().max(2_000).optional(),
});
export type AddToCartForm = z.infer<typeof addToCartSchema>;

export const updateCartSchema = z.strictObject({
  remove: oneOrMany(id, MAX_LINES),
  // Which button was pressed: Update cart or Checkout.
  op: z.enum(['update', 'checkout']).default('update'),
});

export const submitOrderSchema = z.strictObject({
  submission_key: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});


/** A page number from the query string: 1 for anything that is not one. */
export function pageNumber(value: unknown): number {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Math.max(1, Number(value)) : 1;
}

/** A numeric id of the path, or undefined (the route answers 404). */
export function pathId(value: unknown): number | undefined {
  return typeof value === 'string' && MAX_ID.test(value) ? Number(value) : undefined;
}
