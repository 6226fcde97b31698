import { z } from 'zod';
import { requiredText } from '../../kernel/http/forms.ts';
import { phases } from '../networks/domain.ts';
import { trioCycleKinds } from './trios-domain.ts';

const days = (label: string) =>
  z.coerce
    .number({ error: `Enter ${label} as a number, like 2 or 1.5` })
    .min(0, `${label} cannot be negative`)
    .max(50, `${label} must be 50 or fewer`)
    .refine((d) => Number.isInteger(d * 2), `Enter ${label} in whole or half days`);

export const signupForm = z.object({
  phase: z.enum(phases, { error: 'Select your phase' }),
  focusId: z.string({ error: 'Select a focus' }).uuid('Select a focus'),
});

export const proposalForm = z.object({ sleDays: days('the SLE’s days for each trio') });

export const cycleForm = z.object({
  kind: z.enum(trioCycleKinds, { error: 'Select what the trio did' }),
  heldOn: z.iso.date({ error: 'Enter the date as a date, like 2026-03-14' }),
  notes: requiredText('Enter what you did and what you noticed', 'Notes', 4000),
});

export const evaluationForm = z.object({
  evaluation: requiredText('Enter the evaluation of the trio’s impact', 'Evaluation', 4000),
  finished: z.preprocess((v) => v === 'yes', z.boolean()),
});

export const replaceForm = z.object({
  personId: z.string({ error: 'Select the member to replace' }).uuid('Select the member to replace'),
  signupId: z.string({ error: 'Select who joins instead' }).uuid('Select who joins instead'),
});

export const sleForm = z.object({
  designationId: z.string({ error: 'Select an SLE' }).uuid('Select an SLE'),
  sleDays: days('the SLE’s days'),
});
