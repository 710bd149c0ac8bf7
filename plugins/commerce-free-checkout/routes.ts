import type { Router } from 'express';
import { cartRoutes } from './routes/cart.js';
import { checkoutRoutes } from './routes/checkout.js';
import { orderRoutes } from './routes/orders.js';

export function routes(router: Router): void {
  cartRoutes(router);
  checkoutRoutes(router);
  orderRoutes(router);
}
