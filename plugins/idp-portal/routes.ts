import type { Request, Router } from 'express';
import { notFound } from '../../core/errors.js';
import { parseListingQuery } from '../catalogue/listing.js';
import { badQuery } from '../catalogue/routes/public.js';
import { showPage } from '../pages/page-view.js';
import { LANDING_PATH } from './landing.js';

const t = (req: Request, key: string): string => req.scope.resolve('translator').t(key, {}, 'idp-portal');

export function routes(router: Router): void {
  router.get(LANDING_PATH, async (req, res) => {
    const found = await req.scope.resolve('pages').view(LANDING_PATH);
    if (!found) throw notFound();
    showPage(req, res, found);
  });

  /** The IDP catalogue: the full catalogue's table, limited to the products operators put in the IDP. */
  router.get('/idp-data', async (req, res) => {
    const parsed = parseListingQuery(req.query);
    if (!parsed.ok) return badQuery(req, res, parsed.problems);
    const listing = await req.scope.resolve('catalogue').listing({ ...parsed.filters, idpOnly: true }, '/idp-data');
    res.view('catalogue', { title: t(req, 'title'), listing, breadcrumbs: [{ label: t(req, 'title') }] });
  });
}
