import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { notFound } from '../../../core/errors.js';
import { consortiumSchema } from '../forms.js';
import { fieldErrors, formFields, typedValues, type FieldErrors } from '../../../core/http/forms.js';

const CONSORTIA = '/admin/consortia';
const YEARS = '/admin/program-years';
const CONSORTIUM_FIELDS = ['name', 'kind', 'region', 'description'] as const;
const may = requirePermission('administer consortia');

const t = (req: Request, key: string, params: Record<string, string> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'consortia');

const crumbs = (req: Request) => [{ label: t(req, 'core:admin.title'), path: '/admin' }];

const tabs = (req: Request, active: 'consortia' | 'years') => [
  { label: t(req, 'manage.tabConsortia'), path: CONSORTIA, active: active === 'consortia' },
  { label: t(req, 'manage.tabProgramYears'), path: YEARS, active: active === 'years' },
];

function idParam(req: Request): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** The add or edit form; `id` is set when editing. */
function showConsortiumForm(req: Request, res: Response, form: { id?: number; values: Record<string, string>; errors?: FieldErrors }, status = 200): void {
  const title = form.id === undefined ? t(req, 'manage.addConsortium') : t(req, 'manage.editConsortium', { name: form.values.name ?? '' });
  res.view('admin/consortium-form', {
    title,
    id: form.id,
    action: form.id === undefined ? `${CONSORTIA}/add` : `${CONSORTIA}/${form.id}/edit`,
    values: form.values,
    errors: form.errors ?? {},
    kinds: ['local', 'sector-network'].map((kind) => ({ kind, selected: form.values.kind === kind })),
    breadcrumbs: [...crumbs(req), { label: t(req, 'manage.consortiaTitle'), path: CONSORTIA }],
  }, status);
}

function consortiaRoutes(router: Router): void {
  router.get(CONSORTIA, may, async (req, res) => {
    const consortia = await req.scope.resolve('consortia').listConsortiaWithCounts();
    res.view('admin/consortia', { title: t(req, 'manage.consortiaTitle'), consortia, tabs: tabs(req, 'consortia'), breadcrumbs: crumbs(req) });
  });

  router.get(`${CONSORTIA}/add`, may, (req, res) => {
    showConsortiumForm(req, res, { values: { name: '', kind: 'local', region: '', description: '' } });
  });

  router.post(`${CONSORTIA}/add`, may, async (req, res) => {
    const fields = formFields(req.body);
    const parsed = consortiumSchema.safeParse(fields);
    if (!parsed.success) return showConsortiumForm(req, res, { values: typedValues(fields, CONSORTIUM_FIELDS), errors: fieldErrors(parsed.error) }, 400);
    const added = await req.scope.resolve('consortia').addConsortium(parsed.data);
    req.flash('status', 'manage.consortiumAdded', { name: added.name });
    res.redirect(303, CONSORTIA);
  });

  router.get(`${CONSORTIA}/:id/edit`, may, async (req, res) => {
    const id = idParam(req);
    const consortium = await req.scope.resolve('consortia').findConsortium(id);
    if (!consortium) throw notFound();
    showConsortiumForm(req, res, { id, values: typedValues({ ...consortium }, CONSORTIUM_FIELDS) });
  });

  router.post(`${CONSORTIA}/:id/edit`, may, async (req, res) => {
    const id = idParam(req);
    const consortia = req.scope.resolve('consortia');
    if (!(await consortia.findConsortium(id))) throw notFound();
    const fields = formFields(req.body);
    const parsed = consortiumSchema.safeParse(fields);
    if (!parsed.success) return showConsortiumForm(req, res, { id, values: typedValues(fields, CONSORTIUM_FIELDS), errors: fieldErrors(parsed.error) }, 400);
    await consortia.updateConsortium(id, parsed.data);
    req.flash('status', 'manage.consortiumSaved', { name: parsed.data.name });
    res.redirect(303, CONSORTIA);
  });

  router.post(`${CONSORTIA}/:id/delete`, may, async (req, res) => {
    const id = idParam(req);
    const consortia = req.scope.resolve('consortia');
    const consortium = await consortia.findConsortium(id);
    if (!consortium) throw notFound();
    if (await consortia.deleteConsortium(id)) req.flash('status', 'manage.consortiumDeleted', { name: consortium.name });
    else req.flash('error', 'manage.consortiumHasOrganizations', { name: consortium.name });
    res.redirect(303, CONSORTIA);
  });
}

function programYearRoutes(router: Router): void {
  router.get(YEARS, may, async (req, res) => {
    const consortia = req.scope.resolve('consortia');
    const [years, nextStart] = await Promise.all([consortia.listProgramYears(), consortia.nextProgramYearStart()]);
    res.view('admin/program-years', {
      title: t(req, 'manage.programYearsTitle'),
      years,
      next: `${nextStart}/${nextStart + 1}`,
      tabs: tabs(req, 'years'),
      breadcrumbs: crumbs(req),
    });
  });

  router.post(`${YEARS}/add`, may, async (req, res) => {
    const added = await req.scope.resolve('consortia').addNextProgramYear();
    req.flash('status', 'manage.programYearAdded', { label: added.label });
    res.redirect(303, YEARS);
  });

  router.post(`${YEARS}/:id/current`, may, async (req, res) => {
    if (!(await req.scope.resolve('consortia').markProgramYearCurrent(idParam(req)))) throw notFound();
    req.flash('status', 'manage.programYearCurrent');
    res.redirect(303, YEARS);
  });
}

/** Operators' screens for consortia (list, add, edit, delete when empty) and program years (list, add the next, mark current). */
export function manageRoutes(router: Router): void {
  consortiaRoutes(router);
  programYearRoutes(router);
}
