import type { Router } from 'express';
import { notFound } from '../../../core/errors.js';

/** /consortia, /consortia/<slug> and an approved organization's page /content/<slug>: for everyone. */
export function publicRoutes(router: Router): void {
  router.get('/consortia', async (req, res) => {
    const consortia = await req.scope.resolve('consortia').listConsortiaWithCounts();
    const t = req.scope.resolve('translator');
    res.view('consortia', {
      title: t.t('consortia.title', {}, 'consortia'),
      consortia,
      breadcrumbs: [{ label: t.t('consortia.title', {}, 'consortia') }],
    });
  });

  router.get('/consortia/:slug', async (req, res) => {
    const found = await req.scope.resolve('consortia').consortiumPage(req.params.slug);
    if (!found) throw notFound();
    const t = req.scope.resolve('translator');
    res.view('consortium', {
      title: found.consortium.name,
      consortium: found.consortium,
      members: found.members,
      sectorNetwork: found.consortium.kind === 'sector-network',
      breadcrumbs: [{ label: t.t('consortia.title', {}, 'consortia'), path: '/consortia' }, { label: found.consortium.name }],
    });
  });

  // Other plugins may own other /content pages one day: an unknown slug goes on to them (and at last to 404).
  router.get('/content/:slug', async (req, res, next) => {
    const organization = await req.scope.resolve('consortia').organizationPage(req.params.slug);
    if (!organization) return next();
    const t = req.scope.resolve('translator');
    res.view('organization', {
      title: organization.name,
      organization,
      breadcrumbs: [
        { label: t.t('consortia.title', {}, 'consortia'), path: '/consortia' },
        { label: organization.consortium_name, path: `/consortia/${organization.consortium_slug}` },
        { label: organization.name },
      ],
    });
  });
}
