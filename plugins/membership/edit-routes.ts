import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../core/auth/permissions.js';
import { forbidden, notFound } from '../../core/errors.js';
import { t, wordErrors } from './forms.js';
import type { UserRow } from './repository.js';

/** /user/<uid>/edit: the owner changes e-mail or password; operators change others' e-mail. */
export function editRoutes(router: Router): void {
  const editable = async (req: Request): Promise<{ account: UserRow; self: boolean }> => {
    const id = Number(req.params.uid);
    const account = Number.isSafeInteger(id) ? await req.scope.resolve('accounts').findAccount(id) : undefined;
    if (!account || !req.user) throw notFound();
    const self = account.id === req.user.id;
    const permissions = req.scope.resolve('permissions');
    if (!self && (!permissions.allows(req.user, 'administer users') || (account.role === 'administrator' && req.user.role !== 'administrator'))) {
      throw forbidden();
    }
    return { account, self };
  };

  const page = (req: Request, res: Response, account: UserRow, self: boolean, state: { values?: Record<string, string>; errors?: Record<string, string> } = {}, status = 200) => {
    res.view('edit', {
      title: account.username,
      breadcrumbs: [{ label: t(req, 'account.title'), path: '/user' }],
      account, self,
      oneTimeLogin: self && req.session.oneTimeLoginUid === account.id,
      values: state.values ?? { mail: account.email },
      errors: state.errors ?? {},
    }, status);
  };

  router.get('/user/:uid/edit', requirePermission('access own account'), async (req, res) => {
    const { account, self } = await editable(req);
    page(req, res, account, self);
  });

  router.post('/user/:uid/edit', requirePermission('access own account'), async (req, res) => {
    const { account, self } = await editable(req);
    const oneTimeLogin = self && req.session.oneTimeLoginUid === account.id;
    const result = await req.scope.resolve('accounts').edit(account, req.body, { self, oneTimeLogin });
    const mail = (req.body as Record<string, unknown> | undefined)?.mail;
    if (!result.ok) return page(req, res, account, self, { values: { mail: typeof mail === 'string' ? mail : '' }, errors: wordErrors(req, result.errors, result.params) }, 400);
    if (result.changed.includes('pass')) delete req.session.oneTimeLoginUid;
    req.log.info({ userId: account.id, by: req.user?.id, changed: result.changed }, 'account edited');
    req.flash('status', 'edit.saved');
    res.redirect(self ? '/user' : '/admin/people');
  });
}
