import { z } from 'zod';
import { networkKinds } from './domain.ts';
import { strategicPartnerKinds } from './settings-domain.ts';

// Form fields arrive as strings; these schemas turn them into the commands' input. Field names are
// distinct across the settings page's forms, so one error summary can point at the right field.

const requiredText = (missing: string, label: string, max = 200) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

export const networkDetailsForm = z.object({
  name: requiredText("Enter the network's name", 'Name'),
  kind: z.enum(networkKinds, { error: 'Select the kind of network' }),
  leadSchoolUrn: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^[1-9]\d{0,7}$/, 'Lead school URN must be a number, like 142205')
        .transform(Number)
        .nullable(),
    ),
});

export const strategicPartnerForm = z.object({
  partnerName: requiredText("Enter the partner's name", 'Partner name'),
  partnerKind: z.enum(strategicPartnerKinds, { error: 'Select the kind of partner' }),
});

export const partnershipForm = z.object({
  partnerNetworkId: z
    .string({ error: 'Choose a network to partner with' })
    .min(1, 'Choose a network to partner with')
    .pipe(z.uuid('Choose a network from the list')),
});
