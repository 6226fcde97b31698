import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { evidenceTypes } from './evidence-domain.ts';

const links = z
  .string()
  .max(4000)
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  )
  .pipe(
    z
      .array(z.url({ protocol: /^https?$/, error: 'Enter each link as a full web address starting with https://' }))
      .max(10, 'Add 10 links or fewer'),
  );

/** An evidence item as the form (and the API) sends it; claims are read from `level.<standardId>` fields. */
export const evidenceForm = z.object({
  title: requiredText('Enter a title', 'Title', 200),
  whatWasDone: requiredText('Say what was done', 'What was done', 5000),
  withWhom: optionalText('With whom', 500),
  occurredOn: z.iso.date({ error: 'Enter the date it happened' }),
  impact: requiredText('Describe the impact', 'Impact', 5000),
  impactMeasure: optionalText('How the impact was measured', 2000),
  type: z.enum(evidenceTypes, { error: 'Select the type of evidence' }),
  links,
});

/** `level.<standardId>` = '3' fields -> claims; an empty choice is no claim. A non-number is kept as NaN for the domain to refuse. */
export function claimsFromFields(fields: Record<string, string | string[]>) {
  return Object.entries(fields)
    .filter(([k, v]) => k.startsWith('level.') && typeof v === 'string' && v !== '')
    .map(([k, v]) => ({ standardId: k.slice('level.'.length), level: Number(v) }));
}

export const feedbackForm = z.object({ body: requiredText('Enter your feedback', 'Feedback', 5000) });
