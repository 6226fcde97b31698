import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { phases } from '../networks/domain.ts';
import { designationKinds } from './domain.ts';
import { trainingKinds } from './rounds-domain.ts';

// Forms of the designation-round pages; the rules across fields are the domain's (checked by the commands).

const isoDate = (missing: string) => z.iso.date({ error: missing });
const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const halfDays = (label: string) =>
  z.coerce
    .number({ error: `Enter ${label} as a number, like 15 or 7.5` })
    .refine(Number.isFinite, `Enter ${label} as a number, like 15 or 7.5`)
    .refine(
      (n) => n > 0 && n <= 190 && Number.isInteger(n * 2),
      `${label[0]!.toUpperCase()}${label.slice(1)} must be whole or half days, more than 0 and no more than 190`,
    );

export const newRoundForm = z.object({
  title: requiredText('Enter a title for the round', 'Title'),
  kind: z.enum(designationKinds, { error: 'Select the kind of designation' }),
  phases: z.preprocess(asList, z.array(z.enum(phases, { error: 'Select phases from the list' })).min(1, 'Select at least one phase')),
  specialismIds: z.preprocess(asList, z.array(z.string().uuid('Select specialisms from the list')).max(50)),
  opensOn: isoDate('Enter the opening date'),
  closesOn: isoDate('Enter the closing date'),
  termStartsOn: isoDate('Enter the date designations start'),
  termEndsOn: isoDate('Enter the date designations end'),
  criteria: z
    .string({ error: 'Enter the criteria, one a line' })
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().max(300, 'Each criterion must be 300 characters or fewer'))
        .min(1, 'Enter at least one criterion')
        .max(10, 'Enter no more than 10 criteria'),
    ),
  maxScore: z.coerce
    .number({ error: 'Enter the highest score' })
    .int('Enter the highest score as a whole number')
    .min(1, 'The highest score must be 1 to 10')
    .max(10, 'The highest score must be 1 to 10'),
});

/** The application form: fixed fields plus one statement per criterion (`statement-<position>`). */
export function applyForm(criteria: { position: number }[]) {
  const statements = Object.fromEntries(
    criteria.map((c) => [`statement-${c.position}`, requiredText('Write your statement against this criterion', 'A statement', 5000)]),
  );
  return z.object({
    phase: z.enum(phases, { error: 'Select the phase' }),
    leadershipYears: z.coerce
      .number({ error: 'Enter your years in leadership as a number' })
      .refine(Number.isFinite, 'Enter your years in leadership as a number')
      .refine((n) => n >= 0 && n <= 60 && Number.isInteger(n * 10), 'Enter your years in leadership from 0 to 60, like 3 or 2.5'),
    specialismIds: z.preprocess(
      asList,
      z.array(z.string().uuid('Select specialisms from the list')).min(1, 'Select at least one specialism').max(20),
    ),
    ...statements,
  });
}

export const endorseForm = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('endorse'), releaseDays: halfDays('the release days'), note: optionalText('Note', 2000) }),
    z.object({ decision: z.literal('refuse'), note: requiredText('Say why you cannot endorse the application', 'The reason', 2000) }),
  ],
  { error: 'Choose whether you endorse the application' },
);

export function scoreForm(criteria: { position: number; maxScore: number }[]) {
  const scores = Object.fromEntries(
    criteria.map((c) => [
      `score-${c.position}`,
      z.coerce
        .number({ error: `Enter a score from 0 to ${c.maxScore}` })
        .int(`Enter a whole-number score from 0 to ${c.maxScore}`)
        .min(0, `Enter a score from 0 to ${c.maxScore}`)
        .max(c.maxScore, `Enter a score from 0 to ${c.maxScore}`),
    ]),
  );
  return z.object({ ...scores, comment: optionalText('Comment', 2000) });
}

export const decisionForm = z.discriminatedUnion(
  'decision',
  [
    z.object({ decision: z.literal('designate'), feedback: optionalText('Feedback', 2000) }),
    z.object({ decision: z.literal('decline'), feedback: requiredText('Give feedback when you decline', 'Feedback', 2000) }),
  ],
  { error: 'Choose to designate or decline' },
);

export const trainingForm = z.object({
  kind: z.enum(trainingKinds, { error: 'Select induction or training' }),
  title: requiredText('Enter the session title', 'Title'),
  heldOn: isoDate('Enter the date it was held'),
  attendeeIds: z.preprocess(asList, z.array(z.string().uuid('Select attendees from the list')).max(200)),
});

export const reviewForm = z.object({
  heldOn: isoDate('Enter the date of the meeting'),
  attendees: requiredText('Enter who attended', 'Attendees', 2000),
  notes: requiredText('Enter the notes of the meeting', 'Notes', 10000),
  actions: optionalText('Actions', 5000),
});
