import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { reviewFrameworks } from './peer-review-domain.ts';

const asList = (v: unknown) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

export const groupForm = z.object({
  name: requiredText('Enter a name for the group', 'Name', 120),
  framework: z.enum(reviewFrameworks, { error: 'Select the framework the group reviews against' }),
  memberIds: z.preprocess(
    asList,
    z.array(z.string().uuid('Choose heads from the list')).min(3, 'Choose 3 or 4 heads').max(4, 'Choose 3 or 4 heads'),
  ),
});

export const visitForm = z.object({
  visitOn: z.preprocess(
    (v) => (v === '' ? null : v),
    z.iso.date({ error: 'Enter the visit date as a date, like 2026-03-14' }).nullable().default(null),
  ),
  focus: optionalText('Focus', 500),
  findings: optionalText('Findings', 8000),
  agreedActions: optionalText('Agreed actions', 4000),
});
