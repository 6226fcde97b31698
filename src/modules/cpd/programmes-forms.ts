import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';

/** Pounds as typed (60, 60.00, £60) into pence; empty means free. */
const pounds = (label: string) =>
  z
    .string()
    .trim()
    .transform((v) => v.replace(/^£/, '').replace(/,/g, ''))
    .pipe(z.string().regex(/^(\d{1,5}(\.\d{1,2})?)?$/, `Enter ${label} in pounds, like 60 or 45.50`))
    .transform((v) => (v === '' ? 0 : Math.round(Number(v) * 100)));

export const programmeForm = z.object({
  title: requiredText('Enter a title for the programme', 'Title'),
  description: optionalText('Description', 2000),
  themes: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(/[,\n]/)
        .map((t) => t.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().max(100, 'Each theme must be 100 characters or fewer')).max(20, 'Enter at most 20 themes')),
  memberPrice: pounds('the price for member schools’ staff').default(0),
  otherPrice: pounds('the price for others').default(0),
});
