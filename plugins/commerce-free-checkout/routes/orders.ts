import type { Request, Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { notFound } from '../../../core/errors.js';
import { pageNumber, pathId } from '../forms.js';
import { VIEW_ALL_ORDERS } from '../orders.js';
import { t } from './text.js';

/** The owner of the orders in the path, when the viewer may see them; 404 otherwise. */
async function ownerOf(req: Request): Promise<{ id: number; username: string }> {
  const uid = pathId(req.params.uid);
  if (uid === undefined || !req.scope.resolve('orders').mayView(req.user, uid)) throw notFound();
  const owner = await req.scope.resolve('commerceRepository').findRecipient(uid);
  if (!owner) throw notFound();
  return owner;
}

/** Logged-out visitors are asked to log in first; they may be the owner. */
const loggedIn = requirePermission('use cart');

/** Order history (owner and operators) and the operators' list of all orders. */
export function orderRoutes(router: Router): void {
  router.get('/user/:uid/orders', loggedIn, async (req, res) => {
    const owner = await ownerOf(req);
    const page = await req.scope.resolve('orders').page(owner.id, pageNumber(req.query.page));
    res.view('orders', {
      title: t(req, 'orders.title'), owner, own: owner.id === req.user!.id, ...page, pagerBase: `/user/${owner.id}/orders`,
      breadcrumbs: [{ label: owner.username, path: `/user/${owner.id}` }, { label: t(req, 'orders.title') }],
    });
  });

  router.get('/user/:uid/orders/:id', loggedIn, async (req, res) => {
    const owner = await ownerOf(req);
    const id = pathId(req.params.id);
    const order = id === undefined ? undefined : await req.scope.resolve('orders').find(owner.id, id);
    if (!order) throw notFound();
    res.view('order', {
      title: t(req, 'order.title', { id: order.id }), owner, order,
      downloadsUrl: `/user/${owner.id}/purchased-files`,
      breadcrumbs: [{ label: owner.username, path: `/user/${owner.id}` }, { label: t(req, 'orders.title'), path: `/user/${owner.id}/orders` }, { label: t(req, 'order.title', { id: order.id }) }],
    });
  });

  router.get('/admin/orders', requirePermission(VIEW_ALL_ORDERS), async (req, res) => {
    const page = await req.scope.resolve('orders').page(undefined, pageNumber(req.query.page));
    res.view('admin/orders', {
      title: t(req, 'admin.title'), ...page, pagerBase: '/admin/orders',
      breadcrumbs: [{ label: t(req, 'core:admin.title'), path: '/admin' }],
    });
  });
}
