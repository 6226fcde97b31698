import { z } from 'zod';

// Form fields about schools, shared by the schools, people and settings pages.

/** A URN typed into a form: empty means none. `label` names the field in the message. */
export const optionalUrn = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(
      z
        .string()
        .regex(/^[1-9]\d{0,7}$/, `${label} must be a number, like 142205`)
        .transform(Number)
        .nullable(),
    );

/** A calendar date typed as yyyy-mm-dd that exists (no 31 February). */
const isoDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), message);

export const joinForm = z.object({ joinedOn: isoDate('Enter the date the school joined, like 2024-09-01') });
export const leaveForm = z.object({ leftOn: isoDate('Enter the date the school left, like 2025-08-31') });
