import { asClass } from 'awilix';
import { definePlugin } from '../../core/plugins/manifest.js';
import { Cart } from './cart.js';
import { Checkout } from './checkout.js';
import { OrderFulfilment } from './fulfilment.js';
import { Orders, VIEW_ALL_ORDERS } from './orders.js';
import { CommerceRepository } from './repository.js';
import { routes } from './routes.js';
import { USE_CART } from './routes/cart.js';

declare module '../../core/container.js' {
  interface Cradle {
    commerceRepository: CommerceRepository;
    fulfilment: OrderFulfilment;
    cart: Cart;
    checkout: Checkout;
    orders: Orders;
  }
}

declare module '../../core/events.js' {
  interface EventMap {
    /** An order was placed (delivered once its transaction has committed). */
    'order.completed': { orderId: number; userId: number };
  }
}

export default definePlugin({
  name: 'commerce-free-checkout',
  version: '1.0.0',
  label: 'Cart and free checkout',
  description: 'The shopping cart, free checkout ("No payment required"), orders and their e-mails, order history; other plugins fulfil orders through the fulfilment hook.',
  dependsOn: ['catalogue', 'notifications'],
  migrations: new URL('./migrations/', import.meta.url),
  views: new URL('./views/', import.meta.url),
  locales: new URL('./locales/', import.meta.url),
  permissions: {
    [USE_CART]: 'authenticated',
    [VIEW_ALL_ORDERS]: 'operator',
  },
  register: ({ container }) => {
    container.register({
      commerceRepository: asClass(CommerceRepository).singleton(),
      fulfilment: asClass(OrderFulfilment).singleton(),
      cart: asClass(Cart).singleton(),
      checkout: asClass(Checkout).singleton(),
      orders: asClass(Orders).singleton(),
    });
  },
  routes,
  menu: [
    { menu: 'main', id: 'my-cart', parent: 'my-account', label: 'menu.cart', path: '/cart', weight: 10, show: 'authenticated' },
    { menu: 'main', id: 'my-orders-main', parent: 'my-account', label: 'menu.myOrders', path: '/user/:uid/orders', weight: 30, show: 'authenticated' },
    { menu: 'account', id: 'cart', label: 'menu.cart', path: '/cart', weight: 10, show: 'authenticated' },
    { menu: 'account', id: 'my-orders', label: 'menu.myOrders', path: '/user/:uid/orders', weight: 30, show: 'authenticated' },
    { menu: 'admin', id: 'orders', label: 'menu.orders', description: 'menu.ordersDescription', path: '/admin/orders', permission: VIEW_ALL_ORDERS, weight: 20 },
  ],
});
