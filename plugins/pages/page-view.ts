import type { Request, Response } from 'express';
import type { PageView } from './pages.js';
import type { PageRow } from './repository.js';

const t = (req: Request, key: string): string => req.scope.resolve('translator').t(key, {}, 'pages');

/** View / Edit / Revisions, for those who may edit (as on the Drupal site). */
export function pageTabs(req: Request, page: PageRow, active: 'view' | 'edit' | 'revisions') {
  if (!req.scope.resolve('permissions').allows(req.user, 'edit pages')) return [];
  return [
    { label: t(req, 'tabs.view'), path: page.path, active: active === 'view' },
    { label: t(req, 'tabs.edit'), path: `/admin/pages/${page.id}/edit`, active: active === 'edit' },
    { label: t(req, 'tabs.revisions'), path: `/admin/pages/${page.id}/revisions`, active: active === 'revisions' },
  ];
}

/**
 * Shows a basic page with its tabs and breadcrumbs. Other plugins that own a
 * page's address (the IDP landing page) show it through this too, so the page
 * vanishes with them when they are disabled.
 */
export function showPage(req: Request, res: Response, { page, trail }: PageView): void {
  res.view(page.path === '/' ? 'pages:home' : 'pages:page', {
    title: page.path === '/' ? undefined : page.title,
    page,
    tabs: pageTabs(req, page, 'view'),
    breadcrumbs: [...trail, { label: page.title }],
  });
}
