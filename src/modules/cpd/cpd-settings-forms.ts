import { z } from 'zod';
import { cpdSettingsLimits } from './cpd-settings-domain.ts';

// The settings form as people type it: whole numbers, and days in halves.

const whole = (label: string, { min, max }: { min: number; max: number }, unit: string) =>
  z.coerce
    .number({ error: `Enter ${label} as a whole number` })
    .refine(Number.isInteger, `Enter ${label} as a whole number`)
    .refine((n) => n >= min && n <= max, `Enter ${label} from ${min} to ${max} ${unit}`);

export const cpdSettingsForm = z.object({
  targetDays: z.coerce
    .number({ error: 'Enter the target as a number of days, like 50 or 52.5' })
    .refine((n) => Number.isInteger(n * 2), 'Enter the target in whole or half days, like 50 or 52.5')
    .refine(
      (n) => n >= cpdSettingsLimits.targetDays.min && n <= cpdSettingsLimits.targetDays.max,
      `Enter a target from ${cpdSettingsLimits.targetDays.min} to ${cpdSettingsLimits.targetDays.max} days`,
    ),
  targetPositivePercent: whole('the share of positive feedback', cpdSettingsLimits.targetPositivePercent, 'percent'),
  offerHours: whole('how long a freed place is held', cpdSettingsLimits.offerHours, 'hours (two weeks)'),
  followUpWeeks: whole('when the follow-up survey goes', cpdSettingsLimits.followUpWeeks, 'weeks'),
});
