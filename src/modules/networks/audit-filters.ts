import { z } from 'zod';

/** A calendar date typed as 27/3/2025 (or 27-3-2025) or 2025-03-27, as yyyy-mm-dd; null when not a real date. */
export function parseDateText(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  let [y, mo, d] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  if (!m) {
    m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

const londonHour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' });

/**
 * The instant a calendar day starts in Europe/London. At 00:00 UTC London is on 00:00 or 01:00, and the
 * clocks change at 01:00 UTC, so that hour is the day's offset.
 */
export function londonStartOfDay(isoDate: string, addDays = 0): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d + addDays);
  const offsetHours = Number(londonHour.format(new Date(utcMidnight)));
  return new Date(utcMidnight - offsetHours * 3600_000);
}

const dateText = (label: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v?.trim()) return undefined;
      const iso = parseDateText(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 27/3/2025` });
        return z.NEVER;
      }
      return iso;
    });

const optionalText = z
  .string()
  .trim()
  .max(200, 'Enter 200 characters or fewer')
  .optional()
  .transform((v) => v || undefined);

export const auditFilter = z
  .object({
    action: optionalText,
    actor: optionalText,
    from: dateText('From date'),
    to: dateText('To date'),
    page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'To date must be the same as or after the from date' });
  });
export type AuditFilter = z.infer<typeof auditFilter>;
