import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './strength.js';

/**
 * The forms' schemas. Messages are keys of locales/en.json; the routes word
 * them with the values typed (e.g. {name}, {mail}).
 */

/** Drupal's user_validate_name: letters, digits, spaces and @ + _ . ' - ; at most 60 characters. */
export const USERNAME_MAX = 60;
const USERNAME_CHARACTERS = /^[\p{L}\p{M}\p{N} @+_.'-]*$/u;

export const username = z.string().superRefine((value, ctx) => {
  const problem = value === '' ? 'register.error.nameRequired'
    : value.startsWith(' ') ? 'register.error.nameLeadingSpace'
      : value.endsWith(' ') ? 'register.error.nameTrailingSpace'
        : value.includes('  ') ? 'register.error.nameMultipleSpaces'
          : !USERNAME_CHARACTERS.test(value) ? 'register.error.nameIllegal'
            : [...value].length > USERNAME_MAX ? 'register.error.nameTooLong'
              : undefined;
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const email = z.string().trim()
  .min(1, 'register.error.mailRequired')
  .max(254, 'register.error.mailInvalid')
  .pipe(z.email('register.error.mailInvalid'));

const text = (max: number) => z.string().trim().max(max, 'register.error.textTooLong').default('');

/** A new password and its confirmation (registration, edit, one-time log in). */
const newPasswords = {
  pass: z.string().min(1, 'register.error.passRequired').min(MIN_PASSWORD_LENGTH, 'register.error.passTooShort').max(256, 'register.error.passTooLong'),
  pass_confirm: z.string().default(''),
};
const passwordsMatch = (form: { pass: string; pass_confirm: string }) => form.pass === form.pass_confirm;
const mismatch = { message: 'register.error.passMismatch', path: ['pass_confirm'] };

export const registrationSchema = z.strictObject({
  name: username,
  mail: email,
  ...newPasswords,
  first_name: text(100),
  last_name: text(100),
  organization: z.string().trim().min(1, 'register.error.organizationRequired').max(255, 'register.error.organizationUnknown'),
  consortium: z.string().trim().regex(/^\d*$/, 'register.error.consortiumUnknown').default(''),
  terms: z.literal('1', { error: 'register.error.termsRequired' }),
}).refine(passwordsMatch, mismatch);
export type RegistrationForm = z.infer<typeof registrationSchema>;

export const passwordRequestSchema = z.strictObject({
  name: z.string().trim().min(1, 'password.error.required').max(254, 'password.error.required'),
});

/** The account edit form: every field optional, a new password only when typed. */
export const editSchema = z.strictObject({
  mail: email,
  current_pass: z.string().max(256).default(''),
  pass: z.string().max(256, 'register.error.passTooLong').default(''),
  pass_confirm: z.string().default(''),
}).refine(passwordsMatch, mismatch)
  .refine((form) => form.pass === '' || form.pass.length >= MIN_PASSWORD_LENGTH, { message: 'register.error.passTooShort', path: ['pass'] });
export type EditForm = z.infer<typeof editSchema>;

export const ASSIGNABLE_ROLES = ['authenticated', 'member', 'operator', 'administrator'] as const;
export const roleSchema = z.strictObject({ role: z.enum(ASSIGNABLE_ROLES, { error: 'people.error.role' }) });


