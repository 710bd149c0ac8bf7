import type { Request, Response, Router } from 'express';
import { anonymousTabs, keptValues, t, wordErrors } from './forms.js';

/** /user/register: the "Create new account" form and its thank-you page. */
export function registerRoutes(router: Router): void {
  const form = async (req: Request, res: Response, state: { values?: Record<string, string>; errors?: Record<string, string>; captchaFailed?: boolean; mailTaken?: boolean } = {}, status = 200) => {
    const consortia = req.scope.resolve('consortia');
    const values = state.values ?? {};
    res.view('register', {
      title: t(req, 'register.title'),
      tabs: anonymousTabs(req, '/user/register'),
      breadcrumbs: [{ label: t(req, 'account.title'), path: '/user' }, { label: t(req, 'register.title') }],
      values,
      errors: state.errors ?? {},
      captchaFailed: state.captchaFailed === true,
      mailTaken: state.mailTaken === true,
      organizations: await consortia.listApprovedOrganizations(),
      consortia: (await consortia.listConsortia()).map((c) => ({ ...c, selected: String(c.id) === values.consortium })),
    }, status);
  };

  router.get('/user/register', async (req, res) => {
    if (req.user) return res.redirect('/user');
    await form(req, res);
  });

  router.post('/user/register', async (req, res) => {
    if (req.user) return res.redirect('/user');
    const values = keptValues(req.body);
    // The CAPTCHA first: a robot learns nothing about which names are taken.
    if (!(await req.scope.resolve('captcha').verify((req.body as Record<string, unknown> | undefined)?.altcha))) {
      return form(req, res, { values, captchaFailed: true }, 400);
    }
    const result = await req.scope.resolve('registration').register(req.body);
    if (!result.ok) {
      return form(req, res, { values, errors: wordErrors(req, result.errors, result.params), mailTaken: result.errors.mail === 'register.error.mailTaken' }, 400);
    }
    req.log.info({ userId: result.user.id }, 'account registered, pending approval');
    res.view('registered', { title: t(req, 'register.title'), breadcrumbs: [{ label: t(req, 'account.title'), path: '/user' }] });
  });
}
