import type { Request, Response, Router } from 'express';
import { requirePermission } from '../../../core/auth/permissions.js';
import { notFound } from '../../../core/errors.js';
import type { DecisionResult } from '../consortia.js';
import { rejectionSchema } from '../forms.js';
import { fieldErrors, formFields, typedValues, type FieldErrors } from '../../../core/http/forms.js';

const QUEUE = '/admin/organizations';
const RECENT_DECISIONS = 20;
const may = requirePermission('administer consortia');

const t = (req: Request, key: string, params: Record<string, string> = {}): string =>
  req.scope.resolve('translator').t(key, params, 'consortia');

const crumbs = (req: Request) => [{ label: t(req, 'core:admin.title'), path: '/admin' }];

/** The id in the path, or a 404 for anything that is not one. */
function idParam(req: Request): number {
  const raw = String(req.params.id);
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

/** Says how the decision went, as a flash on the queue. */
function reportDecision(req: Request, res: Response, result: DecisionResult, done: string): void {
  if (!result.ok && result.reason === 'not-found') throw notFound();
  if (result.ok) req.flash('status', done, { name: result.organization.name });
  else req.flash('warning', 'queue.alreadyDecided');
  res.redirect(303, QUEUE);
}

async function showRejectForm(req: Request, res: Response, id: number, values: Record<string, string>, errors: FieldErrors = {}, status = 200): Promise<void> {
  const organization = await req.scope.resolve('consortia').findOrganization(id);
  if (!organization) throw notFound();
  res.view('admin/reject', {
    title: t(req, 'queue.rejectTitle', { name: organization.name }),
    organization,
    values,
    errors,
    breadcrumbs: [...crumbs(req), { label: t(req, 'queue.title'), path: QUEUE }],
  }, status);
}

/** The operators' queue of organizations waiting for approval, and their decisions. */
export function queueRoutes(router: Router): void {
  router.get(QUEUE, may, async (req, res) => {
    const consortia = req.scope.resolve('consortia');
    const [pending, recent] = await Promise.all([consortia.pendingOrganizations(), consortia.recentDecisions(RECENT_DECISIONS)]);
    res.view('admin/queue', { title: t(req, 'queue.title'), pending, recent, breadcrumbs: crumbs(req) });
  });

  router.post(`${QUEUE}/:id/approve`, may, async (req, res) => {
    const result = await req.scope.resolve('consortia').approve(idParam(req), req.user?.id ?? null);
    reportDecision(req, res, result, 'queue.approved');
  });

  router.get(`${QUEUE}/:id/reject`, may, async (req, res) => {
    await showRejectForm(req, res, idParam(req), { reason: '' });
  });

  router.post(`${QUEUE}/:id/reject`, may, async (req, res) => {
    const id = idParam(req);
    const fields = formFields(req.body);
    const parsed = rejectionSchema.safeParse(fields);
    if (!parsed.success) return showRejectForm(req, res, id, typedValues(fields, ['reason']), fieldErrors(parsed.error), 400);
    const result = await req.scope.resolve('consortia').reject(id, parsed.data.reason, req.user?.id ?? null);
    reportDecision(req, res, result, 'queue.rejected');
  });
}
