import express, { type Router } from 'express';
import { requirePermission } from '../auth/permissions.js';
import { notFound } from '../errors.js';
import type { Kernel } from '../kernel.js';
import { PluginStateError } from '../plugins/registry.js';

/**
 * The /admin shell, into which plugins add screens through "admin" menu items,
 * and the core's own screen: /admin/modules, where operators enable and
 * disable plugins while the site runs.
 */
export function adminRoutes({ plugins, container }: Kernel): Router {
  const router = express.Router();
  const menus = container.resolve('menus');
  const translator = container.resolve('translator');
  const t = (key: string, params: Record<string, string | number> = {}) => translator.t(key, params, 'core');
  const crumbs = [{ label: t('admin.title'), path: '/admin' }];

  router.use('/admin', (_req, res, next) => {
    res.locals.scope = 'core';
    next();
  });

  router.get('/admin', requirePermission('access administration pages'), (req, res) => {
    res.view('admin/index', { title: t('admin.title'), screens: menus.build('admin', req.user, req.path), breadcrumbs: [] });
  });

  const rows = () => plugins.all().map((manifest) => ({
    name: manifest.name,
    label: manifest.label,
    version: manifest.version,
    description: manifest.description,
    dependsOn: manifest.dependsOn ?? [],
    dependants: plugins.dependants(manifest.name),
    required: manifest.required === true,
    enabled: plugins.isEnabled(manifest.name),
  }));

  router.get('/admin/modules', requirePermission('administer modules'), (_req, res) => {
    res.view('admin/modules', { title: t('admin.modules.title'), modules: rows(), breadcrumbs: crumbs });
  });

  const named = (name: string) => {
    const manifest = plugins.get(name);
    if (!manifest) throw notFound();
    return manifest;
  };

  router.post('/admin/modules/:name/enable', requirePermission('administer modules'), async (req, res) => {
    const manifest = named(req.params.name as string);
    const enabled = await plugins.enable(manifest.name);
    req.log.info({ enabled, by: req.user?.username }, 'plugins enabled');
    req.flash('status', enabled.length > 1 ? 'admin.modules.enabledWith' : 'admin.modules.enabled', { names: enabled.join(', '), name: manifest.label });
    res.redirect('/admin/modules');
  });

  router.post('/admin/modules/:name/disable', requirePermission('administer modules'), async (req, res) => {
    const manifest = named(req.params.name as string);
    const plan = plugins.planDisable(manifest.name);
    const confirmed = (req.body as Record<string, unknown>).confirm === 'yes';
    if (plan.refusedBecause || !confirmed) {
      res.view('admin/modules-disable', {
        title: t('admin.modules.disableTitle', { name: manifest.label }),
        module: { name: manifest.name, label: manifest.label },
        disables: plan.disables.map((n) => ({ name: n, label: plugins.get(n)?.label ?? n })),
        dependants: plan.disables.length > 1,
        refusedBecause: plan.refusedBecause,
        breadcrumbs: [...crumbs, { label: t('admin.modules.title'), path: '/admin/modules' }],
      }, plan.refusedBecause ? 409 : 200);
      return;
    }
    try {
      const disabled = await plugins.disable(manifest.name);
      req.log.info({ disabled, by: req.user?.username }, 'plugins disabled');
      req.flash('status', 'admin.modules.disabled', { names: disabled.join(', ') });
      res.redirect('/admin/modules');
    } catch (error) {
      if (!(error instanceof PluginStateError)) throw error;
      req.flash('error', 'admin.modules.refused', { reason: error.message });
      res.redirect('/admin/modules');
    }
  });
  return router;
}
