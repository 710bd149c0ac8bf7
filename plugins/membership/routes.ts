import type { NextFunction, Request, Response, Router } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import { requirePermission } from '../../core/auth/permissions.js';
import type { PluginContext } from '../../core/plugins/manifest.js';
import type { LoginResult } from './accounts.js';

/** Only a path on this site: never an absolute URL or "//host", which would send users elsewhere. */
export function safeDestination(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/user';
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** This plugin's strings, for messages built in code. */
const t = (req: Request, key: string, params: Record<string, string | number> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'membership');

export function routes(router: Router, { container }: PluginContext): void {
  const passport = container.resolve('passport');
  passport.use('local', new LocalStrategy((username, password, done) => {
    container.resolve('accounts').authenticate(username, password)
      .then((result) => { const info = { message: result.ok ? 'ok' : result.reason, result }; done(null, result.ok ? result.user : false, info); }, (error: unknown) => done(error));
  }));

  const loginPage = (req: Request, res: Response, values: { username?: string; error?: string } = {}, status = 200) => {
    res.view('login', {
      title: t(req, 'login.title'),
      breadcrumbs: [{ label: t(req, 'account.title') }],
      destination: safeDestination(req.query.destination ?? field(req.body, 'destination')),
      ...values,
    }, status);
  };

  router.get('/user', async (req, res) => {
    if (!req.user) return loginPage(req, res);
    const account = await req.scope.resolve('accounts').findAccount(req.user.id);
    res.view('account', { title: account?.username, account, breadcrumbs: [] });
  });

  router.get('/user/login', (req, res) => {
    if (req.user) return res.redirect('/user');
    loginPage(req, res);
  });

  router.post(['/user', '/user/login'], (req: Request, res: Response, next: NextFunction) => {
    const username = field(req.body, 'name');
    if (username.trim() === '' || field(req.body, 'pass') === '') {
      return loginPage(req, res, { username, error: t(req, 'login.missing') }, 400);
    }
    req.body = { ...(req.body as object), username, password: field(req.body, 'pass') };
    passport.authenticate('local', (error: unknown, user: Express.User | false, info: { result?: LoginResult } | undefined) => {
      const result = info?.result;
      if (error) return next(error);
      if (!user || !result || !result.ok) {
        const message = result && !result.ok && result.reason === 'blocked'
          ? t(req, 'login.blocked', { username: result.username })
          : t(req, 'login.unrecognized');
        return loginPage(req, res, { username, error: message }, result && !result.ok && result.reason === 'blocked' ? 403 : 401);
      }
      // req.login regenerates the session: the id changes at log in.
      req.login(user, (loginError) => {
        if (loginError) return next(loginError);
        req.session.startedAt = Date.now();
        req.log.info({ userId: user.id }, 'logged in');
        res.redirect(safeDestination(field(req.body, 'destination')));
      });
    })(req, res, next);
  });

  const logout = (req: Request, res: Response, next: NextFunction) => {
    const userId = req.user?.id;
    req.logout((error) => {
      if (error) return next(error);
      req.log.info({ userId }, 'logged out');
      res.redirect('/');
    });
  };
  // The menu's "Logout" link carries the CSRF token (checked by the core), so a
  // GET with a valid token logs out at once; without one, the user confirms.
  router.get('/user/logout', requirePermission('access own account'), (req, res, next) => {
    if (req.hasValidCsrfToken()) return logout(req, res, next);
    res.view('logout', { title: t(req, 'logout.title'), breadcrumbs: [{ label: t(req, 'account.title'), path: '/user' }] });
  });
  router.post('/user/logout', requirePermission('access own account'), logout);
}
