import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { raterRelationships } from './feedback360-domain.ts';
import { optionKinds, pathwayStatuses } from './leadership-domain.ts';

/** `score-<qualityId>` fields of a rating form, as numbers by quality id (the command checks each quality has one). */
export function scoresFromForm(body: Record<string, string | string[]>): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const [key, value] of Object.entries(body)) {
    if (!key.startsWith('score-') || typeof value !== 'string') continue;
    const n = Number(value);
    if (Number.isInteger(n)) scores[key.slice('score-'.length)] = n;
  }
  return scores;
}

export const startForm = z.object({ title: requiredText('Enter a name for this 360, such as “Spring term 2026”', 'Name', 120) });

export const raterForm = z.object({
  relationship: z.enum(raterRelationships, { error: 'Select how the rater works with you' }),
  email: z
    .string({ error: 'Enter the rater’s email address' })
    .trim()
    .toLowerCase()
    .email('Enter an email address like name@school.org.uk')
    .max(200),
});

export const commentField = optionalText('Comment', 2000);

export const qualityForm = z.object({
  name: requiredText('Enter the name of the quality', 'Name', 120),
  behaviours: requiredText('Enter at least one behaviour that shows the quality', 'Behaviours', 2000),
});

export const optionForm = z.object({
  kind: z.enum(optionKinds, { error: 'Select the kind of option' }),
  title: requiredText('Enter the title of the option', 'Title', 160),
  description: optionalText('Description', 1000),
  qualityId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid('Select a quality from the list').nullable().default(null)),
});

export const pathwayAddForm = z.object({
  optionId: z.string({ error: 'Select an option' }).uuid('Select an option'),
  feedbackId: z.preprocess((v) => (v === '' ? null : v), z.string().uuid().nullable().default(null)),
});

export const pathwayStatusForm = z.object({ status: z.enum(pathwayStatuses, { error: 'Select a status' }) });
