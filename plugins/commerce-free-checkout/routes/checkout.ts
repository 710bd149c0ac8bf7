import type { Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { HttpError, notFound } from '../../../core/errors.js';
import { pathId, submitOrderSchema } from '../forms.js';
import { formFields } from '../../../core/http/forms.js';
import { USE_CART } from './cart.js';
import { t } from './text.js';

const mayShop = requirePermission(USE_CART);

/** Checkout (free: "No payment required"), Submit order, and Order complete. */
export function checkoutRoutes(router: Router): void {
  router.get('/cart/checkout', mayShop, async (req, res) => {
    const { lines } = await req.scope.resolve('cart').view(req.user!.id);
    if (lines.length === 0) return res.redirect('/cart');
    // A fresh key per form: its own double submit finds the first order; another tab's form does not.
    res.set('Cache-Control', 'no-store');
    res.view('checkout', {
      title: t(req, 'checkout.title'),
      lines,
      submissionKey: req.scope.resolve('checkout').newSubmissionKey(),
      breadcrumbs: [{ label: t(req, 'cart.title'), path: '/cart' }, { label: t(req, 'checkout.title') }],
    });
  });

  router.post('/cart/checkout', mayShop, async (req, res) => {
    const parsed = submitOrderSchema.safeParse(formFields(req.body));
    if (!parsed.success) throw new HttpError(400, 'core:error.400.message');
    const result = await req.scope.resolve('checkout').submit(req.user!, parsed.data.submission_key, req.scope.resolve('requestId'));
    switch (result.kind) {
      case 'created':
      case 'existing':
        return res.redirect(303, `/cart/checkout/complete/${result.orderId}`);
      case 'empty': req.flash('warning', 'checkout.empty'); break;
      case 'unavailable': req.flash('error', 'checkout.unavailable', { titles: result.titles.join('; ') }); break;
      case 'failed': req.flash('error', 'checkout.failed'); break;
    }
    res.redirect(303, '/cart');
  });

  router.get('/cart/checkout/complete/:orderId', mayShop, async (req, res) => {
    const id = pathId(req.params.orderId);
    const order = id === undefined ? undefined : await req.scope.resolve('orders').find(req.user!.id, id);
    if (!order) throw notFound();
    res.view('complete', {
      title: t(req, 'complete.title'),
      order,
      downloadsUrl: `/user/${order.user_id}/purchased-files`,
      historyUrl: `/user/${order.user_id}/orders`,
      breadcrumbs: [{ label: t(req, 'complete.title') }],
    });
  });
}
