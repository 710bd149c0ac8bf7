import type { Router } from 'express';

/** Serves a basic page at its path; any other path goes on to the next plugin (and at last to 404). */
export function routes(router: Router): void {
  router.get(['/', '/{*path}'], async (req, res, next) => {
    const found = await req.scope.resolve('pages').view(req.path.replace(/\/+$/, '') || '/');
    if (!found) return next();
    const { page, trail } = found;
    res.view(page.path === '/' ? 'home' : 'page', {
      title: page.path === '/' ? undefined : page.title,
      page,
      breadcrumbs: [...trail, { label: page.title }],
    });
  });
}
