import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { phases } from '../networks/domain.ts';
import { supportRatings } from './deployments-domain.ts';
import { requestKinds } from './requests-domain.ts';

// The brokerage forms as browsers send them. Days: a number; the halves rule is the domain's (daysIssue).

const isoDate = (missing: string) => z.iso.date({ error: missing });
const blankToNull = (v: unknown) => (v === '' || v === undefined ? null : v);
const daysField = (missing: string) => z.coerce.number({ error: missing }).refine(Number.isFinite, missing);
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const offerForm = z.object({
  title: requiredText('Enter a title', 'Title', 120),
  description: requiredText('Enter a description', 'Description', 2000),
  specialismId: z.preprocess(blankToNull, z.string().uuid('Choose a specialism from the list').nullable()),
  phase: z.preprocess(blankToNull, z.enum(phases, { error: 'Choose a phase from the list' }).nullable()),
  typicalDays: daysField('Enter the typical days as a number, like 1 or 2.5'),
  price: z.preprocess(
    blankToNull,
    z.coerce
      .number({ error: 'Enter the price in pounds, like 350 or 350.50' })
      .min(0, 'The price cannot be negative')
      .max(1_000_000, 'The price must be less than £1,000,000')
      .refine(
        (n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6,
        'Enter the price in pounds and pence',
      )
      .nullable(),
  ),
  providerIds: z.preprocess(asList, z.array(z.string().uuid('Choose providers from the list')).max(20)),
});

export const requestForm = z.object({
  kind: z.enum(requestKinds, { error: 'Choose what the school needs' }),
  schoolUrn: z.coerce.number({ error: 'Choose the school' }).int('Choose the school').positive('Choose the school'),
  offerId: z.preprocess(blankToNull, z.string().uuid('Choose an offer from the list').nullable()),
  specialismId: z.preprocess(blankToNull, z.string().uuid('Choose a specialism from the list').nullable()),
  phase: z.enum(phases, { error: 'Choose the phase' }),
  objectives: requiredText('Enter what the support should achieve', 'Objectives', 2000),
  days: z.preprocess(blankToNull, daysField('Enter the days as a number, like 3 or 3.5').nullable()),
  preferredStartOn: isoDate('Enter the earliest start date as a real date'),
  preferredEndOn: isoDate('Enter the latest end date as a real date'),
});

export const proposeForm = z.object({ designationId: z.string({ error: 'Choose a leader' }).uuid('Choose a leader') });

export const answerForm = z.object({
  answer: z.enum(['yes', 'no'], { error: 'Choose yes or no' }),
  reason: optionalText('Reason', 500),
});

export const agreeForm = z.object({
  objectives: requiredText('Enter the objectives', 'Objectives', 2000),
  days: daysField('Enter the days as a number, like 3 or 3.5'),
  startsOn: isoDate('Enter the start date as a real date'),
  endsOn: isoDate('Enter the end date as a real date'),
  payingSchoolUrn: z.coerce
    .number({ error: 'Enter the URN of the school that pays' })
    .int()
    .positive('Enter the URN of the school that pays'),
  criterion1: requiredText('Enter at least one success criterion', 'Success criterion', 500),
  baseline1: requiredText('Enter the baseline measure for the first criterion', 'Baseline', 500),
  target1: optionalText('Target', 500),
  criterion2: optionalText('Success criterion', 500),
  baseline2: optionalText('Baseline', 500),
  target2: optionalText('Target', 500),
});

export const dayLogForm = z.object({
  workedOn: isoDate('Enter the date worked as a real date'),
  halfDays: z.enum(['1', '2'], { error: 'Choose a half day or a full day' }).transform((v) => Number(v) as 1 | 2),
  activity: requiredText('Enter what was done', 'Activity', 500),
});

export const evaluationForm = z.object({
  rating: z.enum(supportRatings, { error: 'Choose a rating' }),
  comment: optionalText('Comment', 2000),
});

export const reflectionForm = z.object({ reflection: requiredText('Enter your reflection', 'Reflection', 2000) });
export const noteForm = z.object({ body: requiredText('Enter the note', 'Note', 2000) });
export const milestoneForm = z.object({
  title: requiredText('Enter the milestone', 'Milestone', 200),
  dueOn: isoDate('Enter the due date as a real date'),
});
export const cancelForm = z.object({ reason: requiredText('Enter why the deployment is cancelled', 'Reason', 500) });

export const findingsForm = z.object({
  findings: requiredText('Enter what the diagnostic found', 'Findings', 2000),
  specialismId: z.preprocess(blankToNull, z.string().uuid('Choose a specialism from the list').nullable()),
  phase: z.enum(phases, { error: 'Choose the phase' }),
  objectives: requiredText('Enter what the follow-up support should achieve', 'Objectives', 2000),
  days: daysField('Enter the days as a number, like 3 or 3.5'),
  preferredStartOn: isoDate('Enter the earliest start date as a real date'),
  preferredEndOn: isoDate('Enter the latest end date as a real date'),
});
