import type { CurrentUser } from '../../core/auth/permissions.js';
import type { Catalogue, ProductWithPackages } from '../catalogue/catalogue.js';
import { safeListingPath } from '../catalogue/catalogue.js';
import { GEOGRAPHIES, isGeographyCode } from '../catalogue/geographies.js';
import type { OrderFulfilment } from './fulfilment.js';
import type { CartLineRow, CommerceRepository } from './repository.js';

export const DEFAULT_CONTINUE_URL = '/data';

export interface AddRequest {
  productId: number;
  geographies: string[];
  from: string | undefined;
}

export type AddResult =
  | { kind: 'not-found' }
  /** Not logged in: log in, then come back to the product page. */
  | { kind: 'log-in'; destination: string }
  | { kind: 'forbidden'; reason: 'anonymous' | 'not-member' | 'idp-only' }
  /** The product page again, with a message beside the geographies. */
  | { kind: 'geographies-required'; product: ProductWithPackages; from: string }
  | { kind: 'refused'; product: ProductWithPackages; from: string; reason: string; checked: string[] }
  | { kind: 'unknown-geography' }
  | { kind: 'added' | 'already-there'; title: string };

export interface CartLineView {
  id: number;
  productId: number;
  title: string;
  /** The product page, remembering the listing to return to. */
  productUrl: string;
  geographies: string[];
  /** The packages of the chosen geographies that the product still offers. */
  packages: ProductWithPackages['packages'];
}

export interface CartView {
  lines: CartLineView[];
  continueUrl: string;
}

/** The order in which the product page lists geographies, for every list of them we show. */
const geographyRank = (code: string): number => GEOGRAPHIES.findIndex((g) => g.code === code);
const sortGeographies = (codes: string[]): string[] => [...new Set(codes)].sort((a, b) => geographyRank(a) - geographyRank(b));
const labelOf = (code: string): string => GEOGRAPHIES.find((g) => g.code === code)?.label ?? code;

/** A listing path the cart may send the user back to, or undefined for anything else (never another site). */
export const listingPath = (from: string | undefined): string | undefined =>
  from !== undefined && safeListingPath(from) === from ? from : undefined;

/** Each user's shopping cart: what may go in it, merging, removing, and where Continue shopping leads. */
export class Cart {
  private readonly catalogue: Catalogue;
  private readonly repository: CommerceRepository;
  private readonly fulfilment: OrderFulfilment;

  constructor({ catalogue, commerceRepository, fulfilment }: {
    catalogue: Catalogue; commerceRepository: CommerceRepository; fulfilment: OrderFulfilment;
  }) {
    this.catalogue = catalogue;
    this.repository = commerceRepository;
    this.fulfilment = fulfilment;
  }

  /**
   * Adds the chosen geographies of a product, merging them into its line. The
   * access rules are checked again here: the page the user saw proves nothing.
   */
  async add(user: CurrentUser | undefined, request: AddRequest): Promise<AddResult> {
    const product = await this.catalogue.findProductById(request.productId);
    if (!product) return { kind: 'not-found' };
    const from = listingPath(request.from);
    if (!user) return { kind: 'log-in', destination: productUrl(product.url, from) };
    const access = await this.catalogue.orderAccess(user, product);
    if (!access.allowed) return { kind: 'forbidden', reason: access.reason };
    const codes = sortGeographies(request.geographies);
    if (codes.length === 0) return { kind: 'geographies-required', product, from: from ?? DEFAULT_CONTINUE_URL };
    const packages = codes.map((code) => product.packages.find((p) => p.geography === code));
    if (!codes.every(isGeographyCode) || packages.some((p) => p === undefined)) return { kind: 'unknown-geography' };
    const refusal = await this.fulfilment.refuseAdd(user.id, packages.map((p) => p!.id));
    if (refusal) return { kind: 'refused', product, from: from ?? DEFAULT_CONTINUE_URL, reason: refusal, checked: codes };
    return this.merge(user.id, product, codes, from);
  }

  private async merge(userId: number, product: ProductWithPackages, codes: string[], from: string | undefined): Promise<AddResult> {
    if (from) await this.repository.setContinueUrl(userId, from);
    const existing = await this.repository.findCartLine(userId, product.id);
    if (existing && codes.every((code) => existing.geographies.includes(code))) return { kind: 'already-there', title: product.title };
    await this.repository.mergeCartLine(userId, product.id, codes);
    return { kind: 'added', title: product.title };
  }

  /** The cart's lines with their products; a product unpublished since drops out of the cart. */
  async view(userId: number): Promise<CartView> {
    const continueUrl = (await this.repository.continueUrl(userId)) ?? DEFAULT_CONTINUE_URL;
    const rows = await this.repository.cartLines(userId);
    const lines = await this.linesOf(rows, continueUrl);
    return { lines, continueUrl };
  }

  /** Resolves the rows' products (a cart holds a handful of lines, so one lookup each is fine). */
  async linesOf(rows: CartLineRow[], continueUrl: string): Promise<CartLineView[]> {
    const lines: CartLineView[] = [];
    for (const row of rows) {
      const product = await this.catalogue.findProductById(row.product_id);
      if (!product) continue;
      const codes = sortGeographies(row.geographies);
      lines.push({
        id: row.id,
        productId: product.id,
        title: product.title,
        productUrl: productUrl(product.url, continueUrl),
        geographies: codes.map(labelOf),
        packages: product.packages.filter((p) => codes.includes(p.geography)),
      });
    }
    return lines;
  }

  /** The catalogue's product page context, for showing the page again with a message beside the geographies. */
  productPage(product: ProductWithPackages, user: CurrentUser, from: string): ReturnType<Catalogue['productPageData']> {
    return this.catalogue.productPageData(product, user, from);
  }

  /** Removes the ticked lines (only the user's own). */
  async remove(userId: number, lineIds: number[]): Promise<void> {
    await this.repository.removeCartLines(userId, lineIds);
  }
}

function productUrl(url: string, from: string | undefined): string {
  return from && from !== DEFAULT_CONTINUE_URL ? `${url}?from=${encodeURIComponent(from)}` : url;
}
