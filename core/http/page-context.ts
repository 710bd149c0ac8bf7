import type { Request, RequestHandler } from 'express';
import type { Container } from '../container.js';
import type { FlashMessage } from './express-types.js';

export interface Breadcrumb {
  label: string;
  path?: string;
}

/** The trail ends with the page itself: a view that gives only the way there gets its title added. */
function withCurrentPage(trail: Breadcrumb[], title: unknown): Breadcrumb[] {
  const last = trail[trail.length - 1];
  return typeof title === 'string' && title !== '' && last?.path !== undefined ? [...trail, { label: title }] : trail;
}

/** Takes the flash messages out of the session (they show once) and translates them. */
function takeFlash(req: Request, container: Container): { type: string; text: string }[] {
  const messages: FlashMessage[] = req.session?.flash ?? [];
  if (messages.length === 0) return [];
  delete req.session.flash;
  const translator = container.resolve('translator');
  return messages.map((m) => ({ type: m.type, text: translator.t(m.key, m.params, m.scope) }));
}

function csrfIssuer(req: Request): () => string {
  return () => {
    if (!req.csrfToken || !req.session) return '';
    req.session.startedAt ??= Date.now();
    return req.csrfToken();
  };
}

/**
 * Gives each response `res.view()`, which renders a page of the plugin that
 * handles the request with what every page shows: the menus for this user,
 * the breadcrumbs, the flash messages and the CSRF token for its forms.
 */
export function pageContext(container: Container): RequestHandler {
  const views = container.resolve('views');
  const menus = container.resolve('menus');
  const translator = container.resolve('translator');
  const config = container.resolve('config');
  const captcha = container.resolve('captcha');
  return (req, res, next) => {
    req.flash = (type, key, params = {}) => {
      const scope = typeof res.locals.scope === 'string' ? res.locals.scope : 'core';
      req.session.flash = [...(req.session.flash ?? []), { type, key, params, scope }];
    };
    res.view = (name, data = {}, status) => {
      // "catalogue:product" renders another plugin's view (one this plugin depends on).
      const [scope, view] = name.includes(':')
        ? name.split(':', 2) as [string, string]
        : [typeof res.locals.scope === 'string' ? res.locals.scope : 'core', name];
      const user = req.user;
      const home: Breadcrumb = { label: translator.t('core:breadcrumb.home'), path: '/' };
      const trail = (data.breadcrumbs as Breadcrumb[] | undefined) ?? [];
      const html = views.renderPage(scope, view, {
        siteName: translator.t('core:site.name'),
        lang: translator.locale,
        publicUrl: config.PUBLIC_URL,
        currentPath: req.path,
        user,
        menus: {
          main: menus.build('main', user, req.path),
          account: menus.build('account', user, req.path),
        },
        flash: takeFlash(req, container),
        csrf: csrfIssuer(req),
        captchaEnabled: captcha.enabled,
        ...data,
        breadcrumbs: req.path === '/' ? [] : withCurrentPage([home, ...trail], data.title),
      });
      if (status) res.status(status);
      res.type('html').send(html);
    };
    next();
  };
}
