import type { Request } from 'express';
import type { Params } from '../../../core/theme/translator.js';

/** A string of this plugin's catalogue, for titles, breadcrumbs and messages set in code. */
export const t = (req: Request, key: string, params: Params = {}): string =>
  req.scope.resolve('translator').t(key, params, 'commerce-free-checkout');
