import { z } from 'zod';
import { GEOGRAPHY_CODES, type GeographyCode } from './geographies.js';

export const PAGE_SIZE = 50;
export const SORTS = ['posted', 'title'] as const;
export type Sort = typeof SORTS[number];

/** What a listing shows: filters in, a page out (the IDP catalogue passes `idpOnly`). */
export interface ListingFilters {
  q?: string;
  topic?: string;
  group?: string;
  geography?: GeographyCode;
  year?: number;
  sort: Sort;
  /** 1-based. */
  page: number;
  idpOnly?: boolean;
}

export type Facet = 'topic' | 'group' | 'geography' | 'year';
export const FACETS: readonly Facet[] = ['topic', 'group', 'geography', 'year'];

/** An empty field of the GET form means "any". */
const blankAsMissing = (value: unknown): unknown => (value === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankAsMissing, schema.optional());
const slug = z.string().max(255).regex(/^[a-z0-9-]+$/);

/**
 * The listing's query string. Unknown parameters (tracking tags, `from`) are
 * ignored rather than refused: links from elsewhere must not break the page.
 */
export const listingQuery = z.object({
  q: optional(z.string().trim().max(200)),
  topic: optional(slug),
  group: optional(slug),
  geography: optional(z.enum(GEOGRAPHY_CODES)),
  year: optional(z.coerce.number().int().min(1000).max(9999)),
  sort: optional(z.enum(SORTS)),
  page: optional(z.coerce.number().int().min(1).max(1_000_000)),
});

export interface QueryProblem { name: string; problem: 'once' | 'value' }

export type ParsedListing = { ok: true; filters: ListingFilters } | { ok: false; problems: QueryProblem[] };

export function parseListingQuery(query: unknown): ParsedListing {
  const result = listingQuery.safeParse(query);
  if (!result.success) {
    const source = (query ?? {}) as Record<string, unknown>;
    const problems = result.error.issues.map((issue): QueryProblem => {
      const name = String(issue.path[0] ?? '');
      return { name, problem: Array.isArray(source[name]) ? 'once' : 'value' };
    });
    return { ok: false, problems };
  }
  const { sort, page, q, ...rest } = result.data;
  return { ok: true, filters: { ...rest, ...(q ? { q } : {}), sort: sort ?? 'posted', page: page ?? 1 } };
}

/** The listing URL for these filters, with only the parameters that differ from the defaults, in a fixed order. */
export function listingUrl(base: string, filters: ListingFilters): string {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.topic) query.set('topic', filters.topic);
  if (filters.group) query.set('group', filters.group);
  if (filters.geography) query.set('geography', filters.geography);
  if (filters.year !== undefined) query.set('year', String(filters.year));
  if (filters.sort !== 'posted') query.set('sort', filters.sort);
  if (filters.page > 1) query.set('page', String(filters.page));
  const qs = query.toString();
  return qs ? `${base}?${qs}` : base;
}
