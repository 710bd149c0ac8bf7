import type { NextFunction, Request, Response, Router } from 'express';
import { Strategy as LocalStrategy } from 'passport-local';
import { requirePermission } from '../../core/auth/permissions.js';
import type { PluginContext } from '../../core/plugins/manifest.js';
import type { LoginResult } from './accounts.js';
import { adminRoutes } from './admin-routes.js';
import { editRoutes } from './edit-routes.js';
import { anonymousTabs, clientIp, t } from './forms.js';
import { passwordRoutes } from './password-routes.js';
import { registerRoutes } from './register-routes.js';

/** Only a path on this site: never an absolute URL or "//host", which would send users elsewhere. */
export function safeDestination(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/user';
}

const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** The message and HTTP status for a refused log in. */
function refusal(req: Request, result: LoginResult | undefined): { message: string; status: number } {
  if (!result || result.ok || result.reason === 'unrecognized') return { message: t(req, 'login.unrecognized'), status: 401 };
  if (result.reason === 'blocked') return { message: t(req, 'login.blocked', { username: result.username }), status: 403 };
  const key = result.reason === 'flood-ip' ? 'login.flood.ip' : 'login.flood.account';
  return { message: t(req, key, { limit: 'limit' in result ? result.limit : '' }), status: 429 };
}

export function routes(router: Router, { container }: PluginContext): void {
  const passport = container.resolve('passport');
  passport.use('local', new LocalStrategy({ passReqToCallback: true }, (req, username, password, done) => {
    container.resolve('accounts').authenticate(username, password, clientIp(req))
      .then((result) => { const info = { message: result.ok ? 'ok' : result.reason, result }; done(null, result.ok ? result.user : false, info); }, (error: unknown) => done(error));
  }));

  const loginPage = (req: Request, res: Response, values: { username?: string; error?: string } = {}, status = 200) => {
    res.view('login', {
      title: t(req, 'login.title'),
      tabs: anonymousTabs(req, '/user'),
      breadcrumbs: [{ label: t(req, 'account.title') }],
      destination: safeDestination(req.query.destination ?? field(req.body, 'destination')),
      ...values,
    }, status);
  };

  router.get('/user', async (req, res) => {
    if (!req.user) return loginPage(req, res);
    const accounts = req.scope.resolve('accounts');
    const account = await accounts.findAccount(req.user.id);
    const affiliation = account && await accounts.findAffiliation(account);
    res.view('account', { title: account?.username, account, affiliation, breadcrumbs: [] });
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
        const { message, status } = refusal(req, result);
        return loginPage(req, res, { username, error: message }, status);
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

  registerRoutes(router);
  passwordRoutes(router);
  editRoutes(router);
  adminRoutes(router);
}
