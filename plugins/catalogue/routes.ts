import type { Router } from 'express';
import { publicRoutes } from './routes/public.js';

export function routes(router: Router): void {
  publicRoutes(router);
}
