import type { NextFunction, Request, Response, Router } from 'express';
import { anonymousTabs, clientIp, t } from './forms.js';
import { formFields } from '../../core/http/forms.js';
import { passwordRequestSchema } from './validation.js';

declare module 'express-session' {
  interface SessionData {
    /** The user who came in by a one-time link, and may set a password without the current one. */
    oneTimeLoginUid?: number;
  }
}

const requestCrumbs = (req: Request) => [{ label: t(req, 'account.title'), path: '/user' }];

/** /user/password (request new password) and /user/reset/<uid>/<timestamp>/<hash> (the one-time link). */
export function passwordRoutes(router: Router): void {
  const requestForm = (req: Request, res: Response, state: { name?: string; error?: string; notice?: string; captchaFailed?: boolean } = {}, status = 200) => {
    res.view('password', {
      title: t(req, 'password.title'), tabs: anonymousTabs(req, '/user/password'),
      breadcrumbs: [...requestCrumbs(req), { label: t(req, 'password.title') }], ...state,
    }, status);
  };

  router.get('/user/password', (req, res) => requestForm(req, res));

  router.post('/user/password', async (req, res) => {
    const name = String(formFields(req.body).name ?? '');
    if (!(await req.scope.resolve('captcha').verify((req.body as Record<string, unknown> | undefined)?.altcha))) {
      return requestForm(req, res, { name, captchaFailed: true }, 400);
    }
    const parsed = passwordRequestSchema.safeParse(formFields(req.body));
    if (!parsed.success) return requestForm(req, res, { name, error: t(req, 'password.error.required') }, 400);
    const verdict = await req.scope.resolve('passwordResets').request(parsed.data.name, clientIp(req));
    if (verdict.blocked) {
      const key = verdict.by === 'ip' ? 'password.flood.ip' : 'password.flood.account';
      return requestForm(req, res, { name, error: t(req, key, { limit: verdict.limit }) }, 429);
    }
    req.flash('status', 'password.sent', { name: parsed.data.name });
    res.redirect('/user');
  });

  const checkLink = async (req: Request) => {
    const { uid, timestamp, hash } = req.params as Record<string, string>;
    if (!/^\d+$/.test(uid ?? '') || !/^\d+$/.test(timestamp ?? '')) return { ok: false as const, reason: 'invalid' as const };
    return req.scope.resolve('oneTimeLogins').check(Number(uid), Number(timestamp), hash ?? '');
  };

  const refuse = (req: Request, res: Response, reason: 'expired' | 'invalid') => {
    req.flash('error', reason === 'expired' ? 'reset.expired' : 'reset.invalid');
    res.redirect('/user/password');
  };

  // GET only shows the button: mail scanners that follow links must not use it up.
  router.get('/user/reset/:uid/:timestamp/:hash', async (req, res) => {
    const check = await checkLink(req);
    if (!check.ok) return refuse(req, res, check.reason);
    res.view('reset', {
      title: t(req, 'reset.title'), breadcrumbs: [...requestCrumbs(req), { label: t(req, 'reset.title') }],
      name: check.user.username, expires: check.expires, action: req.originalUrl,
    });
  });

  router.post('/user/reset/:uid/:timestamp/:hash', async (req, res, next: NextFunction) => {
    const check = await checkLink(req);
    if (!check.ok) return refuse(req, res, check.reason);
    // Recording the log in changes last_login_at, which retires this link.
    const user = await req.scope.resolve('accounts').recordLogin(check.user);
    req.login(user, (error) => {
      if (error) return next(error);
      req.session.startedAt = Date.now();
      req.session.oneTimeLoginUid = user.id;
      req.log.info({ userId: user.id }, 'logged in with a one-time link');
      req.flash('status', 'reset.loggedIn');
      res.redirect(`/user/${user.id}/edit`);
    });
  });
}
