import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Request } from 'express';
import type { Config } from '../../config/index.js';
import type { CurrentUser } from '../../core/auth/permissions.js';
import type { PluginRegistry } from '../../core/plugins/registry.js';
import type { Translator } from '../../core/theme/translator.js';
import { GEOGRAPHIES, geography, type GeographyCode } from './geographies.js';
import { humanSize } from './format.js';
import { FACETS, type Facet, type ListingFilters } from './listing.js';
import { buildListingPage, type ListingPage } from './listing-page.js';
import { firstFree, slugify } from '../consortia/slugs.js';
import type { CatalogueRepository, PackageRow, ProductDetailRow, ProductInput } from './repository.js';

/** A product as operators and the demo content give it: names, not ids. */
export interface ProductFields {
  title: string;
  slug?: string;
  dataProvider: string;
  productGroup: string;
  topics: string[];
  yearsWithinData: string;
  /** YYYY-MM-DD */
  postedAt: string;
  description: string;
  notes: string;
  customGeographiesUrl: string | null;
  inIdp: boolean;
  published: boolean;
}

/** A checked file waiting outside the files folder (same filesystem), to become a package's file. */
export interface IncomingFile {
  tempPath: string;
  fileName: string;
  size: number;
  sha256: string;
}

export interface PackageFields {
  geography: GeographyCode;
  catalogueNumber: string | null;
  /** YYYY-MM-DD */
  releaseDate: string | null;
}

export interface PackageSummary {
  id: number;
  productId: number;
  geography: GeographyCode;
  label: string;
  catalogueNumber: string | null;
  releaseDate: Date | null;
  fileName: string;
  fileSize: number;
  fileSha256: string;
  /** Absolute. */
  filePath: string;
  uploadedAt: Date;
}

export interface ProductSummary {
  id: number;
  title: string;
  slug: string;
  /** "/data/<slug>" */
  url: string;
  inIdp: boolean;
  published: boolean;
  productGroup: string;
  dataProvider: string;
}

export type ProductWithPackages = ProductSummary & { packages: PackageSummary[] };

export type OrderAccess = { allowed: true } | { allowed: false; reason: 'anonymous' | 'not-member' | 'idp-only' };

/** What the product page shows (the view `product`; commerce re-renders it with errors). */
export interface ProductPageData {
  title: string;
  breadcrumbs: { label: string; path?: string }[];
  product: ProductWithPackages & { details: ProductDetailRow; topics: string[] };
  packages: (PackageSummary & { size: string; release: string | null; description: string })[];
  access: OrderAccess;
  /** The form is shown only when ordering is possible (commerce enabled and access allowed). */
  orderable: boolean;
  from: string;
  loginUrl: string;
}

/** Only the catalogue listings may be returned to: never another site (open redirect) or another page. */
const LISTING_PATH = /^\/(data|idp-data)(\?[^#\s]*)?$/;

export function safeListingPath(from: unknown): string {
  return typeof from === 'string' && LISTING_PATH.test(from) ? from : '/data';
}

const FILES_FOLDER = 'files';
const ADMIN_LIST_LIMIT = 200;
const STALE_UPLOAD_MS = 24 * 60 * 60 * 1000;
/** Uploads land here first: under DATA_DIR, so the final rename stays on one filesystem. */
const INCOMING_FOLDER = 'files-incoming';

const dateFromText = (text: string | null): Date | null => (text ? new Date(`${text}T00:00:00Z`) : null);

/**
 * The catalogue: products, their geography packages and files, and who may
 * order them. Other plugins (cart, downloads, IDP) reach products only through it.
 */
export class Catalogue {
  private readonly repository: CatalogueRepository;
  private readonly config: Config;
  private readonly plugins: PluginRegistry;
  private readonly translator: Translator;

  constructor({ catalogueRepository, config, plugins, translator }: {
    catalogueRepository: CatalogueRepository; config: Config; plugins: PluginRegistry; translator: Translator;
  }) {
    this.repository = catalogueRepository;
    this.config = config;
    this.plugins = plugins;
    this.translator = translator;
  }

  /** Where package files live: `${DATA_DIR}/files`. */
  get filesDir(): string {
    return path.join(this.config.DATA_DIR, FILES_FOLDER);
  }

  get incomingDir(): string {
    return path.join(this.config.DATA_DIR, INCOMING_FOLDER);
  }

  toPackageSummary(row: PackageRow): PackageSummary {
    return {
      id: row.id,
      productId: row.product_id,
      geography: row.geography,
      label: geography(row.geography).label,
      catalogueNumber: row.catalogue_number,
      releaseDate: dateFromText(row.release_date),
      fileName: row.file_name,
      fileSize: Number(row.file_size),
      fileSha256: row.file_sha256,
      filePath: path.join(this.filesDir, row.file_path),
      uploadedAt: row.uploaded_at,
    };
  }

  static toProductSummary(row: ProductDetailRow): ProductSummary {
    return {
      id: row.id, title: row.title, slug: row.slug, url: `/data/${row.slug}`, inIdp: row.in_idp, published: row.published,
      productGroup: row.product_group, dataProvider: row.data_provider,
    };
  }

  private async withPackages(row: ProductDetailRow | undefined): Promise<ProductWithPackages | undefined> {
    if (!row) return undefined;
    const packages = await this.repository.packagesOf(row.id);
    const order = (code: GeographyCode) => GEOGRAPHIES.findIndex((g) => g.code === code);
    packages.sort((a, b) => order(a.geography) - order(b.geography));
    return { ...Catalogue.toProductSummary(row), packages: packages.map((p) => this.toPackageSummary(p)) };
  }

  /** A published product. */
  async findProductBySlug(slug: string): Promise<ProductWithPackages | undefined> {
    return this.withPackages(await this.repository.findProduct({ slug }, true));
  }

  /** A published product. */
  async findProductById(id: number): Promise<ProductWithPackages | undefined> {
    return this.withPackages(await this.repository.findProduct({ id }, true));
  }

  /** Even when its product was unpublished since: buyers keep their access. */
  async findPackage(id: number): Promise<PackageSummary | undefined> {
    const row = await this.repository.findPackage(id);
    return row ? this.toPackageSummary(row) : undefined;
  }

  /**
   * Who may put a product in the cart: activated members of an approved
   * organization; the sector network's members only IDP products. Operators
   * and administrators manage the catalogue and may order anything.
   */
  orderAccess(user: CurrentUser | undefined, product: ProductSummary): Promise<OrderAccess> {
    return this.accessFor(user, product.inIdp);
  }

  /** What the user may order from the full catalogue (a product outside the IDP): /data tells them. */
  fullCatalogueAccess(user: CurrentUser | undefined): Promise<OrderAccess> {
    return this.accessFor(user, false);
  }

  private async accessFor(user: CurrentUser | undefined, inIdp: boolean): Promise<OrderAccess> {
    if (!user) return { allowed: false, reason: 'anonymous' };
    const affiliation = await this.repository.affiliation(user.id);
    if (!affiliation || affiliation.status !== 'active') return { allowed: false, reason: 'not-member' };
    if (affiliation.role === 'operator' || affiliation.role === 'administrator') return { allowed: true };
    if (affiliation.role !== 'member' || affiliation.organization_status !== 'approved') return { allowed: false, reason: 'not-member' };
    if (affiliation.consortium_kind === 'sector-network' && !inIdp) return { allowed: false, reason: 'idp-only' };
    return { allowed: true };
  }

  /**
   * The product page's context. Takes the request (the user and `from` are read
   * from it) or the user and `from` themselves: the contract names both forms.
   */
  async productPageData(product: ProductSummary, userOrRequest: CurrentUser | Request | undefined, from?: string): Promise<ProductPageData> {
    const request = isRequest(userOrRequest) ? userOrRequest : undefined;
    const user = request ? request.scope.resolve('currentUser') : userOrRequest as CurrentUser | undefined;
    const listing = safeListingPath(from ?? fromOf(request));
    const details = await this.repository.findProduct({ id: product.id }, false) as ProductDetailRow;
    const full = await this.withPackages(details) as ProductWithPackages;
    const topics = (await this.repository.topicsOf([product.id])).get(product.id) ?? [];
    const access = await this.orderAccess(user, product);
    const t = (key: string) => this.translator.t(key, {}, 'catalogue');
    const listingLabel = listing.startsWith('/idp-data') ? t('breadcrumb.idp') : t('breadcrumb.data');
    const self = `${full.url}${listing === '/data' ? '' : `?from=${encodeURIComponent(listing)}`}`;
    return {
      title: product.title,
      breadcrumbs: [{ label: listingLabel, path: listing }, { label: product.title }],
      product: { ...full, details, topics: topics.map((topic) => topic.name) },
      packages: full.packages.map((p) => ({
        ...p, size: humanSize(p.fileSize), release: p.releaseDate ? p.releaseDate.toISOString().slice(0, 10) : null,
        description: geography(p.geography).description,
      })),
      access,
      orderable: access.allowed && this.plugins.isEnabled('commerce-free-checkout'),
      from: listing,
      loginUrl: `/user?destination=${encodeURIComponent(self)}`,
    };
  }

  /**
   * A catalogue listing: the page's rows, the total and each facet's counts
   * (one query each, run together). `base` is the listing's path (/data, /idp-data).
   */
  async listing(filters: ListingFilters, base = '/data'): Promise<ListingPage> {
    const [rows, total, ...counts] = await Promise.all([
      this.repository.listingPage(filters),
      this.repository.countListing(filters),
      ...FACETS.map((facet) => this.repository.facetCounts(filters, facet)),
    ]);
    const byFacet = Object.fromEntries(FACETS.map((facet, i) => [facet, counts[i] ?? []])) as Record<Facet, Awaited<ReturnType<CatalogueRepository['facetCounts']>>>;
    return buildListingPage(base, filters, rows, total, byFacet);
  }

  // --- operators and demo content

  adminList(search: string | undefined): Promise<ProductDetailRow[]> {
    return this.repository.adminList(search, ADMIN_LIST_LIMIT);
  }

  /** A product whatever its state, with its topics and packages: the operators' edit page. */
  async productForAdmin(id: number): Promise<{ details: ProductDetailRow; topics: string[]; packages: PackageSummary[] } | undefined> {
    const details = await this.repository.findProduct({ id }, false);
    if (!details) return undefined;
    const full = await this.withPackages(details) as ProductWithPackages;
    const topics = (await this.repository.topicsOf([id])).get(id) ?? [];
    return { details, topics: topics.map((topic) => topic.name), packages: full.packages };
  }

  /** Whether another product already has this slug. */
  async slugTaken(slug: string, exceptId?: number): Promise<boolean> {
    const other = await this.repository.findProduct({ slug }, false);
    return other !== undefined && other.id !== exceptId;
  }

  private async productInput(fields: ProductFields, slug: string): Promise<ProductInput> {
    const provider = await this.repository.ensureNamed('data_providers', fields.dataProvider, slugify(fields.dataProvider));
    const group = await this.repository.ensureNamed('product_groups', fields.productGroup, slugify(fields.productGroup));
    return {
      title: fields.title, slug, data_provider_id: provider.id, product_group_id: group.id,
      years_within_data: fields.yearsWithinData, posted_at: fields.postedAt, description: fields.description,
      notes: fields.notes, custom_geographies_url: fields.customGeographiesUrl, in_idp: fields.inIdp, published: fields.published,
    };
  }

  private async topicIds(names: string[]): Promise<number[]> {
    const ids = new Set<number>();
    for (const name of names) ids.add((await this.repository.ensureNamed('topics', name, slugify(name))).id);
    return [...ids];
  }

  /** A free slug: the one asked for, or one made from the title (base, base-2, ...). */
  async freeSlug(wanted: string | undefined, title: string, exceptId?: number): Promise<string> {
    const base = wanted || slugify(title);
    const taken = await this.repository.slugsLike(base);
    if (exceptId !== undefined) {
      const own = await this.repository.findProduct({ id: exceptId }, false);
      if (own) taken.delete(own.slug);
    }
    return firstFree(base, taken);
  }

  async createProduct(fields: ProductFields): Promise<number> {
    const input = await this.productInput(fields, await this.freeSlug(fields.slug, fields.title));
    const topicIds = await this.topicIds(fields.topics);
    return this.repository.transaction(async (trx) => {
      const id = await this.repository.insertProduct(input, trx);
      await this.repository.setTopics(id, topicIds, trx);
      return id;
    });
  }

  async updateProduct(id: number, fields: ProductFields): Promise<void> {
    const input = await this.productInput(fields, fields.slug ?? (await this.repository.findProduct({ id }, false))?.slug ?? slugify(fields.title));
    const topicIds = await this.topicIds(fields.topics);
    await this.repository.transaction(async (trx) => {
      await this.repository.updateProduct(id, input, trx);
      await this.repository.setTopics(id, topicIds, trx);
    });
  }

  async setPublished(id: number, published: boolean): Promise<void> {
    await this.repository.updateProduct(id, { published });
  }

  /**
   * Removes uploads a crash left half-written. Only old ones: another
   * instance may be receiving a file right now.
   */
  async sweepIncoming(olderThanMs = STALE_UPLOAD_MS): Promise<number> {
    let names: string[];
    try {
      names = await fs.readdir(this.incomingDir);
    } catch {
      return 0;
    }
    let removed = 0;
    for (const name of names) {
      const file = path.join(this.incomingDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat?.isFile() && Date.now() - stat.mtimeMs > olderThanMs) {
        await fs.rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  /** Stores a file made in memory (demo content's sample zips). */
  async storeBuffer(productId: number, fields: PackageFields, fileName: string, content: Buffer): Promise<number> {
    await fs.mkdir(this.incomingDir, { recursive: true });
    const tempPath = path.join(this.incomingDir, randomUUID());
    await fs.writeFile(tempPath, content);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.storePackageFile(productId, fields, { tempPath, fileName, size: content.length, sha256 });
  }

  /**
   * Moves a checked file into the files folder and makes it the product's
   * package for that geography. Replacing keeps the package row (and so the
   * buyers' access); the old file goes once the new one is recorded.
   * The temp file is always gone afterwards.
   */
  async storePackageFile(productId: number, fields: PackageFields, file: IncomingFile): Promise<number> {
    const relative = path.join(String(productId), `${fields.geography}-${randomUUID()}.zip`);
    const target = path.join(this.filesDir, relative);
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.rename(file.tempPath, target);
      const { id, previousPath } = await this.repository.transaction((trx) => this.repository.upsertPackage({
        product_id: productId, geography: fields.geography, catalogue_number: fields.catalogueNumber,
        release_date: fields.releaseDate, file_name: file.fileName, file_size: file.size, file_sha256: file.sha256, file_path: relative,
      }, trx));
      if (previousPath && previousPath !== relative) await fs.rm(path.join(this.filesDir, previousPath), { force: true });
      return id;
    } catch (error) {
      await fs.rm(target, { force: true });
      await fs.rm(file.tempPath, { force: true });
      throw error;
    }
  }
}

function isRequest(value: CurrentUser | Request | undefined): value is Request {
  return value !== undefined && 'scope' in value && 'query' in value;
}

function fromOf(request: Request | undefined): unknown {
  if (!request) return undefined;
  const body = request.body as Record<string, unknown> | undefined;
  return body?.from ?? (request.query as Record<string, unknown>).from;
}
