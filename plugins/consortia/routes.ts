import type { Router } from 'express';
import { autocompleteRoutes } from './routes/autocomplete.js';

export function routes(router: Router): void {
  autocompleteRoutes(router);
}
