import { z } from 'zod';
import { roles } from '../../kernel/auth/actor.ts';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { leadershipLevels } from './domain.ts';
import { optionalUrn } from './schools-forms.ts';

// Form fields arrive as strings; these schemas turn them into the commands' input.

export const emailField = requiredText('Enter an email address', 'Email address', 254).pipe(
  z.email('Enter an email address in the correct format, like name@school.org.uk'),
);

export const fullNameField = requiredText('Enter their full name', 'Full name');
const urnText = optionalUrn('School URN');

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
