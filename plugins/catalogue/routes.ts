import type { Router } from 'express';
import { adminRoutes } from './routes/admin.js';
import { publicRoutes } from './routes/public.js';

export function routes(router: Router): void {
  publicRoutes(router);
  adminRoutes(router);
}
