import { z } from 'zod';
import { roles } from '../../kernel/auth/actor.ts';
import { leadershipLevels } from './domain.ts';

// Form fields arrive as strings; these schemas turn them into the commands' input.

export const emailField = z
  .string({ error: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email('Enter an email address in the correct format, like name@school.org.uk'));

export const fullNameField = z
  .string({ error: 'Enter their full name' })
  .trim()
  .min(1, 'Enter their full name')
  .max(200, 'Full name must be 200 characters or fewer');

const optionalText = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => v || null);

/** A URN typed into a form: empty means none. */
const urnText = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || null)
  .pipe(
    z
      .string()
      .regex(/^[1-9]\d{0,7}$/, 'School URN must be a number, like 142205')
      .transform(Number)
      .nullable(),
  );

export const roleField = z.enum(roles, { error: 'Select a role' });

export const personForm = z.object({
  fullName: fullNameField,
  email: emailField,
  schoolUrn: urnText,
  jobTitle: optionalText('Job title'),
  leadershipLevel: z
    .union([z.literal(''), z.enum(leadershipLevels)], { error: 'Select a leadership level from the list' })
    .optional()
    .transform((v) => v || null),
  role: roleField,
});

export const invitationForm = z.object({ fullName: fullNameField, email: emailField, schoolUrn: urnText, role: roleField });

/** Role checkboxes: none ticked sends nothing, one sends a string, several an array. */
export const rolesForm = z.object({
  roles: z
    .union([z.enum(roles), z.array(z.enum(roles))], { error: 'Select roles from the list' })
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

// Kept for the partnership pages that import it from here; its home is the kernel.
export { commandFormErrors } from '../../kernel/http/forms.ts';
