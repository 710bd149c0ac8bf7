/**
 * Words Drupal's pathauto leaves out of URLs, so the organization pages keep
 * the addresses members know (e.g. /content/biosphere-institute-bow-valley).
 */
const IGNORED_WORDS = new Set([
  'a', 'an', 'as', 'at', 'before', 'but', 'by', 'for', 'from', 'is', 'in', 'into', 'like', 'of', 'off', 'on',
  'onto', 'per', 'since', 'than', 'the', 'this', 'that', 'to', 'up', 'via', 'with',
]);

const MAX_SLUG = 200;

/** A URL slug from a name: lower-case ASCII words joined by hyphens, without pathauto's ignored words. */
export function slugify(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept = words.filter((w) => !IGNORED_WORDS.has(w));
  const slug = (kept.length > 0 ? kept : words).join('-').slice(0, MAX_SLUG).replace(/-+$/, '');
  return slug || 'organization';
}

/** The base slug if free, else base-2, base-3, ... */
export function firstFree(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}
