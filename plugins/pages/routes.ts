import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { requirePermission } from '../../core/auth/permissions.js';
import { notFound } from '../../core/errors.js';
import { readPageForm, type FormErrors } from './pages.js';
import type { PageKind, PageRow } from './repository.js';
import { pageTabs, showPage } from './page-view.js';

const NEWS_PER_PAGE = 10;
const t = (req: Request, key: string, params: Record<string, string | number> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'pages');

const id = z.coerce.number().int().positive();
const when = (date: Date): string =>
  new Intl.DateTimeFormat('en-CA', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/Toronto' }).format(date);
const pageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

async function loadPage(req: Request): Promise<PageRow> {
  const parsed = id.safeParse(req.params.id);
  const page = parsed.success ? await req.scope.resolve('pages').find(parsed.data) : undefined;
  if (!page) throw notFound();
  return page;
}

const adminCrumbs = (req: Request) => [{ label: t(req, 'admin.crumb'), path: '/admin' }, { label: t(req, 'admin.title'), path: '/admin/pages' }];
const author = (req: Request) => ({ id: req.user?.id, name: req.user?.username ?? 'system' });

function renderForm(req: Request, res: Response, kind: PageKind, values: Record<string, unknown>, errors: FormErrors, page?: PageRow, status = 200): void {
  const message = (key?: string) => (key ? t(req, key) : undefined);
  res.view('admin/edit', {
    title: page ? t(req, 'edit.title', { title: page.title }) : t(req, kind === 'article' ? 'add.article' : 'add.page'),
    kind, values, page,
    slug: typeof values.path === 'string' ? values.path.replace(/^\/news\//, '') : '',
    errors: Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, message(key)])),
    hasErrors: Object.keys(errors).length > 0,
    tabs: page ? pageTabs(req, page, 'edit') : [],
    breadcrumbs: adminCrumbs(req),
  }, status);
}

export function routes(router: Router): void {
  router.get('/news', async (req, res, next) => {
    const pages = req.scope.resolve('pages');
    const found = await pages.view('/news');
    if (!found) return next();
    const current = pageNumber.parse(req.query.page);
    const { articles, total } = await pages.news(current, NEWS_PER_PAGE);
    const last = Math.max(1, Math.ceil(total / NEWS_PER_PAGE));
    res.view('news', {
      title: found.page.title, page: found.page, articles,
      newer: current > 1 ? current - 1 : undefined, older: current < last ? current + 1 : undefined,
      tabs: pageTabs(req, found.page, 'view'), breadcrumbs: [{ label: found.page.title }],
    });
  });

  router.get('/admin/pages', requirePermission('edit pages'), async (req, res) => {
    res.view('admin/list', { title: t(req, 'admin.title'), pages: await req.scope.resolve('pages').list(), breadcrumbs: [{ label: t(req, 'admin.crumb'), path: '/admin' }] });
  });

  router.get('/admin/pages/add', requirePermission('edit pages'), (req, res) => {
    const kind: PageKind = req.query.kind === 'article' ? 'article' : 'page';
    renderForm(req, res, kind, { published: true, path: kind === 'article' ? '/news/' : '/' }, {});
  });

  router.post('/admin/pages/add', requirePermission('edit pages'), async (req, res) => {
    const kind: PageKind = (req.body as Record<string, unknown>).kind === 'article' ? 'article' : 'page';
    const values = readPageForm(req.body, kind);
    const result = await req.scope.resolve('pages').save(values, kind, author(req));
    if (!result.ok) return renderForm(req, res, kind, values, result.errors, undefined, 400);
    req.flash('status', 'saved', { title: String(values.title) });
    res.redirect(String(values.path));
  });

  router.get('/admin/pages/:id/edit', requirePermission('edit pages'), async (req, res) => {
    const page = await loadPage(req);
    renderForm(req, res, page.kind, { ...page, log_message: '' }, {}, page);
  });

  router.post('/admin/pages/:id/edit', requirePermission('edit pages'), async (req, res) => {
    const page = await loadPage(req);
    const values = readPageForm(req.body, page.kind);
    const result = await req.scope.resolve('pages').save(values, page.kind, author(req), page.id);
    if (!result.ok) return renderForm(req, res, page.kind, values, result.errors, page, 400);
    req.flash('status', 'saved', { title: String(values.title) });
    res.redirect(String(values.path));
  });

  router.get('/admin/pages/:id/revisions', requirePermission('edit pages'), async (req, res) => {
    const page = await loadPage(req);
    const revisions = await req.scope.resolve('pages').revisions(page.id);
    res.view('admin/revisions', {
      title: t(req, 'revisions.title', { title: page.title }), page,
      revisions: revisions.map((revision, index) => ({ ...revision, current: index === 0 })),
      tabs: pageTabs(req, page, 'revisions'), breadcrumbs: adminCrumbs(req),
    });
  });

  const loadRevision = async (req: Request, page: PageRow) => {
    const parsed = id.safeParse(req.params.revision);
    const revision = parsed.success ? await req.scope.resolve('pages').findRevision(page.id, parsed.data) : undefined;
    if (!revision) throw notFound();
    return revision;
  };

  router.get('/admin/pages/:id/revisions/:revision/restore', requirePermission('edit pages'), async (req, res) => {
    const page = await loadPage(req);
    const revision = await loadRevision(req, page);
    res.view('admin/restore', {
      title: t(req, 'restore.title', { date: when(revision.created_at) }), page, revision,
      tabs: pageTabs(req, page, 'revisions'), breadcrumbs: adminCrumbs(req),
    });
  });

  router.post('/admin/pages/:id/revisions/:revision/restore', requirePermission('edit pages'), async (req, res) => {
    const page = await loadPage(req);
    const revision = await loadRevision(req, page);
    const date = when(revision.created_at);
    await req.scope.resolve('pages').restore(page, revision, author(req), t(req, 'restore.log', { date }));
    req.flash('status', 'restored', { title: revision.title, date });
    res.redirect(`/admin/pages/${page.id}/revisions`);
  });

  /** Any other path: a basic page there, or on to the next plugin (and at last to 404). */
  router.get(['/', '/{*path}'], async (req, res, next) => {
    const pages = req.scope.resolve('pages');
    const path = req.path.replace(/\/+$/, '') || '/';
    if (pages.isClaimed(path)) return next();
    const found = await pages.view(path);
    if (!found) return next();
    showPage(req, res, found);
  });
}
