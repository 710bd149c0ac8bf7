import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';
import { csrfSync } from 'csrf-sync';
import { pinoHttp } from 'pino-http';
import { asValue } from 'awilix';
import type { Kernel } from '../kernel.js';
import { HttpError, notFound } from '../errors.js';
import { adminRoutes } from './admin.js';
import { createSessions, type SessionMiddleware } from './sessions.js';
import { pageContext } from './page-context.js';
import { staticRoutes } from './static-routes.js';
import './express-types.js';

export interface WebApp {
  app: express.Express;
  sessions: SessionMiddleware;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** A request id for every log line: the proxy's, when it sent a sane one, or a new one. */
const requestId: RequestHandler = (req, res, next) => {
  const given = req.get('x-request-id');
  const id = given && REQUEST_ID.test(given) ? given : randomUUID();
  (req as Request & { id: string }).id = id;
  res.setHeader('X-Request-Id', id);
  next();
};

/**
 * The web server: security headers, logs, health checks, theme assets,
 * sessions, log in, CSRF, the per-request scope, the core's admin pages, each
 * plugin's routes behind its on/off switch, and the error pages.
 */
export async function createWebApp(kernel: Kernel): Promise<WebApp> {
  const { config, logger, container, database, plugins } = kernel;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(requestId);
  app.use(pageContext(container));
  app.use(pinoHttp({
    logger,
    genReqId: (req) => (req as Request & { id: string }).id,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/([?&]token=)[^&]*/, '$1[redacted]') }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  }));
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: config.PUBLIC_URL.startsWith('https://'),
  }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await database.knex.raw('select 1');
      res.json({ status: 'ok', database: 'reachable' });
    } catch (error) {
      logger.warn({ err: error }, 'readiness check: database unreachable');
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  app.use(staticRoutes(container));

  app.use(express.urlencoded({ extended: false, limit: config.BODY_LIMIT, parameterLimit: 500 }));
  app.use(express.json({ limit: config.BODY_LIMIT }));

  const sessions = await createSessions(config, database.url, logger);
  const passport = container.resolve('passport');
  app.use(sessions.handler);
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: number, done) => {
    container.resolve('userDirectory').findSessionUser(id)
      .then((user) => done(null, user ?? false), (error: unknown) => done(error));
  });
  app.use(passport.initialize());
  app.use(passport.session());

  app.use((req, res, next) => {
    req.scope = container.createScope();
    req.scope.register({
      currentUser: asValue(req.user),
      requestId: asValue((req as Request & { id: string }).id),
      log: asValue(req.log),
    });
    next();
  });

  const { csrfSynchronisedProtection, isRequestValid } = csrfSync({
    size: 32,
    getTokenFromRequest: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const fromHeader = req.get('x-csrf-token');
      if (fromHeader) return fromHeader;
      // A link that changes state (log out), and an upload form (whose multipart
      // body is parsed only later, by the route's multer), carry it in the query string.
      const fromQuery = (req.query as Record<string, unknown>).token;
      return typeof fromQuery === 'string' ? fromQuery : undefined;
    },
  });
  app.use(csrfSynchronisedProtection);
  app.use((req, _res, next) => {
    req.hasValidCsrfToken = () => isRequestValid(req);
    next();
  });

  app.use(adminRoutes(kernel));
  for (const manifest of plugins.all()) {
    if (!manifest.routes) continue;
    const inner = express.Router();
    manifest.routes(inner, { container });
    const gate = express.Router();
    gate.use((req, res, next) => {
      if (!plugins.isEnabled(manifest.name)) return next('router');
      res.locals.scope = manifest.name;
      next();
    });
    gate.use(inner);
    app.use(gate);
  }

  app.use((_req, _res, next) => next(notFound()));
  app.use(errorHandler(kernel));
  return { app, sessions };
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  code?: string;
  type?: string;
  name?: string;
}

/** The status and message key for an error, so that bad input is a 4xx page and never a 500. */
function classify(error: unknown): { status: number; key: string; params: Record<string, string | number> } {
  if (HttpError.is(error)) return { status: error.status, key: error.messageKey, params: error.params };
  const e = (error ?? {}) as HttpLikeError;
  if (e.code === 'EBADCSRFTOKEN') return { status: 403, key: 'core:error.csrf', params: {} };
  if (e.type === 'entity.too.large') return { status: 413, key: 'core:error.413.message', params: {} };
  if (e.type === 'entity.parse.failed' || e.type === 'parameters.too.many' || error instanceof URIError) {
    return { status: 400, key: 'core:error.400.message', params: {} };
  }
  if (e.name === 'KnexTimeoutError' || e.code === 'ECONNREFUSED' || e.code === '57P01') {
    return { status: 503, key: 'core:error.503.message', params: {} };
  }
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return { status, key: 'core:error.400.message', params: {} };
  return { status: 500, key: 'core:error.500.message', params: {} };
}

function errorHandler(kernel: Kernel): ErrorRequestHandler {
  const translator = kernel.container.resolve('translator');
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const { status, key, params } = classify(error);
    if (status >= 500) req.log.error({ err: error }, 'request failed');
    else if (status !== 404) req.log.warn({ status, reason: key }, 'request refused');
    const page = [403, 404].includes(status) ? String(status) : 'error';
    const titleKey = [400, 403, 404, 413, 503].includes(status) ? status : status < 500 ? 400 : 500;
    res.status(status);
    if (!req.accepts('html')) {
      res.json({ error: translator.t(key, params) });
      return;
    }
    try {
      res.locals.scope = 'core';
      res.view(`errors/${page}`, { title: translator.t(`core:error.${titleKey}.title`), message: translator.t(key, params) }, status);
    } catch (renderError) {
      // The theme itself is broken: a plain page is better than none.
      req.log.error({ err: renderError }, 'error page could not be rendered');
      res.type('text').send(translator.t(key, params));
    }
  };
}
