import { z } from 'zod';

/**
 * The forms' schemas. Messages are keys of locales/en.json, shown beside the
 * field they belong to.
 */

export const NAME_MAX = 255;
const ABOUT_MAX = 5_000;
const WEBSITE_MAX = 2_048;
const EMAIL_MAX = 254;

const optionalText = (max: number, message: string) => z.string({ error: message }).trim().max(max, message).default('');

/** An id from a select: "" is none, anything else must be digits (the service checks it exists). */
const optionalId = (message: string) => z.string({ error: message }).trim().regex(/^\d{0,9}$/, message).default('')
  .transform((v) => (v === '' ? null : Number(v)));

/** Empty, or an http(s) address; "www.example.org" is read as https://www.example.org. */
const website = z.string({ error: 'organization.errors.websiteInvalid' }).trim().max(WEBSITE_MAX, 'organization.errors.websiteInvalid').default('')
  .transform((v) => (v === '' || /^[a-z][a-z0-9+.-]*:/i.test(v) ? v : `https://${v}`))
  .refine((v) => v === '' || isWebAddress(v), 'organization.errors.websiteInvalid');

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    // A host needs a dot (example.org), so "https://hello" is taken for a typo.
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

export const organizationSchema = z.strictObject({
  name: z.string({ error: 'organization.errors.nameRequired' }).trim().min(1, 'organization.errors.nameRequired').max(NAME_MAX, 'organization.errors.nameTooLong'),
  about: optionalText(ABOUT_MAX, 'organization.errors.aboutTooLong'),
  website,
  consortium: z.string({ error: 'organization.errors.consortiumRequired' }).trim().regex(/^\d{1,9}$/, 'organization.errors.consortiumRequired').transform(Number),
  program_year: optionalId('organization.errors.programYearUnknown'),
  contact_name: optionalText(NAME_MAX, 'organization.errors.contactNameTooLong'),
  contact_email: z.string({ error: 'organization.errors.contactEmailInvalid' }).trim().max(EMAIL_MAX, 'organization.errors.contactEmailInvalid').default('')
    .refine((v) => v === '' || z.email().safeParse(v).success, 'organization.errors.contactEmailInvalid'),
});
export type OrganizationForm = z.infer<typeof organizationSchema>;

export const rejectionSchema = z.strictObject({
  reason: z.string({ error: 'queue.errors.reasonRequired' }).trim().min(1, 'queue.errors.reasonRequired').max(2_000, 'queue.errors.reasonTooLong'),
});

export const consortiumSchema = z.strictObject({
  name: z.string({ error: 'consortium.errors.nameRequired' }).trim().min(1, 'consortium.errors.nameRequired').max(NAME_MAX, 'consortium.errors.nameTooLong'),
  kind: z.enum(['local', 'sector-network'], { error: 'consortium.errors.kindInvalid' }),
  region: optionalText(NAME_MAX, 'consortium.errors.regionTooLong'),
  description: optionalText(ABOUT_MAX, 'consortium.errors.descriptionTooLong'),
});
export type ConsortiumForm = z.infer<typeof consortiumSchema>;



