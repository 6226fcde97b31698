import { z } from 'zod';
import { phases } from '../networks/domain.ts';
import { designationKinds } from './domain.ts';

const isoDate = (missing: string) => z.iso.date({ error: missing });
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** The fields of a designation as a form sends them; the term rules are the domain's (checked by the command). */
export const designationDetailsForm = z.object({
  kind: z.enum(designationKinds, { error: 'Select the kind of designation' }),
  phase: z.enum(phases, { error: 'Select the phase' }),
  releaseDays: z.coerce
    .number({ error: 'Enter the release days as a number, like 15 or 7.5' })
    .refine(Number.isFinite, 'Enter the release days as a number, like 15 or 7.5'),
  startsOn: isoDate('Enter the start date'),
  endsOn: isoDate('Enter the end date'),
  reviewOn: z.preprocess((v) => (v === '' || v === undefined ? null : v), isoDate('Enter the review date as a date').nullable()),
  specialismIds: z.preprocess(asList, z.array(z.string().uuid('Select specialisms from the list')).max(50)),
});

export const newDesignationForm = designationDetailsForm.extend({
  personId: z.string({ error: 'Select the person to designate' }).uuid('Select the person to designate'),
});
