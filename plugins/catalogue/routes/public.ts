import type { Request, Response, Router } from 'express';
import { notFound } from '../../../core/errors.js';
import { parseListingQuery, type QueryProblem } from '../listing.js';

const SCOPE = 'catalogue';

/** A listing's query that cannot be read: 400 with what is wrong (the IDP catalogue answers the same way). */
export function badQuery(req: Request, res: Response, problems: QueryProblem[]): void {
  const t = req.scope.resolve('translator');
  const messages = problems.map(({ name, problem }) => t.t('listing.badQuery', { name, problem: t.t(`listing.problem.${problem}`, {}, SCOPE) }, SCOPE));
  res.view('catalogue:bad-query', { title: t.t('listing.badQueryTitle', {}, SCOPE), messages, breadcrumbs: [{ label: t.t('listing.title', {}, SCOPE), path: '/data' }] }, 400);
}

/** /data (the full catalogue) and the product pages /data/<slug>: public, as on the real site. */
export function publicRoutes(router: Router): void {
  router.get('/data', async (req, res) => {
    const parsed = parseListingQuery(req.query);
    if (!parsed.ok) return badQuery(req, res, parsed.problems);
    const catalogue = req.scope.resolve('catalogue');
    const t = req.scope.resolve('translator');
    const user = req.scope.resolve('currentUser');
    const [listing, access] = await Promise.all([catalogue.listing(parsed.filters, '/data'), catalogue.fullCatalogueAccess(user)]);
    res.view('data', {
      title: t.t('listing.title', {}, SCOPE),
      listing,
      idpOnly: !access.allowed && access.reason === 'idp-only',
      breadcrumbs: [{ label: t.t('listing.title', {}, SCOPE) }],
    });
  });

  router.get('/data/:slug', async (req, res) => {
    const catalogue = req.scope.resolve('catalogue');
    const product = await catalogue.findProductBySlug(req.params.slug);
    if (!product) throw notFound();
    res.view('product', { ...await catalogue.productPageData(product, req) });
  });
}
