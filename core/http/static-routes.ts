import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';
import type { Container } from '../container.js';

const YEAR = { maxAge: '365d', immutable: true } as const;

/** The ALTCHA widget's build folder (its exports map hides package.json, so go through its main file). */
const altchaDist = path.dirname(path.dirname(createRequire(import.meta.url).resolve('altcha')));

/**
 * What the browser loads from us and never from a CDN: theme assets, the
 * plugins' bundled scripts, and the CAPTCHA's challenge, worker and styles.
 */
export function staticRoutes(container: Container): Router {
  const router = express.Router();
  const views = container.resolve('views');
  const bundles = container.resolve('bundles');
  const captcha = container.resolve('captcha');

  router.get('/assets/:hash/{*path}', (req, res, next) => {
    const file = views.theme.findAsset((req.params as { path: string[] }).path.join('/'));
    if (!file) return next();
    res.sendFile(file, { ...YEAR, dotfiles: 'deny' });
  });

  // Browsers ask for /favicon.ico on pages that are not HTML (plain answers, downloads).
  router.get('/favicon.ico', (_req, res, next) => {
    const file = views.theme.findAsset('favicon.svg');
    if (!file) return next();
    res.type('image/svg+xml').sendFile(file, { maxAge: '1d' });
  });

  router.get('/bundles/:scope/:file', (req, res, next) => {
    const match = /^([a-z][a-z0-9-]*)\.[0-9a-f]{12}\.js$/.exec(req.params.file);
    const code = match?.[1] ? bundles.code(req.params.scope, match[1]) : undefined;
    if (code === undefined) return next();
    res.set('Cache-Control', 'public, max-age=31536000, immutable').type('js').send(code);
  });

  const worker = path.join(altchaDist, 'workers', 'pbkdf2.js');
  const styles = path.join(altchaDist, 'external', 'altcha.css');
  router.get('/captcha/pbkdf2-worker.js', (_req, res) => res.sendFile(worker, { maxAge: '1d' }));
  router.get('/captcha/altcha.css', (_req, res) => res.sendFile(styles, { maxAge: '1d' }));
  router.get('/captcha/challenge', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await captcha.challenge());
  });
  return router;
}
