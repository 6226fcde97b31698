import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { networkKinds } from './domain.ts';
import { optionalUrn } from './schools-forms.ts';
import { strategicPartnerKinds } from './settings-domain.ts';

// Form fields arrive as strings; these schemas turn them into the commands' input. Field names are
// distinct across the settings page's forms, so one error summary can point at the right field.

export const networkDetailsForm = z.object({
  name: requiredText("Enter the network's name", 'Name'),
  kind: z.enum(networkKinds, { error: 'Select the kind of network' }),
  leadSchoolUrn: optionalUrn('Lead school URN'),
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
  partnershipMessage: optionalText('Message', 1000),
});
