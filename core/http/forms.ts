import type { z } from 'zod';

/** A form's error messages (or their catalogue keys), by field name. */
export type FieldErrors = Record<string, string>;

/** The first message of each field, by the field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * The form's own fields, for a strict schema: the CSRF token (checked by the
 * core) and the CAPTCHA answer (checked by the route) are not the form's.
 */
export function formFields(body: unknown): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...(body && typeof body === 'object' ? body as Record<string, unknown> : {}) };
  delete fields._csrf;
  delete fields.altcha;
  return fields;
}

/** What the user typed, as strings, to put back in the form. */
export function typedValues(fields: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, typeof fields[n] === 'string' ? fields[n] : '']));
}
