import type { Request, Router } from 'express';
import { requirePermission } from '../../core/auth/permissions.js';
import { notFound } from '../../core/errors.js';
import type { PluginContext } from '../../core/plugins/manifest.js';

export const PAGE_SIZE = 50;

/** This plugin's strings, for messages built in code. */
const t = (req: Request, key: string, params: Record<string, string | number> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'notifications');

const whole = (value: unknown): number | undefined =>
  typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;

export function routes(router: Router, { container }: PluginContext): void {
  const outbox = () => container.resolve('outboxRepository');
  const crumbs = (req: Request) => [{ label: t(req, 'core:admin.title'), path: '/admin' }];

  router.get('/admin/outbox', requirePermission('view outbox'), async (req, res) => {
    const total = await outbox().count();
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(whole(req.query.page) ?? 1, pages);
    const messages = await outbox().page(PAGE_SIZE, (page - 1) * PAGE_SIZE);
    res.view('outbox', {
      title: t(req, 'outbox.title'),
      breadcrumbs: crumbs(req),
      messages: messages.map((m) => ({ ...m, statusLabel: t(req, `status.${m.status}`) })),
      total,
      page,
      pages,
      previous: page > 1 ? page - 1 : undefined,
      next: page < pages ? page + 1 : undefined,
    });
  });

  router.get('/admin/outbox/:id', requirePermission('view outbox'), async (req, res) => {
    const id = whole(req.params.id);
    const message = id === undefined ? undefined : await outbox().findById(id);
    if (!message) throw notFound();
    res.view('message', {
      title: t(req, 'message.title', { id: message.id }),
      breadcrumbs: [...crumbs(req), { label: t(req, 'outbox.title'), path: '/admin/outbox' }],
      message: { ...message, statusLabel: t(req, `status.${message.status}`) },
    });
  });
}
