import fs from 'node:fs/promises';
import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { notFound } from '../../../core/errors.js';
import { fieldErrors, formFields, typedValues, type FieldErrors } from '../../../core/http/forms.js';
import type { ProductFields } from '../catalogue.js';
import { adminSearchSchema, PACKAGE_FIELDS, PRODUCT_FIELDS, packageSchema, productSchema, type ProductForm } from '../forms.js';
import { GEOGRAPHIES } from '../geographies.js';
import { humanSize } from '../format.js';
import { isZipFile, maxUploadBytes, receiveUpload, type StoredUpload } from '../upload.js';

const ADMIN = '/admin/catalogue';
const may = requirePermission('administer catalogue');

const t = (req: Request, key: string, params: Record<string, string> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'catalogue');

const crumbs = (req: Request) => [{ label: t(req, 'core:admin.title'), path: '/admin' }];

function idParam(req: Request): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

const toFields = (form: ProductForm): ProductFields => ({
  title: form.title, slug: form.slug || undefined, dataProvider: form.data_provider, productGroup: form.product_group,
  topics: form.topics, yearsWithinData: form.years_within_data, postedAt: form.posted_at, description: form.description,
  notes: form.notes, customGeographiesUrl: form.custom_geographies_url || null, inIdp: form.in_idp, published: form.published,
});

interface FormState { values: Record<string, string>; errors?: FieldErrors }
interface UploadState { values: Record<string, string>; errors?: FieldErrors }

/** The add form, or the edit page (product form, packages and upload form) when `id` is set. */
async function showProduct(req: Request, res: Response, id: number | undefined, form: FormState, upload: UploadState = { values: {} }, status = 200): Promise<void> {
  const catalogue = req.scope.resolve('catalogue');
  const product = id === undefined ? undefined : await catalogue.productForAdmin(id);
  if (id !== undefined && !product) throw notFound();
  res.view('admin/product', {
    title: product ? t(req, 'admin.editTitle', { title: product.details.title }) : t(req, 'admin.addTitle'),
    id, product: product?.details,
    action: id === undefined ? `${ADMIN}/add` : `${ADMIN}/${id}/edit`,
    values: form.values, errors: form.errors ?? {},
    packages: product?.packages.map((p) => ({ ...p, size: humanSize(p.fileSize), release: p.releaseDate?.toISOString().slice(0, 10) })),
    geographies: GEOGRAPHIES.map((g) => ({ ...g, selected: upload.values.geography === g.code })),
    upload: upload.values, uploadErrors: upload.errors ?? {},
    uploadAction: `${ADMIN}/${id}/upload`, maxUpload: humanSize(maxUploadBytes()),
    breadcrumbs: [...crumbs(req), { label: t(req, 'admin.title'), path: ADMIN }],
  }, status);
}

async function editValues(req: Request, id: number): Promise<Record<string, string>> {
  const product = await req.scope.resolve('catalogue').productForAdmin(id);
  if (!product) throw notFound();
  const d = product.details;
  return {
    title: d.title, slug: d.slug, data_provider: d.data_provider, product_group: d.product_group, topics: product.topics.join(', '),
    years_within_data: d.years_within_data, posted_at: d.posted_at, description: d.description, notes: d.notes,
    custom_geographies_url: d.custom_geographies_url ?? '', in_idp: d.in_idp ? '1' : '', published: d.published ? '1' : '',
  };
}

/** Validates a product form; on success the fields to save, else the page is already answered. */
async function parseProduct(req: Request, res: Response, id: number | undefined): Promise<ProductFields | undefined> {
  const fields = formFields(req.body);
  const values = typedValues(fields, PRODUCT_FIELDS);
  const parsed = productSchema.safeParse(fields);
  if (!parsed.success) {
    await showProduct(req, res, id, { values, errors: fieldErrors(parsed.error) }, { values: {} }, 400);
    return undefined;
  }
  if (parsed.data.slug && await req.scope.resolve('catalogue').slugTaken(parsed.data.slug, id)) {
    await showProduct(req, res, id, { values, errors: { slug: 'form.errors.slugTaken' } }, { values: {} }, 409);
    return undefined;
  }
  return toFields(parsed.data);
}

function productRoutes(router: Router): void {
  router.get(ADMIN, may, async (req, res) => {
    const search = adminSearchSchema.safeParse(req.query);
    const q = search.success ? search.data.q : undefined;
    const products = await req.scope.resolve('catalogue').adminList(q);
    res.view('admin/products', { title: t(req, 'admin.title'), products, q, breadcrumbs: crumbs(req) }, search.success ? 200 : 400);
  });

  router.get(`${ADMIN}/add`, may, (req, res) =>
    showProduct(req, res, undefined, { values: { published: '1', posted_at: new Date().toISOString().slice(0, 10) } }));

  router.post(`${ADMIN}/add`, may, async (req, res) => {
    const fields = await parseProduct(req, res, undefined);
    if (!fields) return;
    const id = await req.scope.resolve('catalogue').createProduct(fields);
    req.flash('status', 'admin.created', { title: fields.title });
    res.redirect(303, `${ADMIN}/${id}/edit`);
  });

  router.get(`${ADMIN}/:id/edit`, may, async (req, res) => {
    const id = idParam(req);
    await showProduct(req, res, id, { values: await editValues(req, id) });
  });

  router.post(`${ADMIN}/:id/edit`, may, async (req, res) => {
    const id = idParam(req);
    if (!(await req.scope.resolve('catalogue').productForAdmin(id))) throw notFound();
    const fields = await parseProduct(req, res, id);
    if (!fields) return;
    await req.scope.resolve('catalogue').updateProduct(id, fields);
    req.flash('status', 'admin.saved', { title: fields.title });
    res.redirect(303, `${ADMIN}/${id}/edit`);
  });

  for (const [action, published] of [['publish', true], ['unpublish', false]] as const) {
    router.post(`${ADMIN}/:id/${action}`, may, async (req, res) => {
      const id = idParam(req);
      const catalogue = req.scope.resolve('catalogue');
      const product = await catalogue.productForAdmin(id);
      if (!product) throw notFound();
      await catalogue.setPublished(id, published);
      req.flash('status', published ? 'admin.publishedFlash' : 'admin.unpublishedFlash', { title: product.details.title });
      res.redirect(303, ADMIN);
    });
  }
}

/** Status and message of a refused upload. */
const REFUSALS = {
  'too-large': [413, 'upload.errors.tooLarge'],
  'not-zip': [400, 'upload.errors.notZip'],
  malformed: [400, 'upload.errors.malformed'],
  interrupted: [400, 'upload.errors.malformed'],
  missing: [400, 'upload.errors.fileRequired'],
} as const;

function uploadRoutes(router: Router): void {
  // The CSRF token comes in the query string: the core checks it before this route, and so before the body is parsed.
  router.post(`${ADMIN}/:id/upload`, may, async (req, res) => {
    const id = idParam(req);
    const catalogue = req.scope.resolve('catalogue');
    if (!(await catalogue.productForAdmin(id))) throw notFound();
    const outcome = await receiveUpload(req, res, catalogue.incomingDir);
    const refuse = async (reason: keyof typeof REFUSALS, values: Record<string, string>, file?: StoredUpload, fieldErrorsFound: FieldErrors = {}) => {
      if (file) await fs.rm(file.path, { force: true });
      // The client is gone (aborted upload): nobody to answer.
      if (res.headersSent || req.socket.destroyed) return;
      const [status, message] = REFUSALS[reason];
      await showProduct(req, res, id, { values: await editValues(req, id) }, { values, errors: { ...fieldErrorsFound, file: message } }, status);
    };
    if (!outcome.ok) return refuse(outcome.reason, {});
    const fields = formFields(outcome.body);
    const values = typedValues(fields, PACKAGE_FIELDS);
    const parsed = packageSchema.safeParse(fields);
    if (!parsed.success) {
      if (outcome.file) await fs.rm(outcome.file.path, { force: true });
      return showProduct(req, res, id, { values: await editValues(req, id) }, { values, errors: fieldErrors(parsed.error) }, 400);
    }
    if (!outcome.file) return refuse('missing', values);
    if (!(await isZipFile(outcome.file.path))) return refuse('not-zip', values, outcome.file);
    const originalName = (req.file?.originalname ?? 'package.zip');
    await catalogue.storePackageFile(id, {
      geography: parsed.data.geography, catalogueNumber: parsed.data.catalogue_number || null, releaseDate: parsed.data.release_date || null,
    }, { tempPath: outcome.file.path, fileName: safeFileName(originalName), size: outcome.file.size, sha256: outcome.file.sha256 });
    req.flash('status', 'upload.done', { name: safeFileName(originalName) });
    res.redirect(303, `${ADMIN}/${id}/edit`);
  });
}

/** The name buyers download the file as: the uploaded name's last part, in the provider's safe characters. */
export function safeFileName(original: string): string {
  const base = original.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 200);
  return /\.zip$/i.test(cleaned) ? cleaned : 'package.zip';
}

/** /admin/catalogue: operators list, add, edit, publish and unpublish products, and upload their packages' files. */
export function adminRoutes(router: Router): void {
  productRoutes(router);
  uploadRoutes(router);
}
