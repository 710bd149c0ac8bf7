import type { RequestHandler } from 'express';

/**
 * The CSRF check for a multipart form, once multer has parsed its `_csrf`
 * field: `router.post(path, upload.single('file'), requireCsrf, handler)`.
 * The core checks every other state-changing request before routes run.
 */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (req.hasValidCsrfToken()) return next();
  next(Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN', status: 403 }));
};
