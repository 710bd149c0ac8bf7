import type { Router } from 'express';
import { autocompleteRoutes } from './routes/autocomplete.js';
import { joinRoutes } from './routes/join.js';
import { manageRoutes } from './routes/manage.js';
import { publicRoutes } from './routes/public.js';
import { queueRoutes } from './routes/queue.js';

export function routes(router: Router): void {
  autocompleteRoutes(router);
  joinRoutes(router);
  publicRoutes(router);
  queueRoutes(router);
  manageRoutes(router);
}
