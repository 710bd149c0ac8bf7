import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../core/auth/permissions.js';
import { HttpError, notFound } from '../../core/errors.js';
import { confirmSchema, limitsSchema, slugOf, typed, type LimitsForm } from './forms.js';
import { fieldErrors } from '../../core/http/forms.js';
import { pageNumber, presentFile, t, wholeId } from './present.js';
import type { LimitsRow } from './repository.js';

const PERMISSION = 'administer downloads';

const crumbs = (req: Request, withList = false) => [
  { label: t(req, 'core:admin.title'), path: '/admin' },
  ...(withList ? [{ label: t(req, 'admin.title'), path: '/admin/downloads' }] : []),
];

const tabs = (req: Request, current: string) => [
  { label: t(req, 'admin.tab.files'), path: '/admin/downloads', active: current === '/admin/downloads' },
  { label: t(req, 'admin.tab.limits'), path: '/admin/downloads/limits', active: current === '/admin/downloads/limits' },
];

const shown = (value: number | null): string => (value === null ? '' : String(value));

const formOf = (row: LimitsRow | undefined, product = ''): LimitsForm => ({
  product,
  download_limit: shown(row?.download_limit ?? null),
  address_limit: shown(row?.address_limit ?? null),
  expire_days: shown(row?.expire_days ?? null),
});

/** A limit as the table shows it: the number, or Unlimited. */
const describe = (req: Request, row: LimitsRow) => ({
  ...row,
  downloads: row.download_limit ?? t(req, 'files.unlimited'),
  addresses: row.address_limit ?? t(req, 'files.unlimited'),
  days: row.expire_days ?? t(req, 'limits.never'),
});

interface LimitsPageState {
  global?: { values: LimitsForm; errors: Record<string, string> };
  product?: { values: LimitsForm; errors: Record<string, string> };
}

async function limitsPage(req: Request, res: Response, state: LimitsPageState, status?: number): Promise<void> {
  const rows = await req.scope.resolve('purchasedFiles').limits();
  const globalRow = rows.find((r) => r.product_id === null);
  const products = rows.filter((r) => r.product_id !== null);
  const editing = typeof req.query.product === 'string' ? products.find((r) => r.product_slug === req.query.product) : undefined;
  res.view('limits', {
    title: t(req, 'limits.title'),
    breadcrumbs: crumbs(req, true),
    tabs: tabs(req, '/admin/downloads/limits'),
    global: state.global ?? { values: formOf(globalRow), errors: {} },
    product: state.product ?? { values: formOf(editing, editing?.product_slug ?? ''), errors: {} },
    globalRow: globalRow ? describe(req, globalRow) : undefined,
    products: products.map((r) => describe(req, r)),
  }, status);
}

/** Operators' screens: everybody's purchased files with a reset, and the download limits. */
export function adminRoutes(router: Router): void {
  router.get('/admin/downloads', requirePermission(PERMISSION), async (req, res) => {
    const result = await req.scope.resolve('purchasedFiles').page(undefined, pageNumber(req.query.page));
    res.view('admin', {
      title: t(req, 'admin.title'),
      breadcrumbs: crumbs(req),
      tabs: tabs(req, '/admin/downloads'),
      ...result,
      files: result.files.map((f) => presentFile(req, f)),
      previous: result.page > 1 ? result.page - 1 : undefined,
      next: result.page < result.pages ? result.page + 1 : undefined,
    });
  });

  router.post('/admin/downloads/:id/reset', requirePermission(PERMISSION), async (req, res) => {
    const id = wholeId(req.params.id);
    const purchasedFiles = req.scope.resolve('purchasedFiles');
    const file = id === undefined ? undefined : await purchasedFiles.find(id);
    if (!file) throw notFound();
    const body = confirmSchema.safeParse(req.body ?? {});
    if (!body.success) throw new HttpError(400, 'core:error.400.message');
    if (body.data.confirm !== 'yes') {
      res.view('reset-confirm', { title: t(req, 'reset.title'), breadcrumbs: crumbs(req, true), file: presentFile(req, file) });
      return;
    }
    await purchasedFiles.reset(file.id);
    req.log.info({ purchasedFile: file.id, by: req.user?.username }, 'download counts reset');
    req.flash('status', 'reset.done', { file: file.file_name, user: file.username });
    res.redirect('/admin/downloads');
  });

  router.get('/admin/downloads/limits', requirePermission(PERMISSION), async (req, res) => {
    await limitsPage(req, res, {});
  });

  router.post('/admin/downloads/limits', requirePermission(PERMISSION), async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const which = typeof body.product === 'string' ? 'product' : 'global';
    const parsed = limitsSchema.safeParse(body);
    const values = typed(body);
    if (!parsed.success) {
      await limitsPage(req, res, { [which]: { values, errors: fieldErrors(parsed.error) } }, 400);
      return;
    }
    const slug = which === 'product' ? slugOf(parsed.data.product ?? '') : undefined;
    if (which === 'product' && !slug) {
      await limitsPage(req, res, { product: { values, errors: { product: 'limits.error.productRequired' } } }, 400);
      return;
    }
    const { download_limit, address_limit, expire_days } = parsed.data;
    if (!await req.scope.resolve('purchasedFiles').saveLimits(slug, { download_limit, address_limit, expire_days })) {
      await limitsPage(req, res, { product: { values, errors: { product: 'limits.error.noProduct' } } }, 422);
      return;
    }
    req.flash('status', slug ? 'limits.savedProduct' : 'limits.savedGlobal', { product: slug ?? '' });
    res.redirect('/admin/downloads/limits');
  });

  router.post('/admin/downloads/limits/:productId/remove', requirePermission(PERMISSION), async (req, res) => {
    const productId = wholeId(req.params.productId);
    if (productId === undefined) throw notFound();
    await req.scope.resolve('purchasedFiles').removeProductLimits(productId);
    req.flash('status', 'limits.removed');
    res.redirect('/admin/downloads/limits');
  });
}
