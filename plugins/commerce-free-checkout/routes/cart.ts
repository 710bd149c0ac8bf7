import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { HttpError, notFound } from '../../../core/errors.js';
import type { AddResult } from '../cart.js';
import { addToCartSchema, updateCartSchema } from '../forms.js';
import { formFields } from '../../../core/http/forms.js';
import { t } from './text.js';

export const USE_CART = 'use cart';
const mayShop = requirePermission(USE_CART);
const badRequest = () => new HttpError(400, 'core:error.400.message');

/** The product page again (status 400 or 409), with the message beside the Geographies checkboxes. */
async function showProductAgain(req: Request, res: Response, result: Extract<AddResult, { product: unknown }>, message: string, status: number): Promise<void> {
  const data = await req.scope.resolve('cart').productPage(result.product, req.user!, result.from);
  const checked = result.kind === 'refused' ? result.checked : [];
  res.view('catalogue:product', { ...data, errors: { geographies: message }, checked }, status);
}

async function answerAdd(req: Request, res: Response, result: AddResult): Promise<void> {
  switch (result.kind) {
    case 'not-found': throw notFound();
    case 'unknown-geography': throw new HttpError(400, 'commerce-free-checkout:add.unknownGeography');
    case 'log-in': return res.redirect(303, `/user?destination=${encodeURIComponent(result.destination)}`);
    case 'forbidden': throw new HttpError(403, `commerce-free-checkout:add.forbidden.${result.reason}`);
    case 'geographies-required': return showProductAgain(req, res, result, t(req, 'add.geographiesRequired'), 400);
    case 'refused': return showProductAgain(req, res, result, result.reason, 409);
    case 'added': req.flash('status', 'cart.added', { title: result.title }); break;
    case 'already-there': req.flash('status', 'cart.alreadyThere', { title: result.title }); break;
  }
  res.redirect(303, '/cart');
}

/** Add to cart, the Shopping cart page, and its Remove / Update cart / Checkout form. */
export function cartRoutes(router: Router): void {
  router.post('/cart/add', async (req, res) => {
    const parsed = addToCartSchema.safeParse(formFields(req.body));
    if (!parsed.success) throw badRequest();
    const { product_id: productId, geographies, from } = parsed.data;
    await answerAdd(req, res, await req.scope.resolve('cart').add(req.user, { productId, geographies, from }));
  });

  router.get('/cart', mayShop, async (req, res) => {
    const cart = await req.scope.resolve('cart').view(req.user!.id);
    res.view('cart', { title: t(req, 'cart.title'), ...cart, breadcrumbs: [{ label: t(req, 'cart.title') }] });
  });

  router.post('/cart', mayShop, async (req, res) => {
    const parsed = updateCartSchema.safeParse(formFields(req.body));
    if (!parsed.success) throw badRequest();
    await req.scope.resolve('cart').remove(req.user!.id, parsed.data.remove);
    if (parsed.data.op === 'checkout') return res.redirect(303, '/cart/checkout');
    req.flash('status', 'cart.updated');
    res.redirect(303, '/cart');
  });
}
