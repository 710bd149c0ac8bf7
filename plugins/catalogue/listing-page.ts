import { GEOGRAPHIES, geography, isGeographyCode } from './geographies.js';
import { postedDate } from './format.js';
import { FACETS, listingUrl, PAGE_SIZE, type Facet, type ListingFilters } from './listing.js';
import type { FacetCount, ListingRow } from './repository.js';

export interface ListingPageRow {
  title: string;
  /** Not `url`: that name is a template helper. */
  href: string;
  productGroup: string;
  topics: string[];
  geographies: string;
  yearsWithinData: string;
  posted: string;
}

export interface FacetView {
  name: Facet;
  items: { label: string; count: number; href: string; active: boolean }[];
  /** The listing without this facet's filter, when it is set. */
  clearUrl: string | undefined;
}

/** A listing page, ready for the `product-table` partial and the filters beside it. */
export interface ListingPage {
  url: string;
  base: string;
  filters: ListingFilters;
  rows: ListingPageRow[];
  total: number;
  page: number;
  pages: number;
  facets: FacetView[];
  sortLinks: { posted: string; title: string };
  pager: { previous: string | undefined; next: string | undefined; first: string | undefined; last: string | undefined };
}

const geographyNames = (codes: string[]): string =>
  GEOGRAPHIES.filter((g) => codes.includes(g.code)).map((g) => g.description).join(', ');

const facetValue = (filters: ListingFilters, facet: Facet): string | undefined => {
  const value = filters[facet];
  return value === undefined ? undefined : String(value);
};

function facetView(base: string, filters: ListingFilters, facet: Facet, counts: FacetCount[]): FacetView {
  const current = facetValue(filters, facet);
  const withValue = (value: string | undefined): string => {
    const next: ListingFilters = { ...filters, page: 1, [facet]: facet === 'year' && value !== undefined ? Number(value) : value };
    return listingUrl(base, next);
  };
  const ordered = facet === 'geography'
    ? GEOGRAPHIES.map((g) => counts.find((c) => c.value === g.code)).filter((c): c is FacetCount => c !== undefined)
    : counts;
  return {
    name: facet,
    items: ordered.map((c) => ({
      label: facet === 'geography' && isGeographyCode(c.value) ? geography(c.value).label : c.label,
      count: c.count, href: withValue(c.value), active: c.value === current,
    })),
    clearUrl: current === undefined ? undefined : withValue(undefined),
  };
}

export function buildListingPage(base: string, filters: ListingFilters, rows: ListingRow[], total: number,
  counts: Record<Facet, FacetCount[]>): ListingPage {
  const url = listingUrl(base, filters);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const at = (page: number) => listingUrl(base, { ...filters, page });
  return {
    url, base, filters, total, page: filters.page, pages,
    rows: rows.map((row) => ({
      title: row.title,
      href: `/data/${row.slug}?from=${encodeURIComponent(url)}`,
      productGroup: row.product_group,
      topics: row.topics,
      geographies: geographyNames(row.geographies),
      yearsWithinData: row.years_within_data,
      posted: postedDate(row.posted_at),
    })),
    facets: FACETS.map((facet) => facetView(base, filters, facet, counts[facet])),
    sortLinks: { posted: listingUrl(base, { ...filters, sort: 'posted', page: 1 }), title: listingUrl(base, { ...filters, sort: 'title', page: 1 }) },
    pager: {
      first: filters.page > 1 ? at(1) : undefined,
      previous: filters.page > 1 ? at(Math.min(filters.page - 1, pages)) : undefined,
      next: filters.page < pages ? at(filters.page + 1) : undefined,
      last: filters.page < pages ? at(pages) : undefined,
    },
  };
}
