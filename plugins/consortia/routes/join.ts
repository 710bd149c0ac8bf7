import type { Request, Response, Router } from 'express';
import { organizationSchema } from '../forms.js';
import { fieldErrors, formFields, typedValues, type FieldErrors } from '../../../core/http/forms.js';

const FORM_PATH = '/node/add/member-organization';
const RECEIVED_PATH = `${FORM_PATH}/received`;
const FIELDS = ['name', 'about', 'website', 'consortium', 'program_year', 'contact_name', 'contact_email'] as const;

const label = (req: Request, key: string): string => req.scope.resolve('translator').t(key, {}, 'consortia');

const trail = (req: Request) => [
  { label: label(req, 'join.crumbNode') },
  { label: label(req, 'join.crumbAddContent') },
  { label: label(req, 'join.title') },
];

/** Renders the form with what was typed and each field's message; the selects offer every consortium and program year. */
interface FormState {
  values: Record<string, string>;
  errors?: FieldErrors;
  captchaFailed?: boolean;
}

async function showForm(req: Request, res: Response, { values, errors = {}, captchaFailed = false }: FormState, status = 200): Promise<void> {
  const consortia = req.scope.resolve('consortia');
  const [choices, years] = await Promise.all([consortia.listConsortia(), consortia.listProgramYears()]);
  res.view('join', {
    title: label(req, 'join.title'),
    values,
    errors,
    captchaFailed,
    consortia: choices.map((c) => ({ id: String(c.id), name: c.name, selected: String(c.id) === values.consortium })),
    programYears: years.map((y) => ({ id: String(y.id), label: y.label, selected: String(y.id) === values.program_year })),
    breadcrumbs: trail(req),
  }, status);
}

/** The "Create Member Organization" form: anyone may propose an organization, which waits for an operator. */
export function joinRoutes(router: Router): void {
  router.get(FORM_PATH, async (req, res) => {
    const current = await req.scope.resolve('consortia').currentProgramYear();
    await showForm(req, res, { values: { ...typedValues({}, FIELDS), program_year: current ? String(current.id) : '' } });
  });

  router.post(FORM_PATH, async (req, res) => {
    const fields = formFields(req.body);
    const typed = typedValues(fields, FIELDS);
    const parsed = organizationSchema.safeParse(fields);
    const captchaOk = await req.scope.resolve('captcha').verify((req.body as Record<string, unknown> | undefined)?.altcha);
    if (!parsed.success) return showForm(req, res, { values: typed, errors: fieldErrors(parsed.error), captchaFailed: !captchaOk }, 400);
    if (!captchaOk) return showForm(req, res, { values: typed, captchaFailed: true }, 400);
    const form = parsed.data;
    const result = await req.scope.resolve('consortia').submitOrganization({
      name: form.name,
      about: form.about,
      website: form.website,
      consortiumId: form.consortium,
      programYearId: form.program_year,
      contactName: form.contact_name,
      contactEmail: form.contact_email,
    });
    if (!result.ok) return showForm(req, res, { values: typed, errors: result.errors }, result.errors.name ? 409 : 400);
    req.flash('status', 'join.saved', { name: result.organization.name });
    res.redirect(303, RECEIVED_PATH);
  });

  router.get(RECEIVED_PATH, (req, res) => {
    res.view('join-received', { title: label(req, 'join.receivedTitle'), breadcrumbs: [...trail(req).slice(0, 2), { label: label(req, 'join.receivedTitle') }] });
  });
}
