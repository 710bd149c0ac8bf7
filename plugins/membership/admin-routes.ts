import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../core/auth/permissions.js';
import { notFound } from '../../core/errors.js';
import { t } from './forms.js';
import type { PeopleResult } from './people.js';
import { formFields } from '../../core/http/forms.js';
import { ASSIGNABLE_ROLES, roleSchema } from './validation.js';

type Action = 'activate' | 'block' | 'role';

/** /admin/people: operators activate, block and change the role of accounts, each after a confirmation. */
export function adminRoutes(router: Router): void {
  const guard = requirePermission('administer users');
  const crumbs = (req: Request) => [{ label: req.scope.resolve('translator').t('admin.title', {}, 'core'), path: '/admin' }];

  router.get('/admin/people', guard, async (req, res) => {
    const people = (await req.scope.resolve('people').list()).map((person) => ({
      ...person,
      roleLabel: t(req, `account.role.${person.role}`),
      roleOptions: ASSIGNABLE_ROLES.map((value) => ({ value, label: t(req, `account.role.${value}`), selected: value === person.role })),
    }));
    res.view('people', { title: t(req, 'people.title'), breadcrumbs: crumbs(req), people });
  });

  const target = async (req: Request) => {
    const id = Number(req.params.uid);
    const account = Number.isSafeInteger(id) ? await req.scope.resolve('accounts').findAccount(id) : undefined;
    if (!account) throw notFound();
    return account;
  };

  // Every action asks first: the GET of /admin/people/<uid>/<action> shows what will happen.
  router.post('/admin/people/:uid/:action', guard, async (req, res) => {
    const action = req.params.action as Action;
    if (!['activate', 'block', 'role'].includes(action)) throw notFound();
    const account = await target(req);
    const fields = formFields(req.body);
    const role = roleSchema.safeParse({ role: fields.role });
    if (action === 'role' && !role.success) {
      req.flash('error', 'people.error.role');
      return res.redirect('/admin/people');
    }
    if (fields.confirm !== 'yes') {
      return res.view('people-confirm', {
        title: t(req, `people.confirm.${action}.title`, { name: account.username }),
        breadcrumbs: [...crumbs(req), { label: t(req, 'people.title'), path: '/admin/people' }],
        account, action, role: role.data?.role, roleLabel: role.success ? t(req, `account.role.${role.data.role}`) : '',
      });
    }
    await perform(req, res, action, account.id, role.data?.role);
  });

  const perform = async (req: Request, res: Response, action: Action, id: number, role?: (typeof ASSIGNABLE_ROLES)[number]) => {
    const people = req.scope.resolve('people');
    const actor = { id: req.user?.id ?? 0, role: req.user?.role ?? 'anonymous' };
    const result: PeopleResult = action === 'activate' ? await people.activate(actor, id)
      : action === 'block' ? await people.block(actor, id)
        : await people.setRole(actor, id, role ?? 'authenticated');
    if (!result.ok) {
      req.flash('error', `people.error.${result.reason}`);
      return res.redirect(303, '/admin/people');
    }
    req.log.info({ userId: id, action, role, by: req.user?.id, changed: result.changed }, 'account changed by an operator');
    const params = { name: result.user.username, role: t(req, `account.role.${result.user.role}`) };
    req.flash('status', result.changed ? `people.done.${action}` : 'people.unchanged', params);
    res.redirect('/admin/people');
  };
}
