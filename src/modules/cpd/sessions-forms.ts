import { z } from 'zod';
import { optionalText, requiredText } from '../../kernel/http/forms.ts';
import { sessionSlots } from './sessions-domain.ts';
import { londonToUtc } from './sessions-time.ts';

const time = (missing: string) => z.string({ error: missing }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, missing);
const emptyToNull = (v: unknown) => (v === '' || v === undefined ? null : v);

/** A session as the form sends it: a London date with start and end times, and where it happens. */
export const sessionForm = z
  .object({
    title: requiredText('Enter a title for the session', 'Title'),
    theme: optionalText('Theme', 100),
    slot: z.enum(sessionSlots, { error: 'Select when in the day the session runs' }),
    date: z.iso.date({ error: 'Enter the date of the session' }),
    startTime: time('Enter the start time, like 16:00'),
    endTime: time('Enter the end time, like 17:30'),
    venue: optionalText('Venue'),
    hostSchoolUrn: z.preprocess(emptyToNull, z.coerce.number({ error: 'Select a host school' }).int().positive().nullable()),
    onlineUrl: z.preprocess(
      emptyToNull,
      z.url({ error: 'Enter the online link as a web address, like https://meet.example.org/abc' }).max(500).nullable(),
    ),
    facilitators: optionalText('Facilitators from outside Alliance', 300),
    facilitatorIds: z.preprocess(
      (v) => [...new Set((Array.isArray(v) ? v : [v]).filter((x) => typeof x === 'string' && x !== ''))],
      z
        .array(z.string())
        .refine((ids) => ids.every((id) => z.uuid().safeParse(id).success), 'Choose facilitators from the list')
        .refine((ids) => ids.length <= 10, 'A session can have at most 10 facilitators on Alliance'),
    ),
    capacity: z.coerce
      .number({ error: 'Enter the number of places as a whole number' })
      .int('Enter the number of places as a whole number')
      .min(1, 'A session needs at least 1 place')
      .max(10000, 'A session can have at most 10,000 places'),
    nextSteps: optionalText('Recommended next steps', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.endTime <= v.startTime) ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'The end time must be after the start time' });
    if (!v.venue && v.hostSchoolUrn == null && !v.onlineUrl)
      ctx.addIssue({ code: 'custom', path: ['venue'], message: 'Enter a venue, choose a host school or give an online link' });
  })
  .transform(({ date, startTime, endTime, ...rest }) => ({
    ...rest,
    startsAt: londonToUtc(date, startTime),
    endsAt: londonToUtc(date, endTime),
  }));

export const newSessionForm = z.intersection(sessionForm, z.object({ publish: z.preprocess((v) => v === 'yes', z.boolean()) }));
