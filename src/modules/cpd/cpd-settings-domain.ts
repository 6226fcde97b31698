// A network's CPD settings: the targets its report measures (a past national KPI: at least 50 days of CPD a
// year and 90% positive feedback), how long a freed place is held for the next person on the waiting list,
// and how many weeks after a session its follow-up survey goes. One home for the defaults and the limits;
// the database's CHECK constraints (schema.ts) hold the same limits.

export interface CpdSettings {
  /** Days of CPD a school year (half days allowed). */
  targetDays: number;
  /** Share of feedback that should be positive (4 or 5 out of 5), in percent. */
  targetPositivePercent: number;
  /** Hours a freed place is held for the person it is offered to. */
  offerHours: number;
  /** Weeks after a session that its follow-up survey is sent. */
  followUpWeeks: number;
}

export const cpdSettingsDefaults: CpdSettings = { targetDays: 50, targetPositivePercent: 90, offerHours: 48, followUpWeeks: 6 };

export const cpdSettingsLimits = {
  targetDays: { min: 0, max: 1000 },
  targetPositivePercent: { min: 0, max: 100 },
  offerHours: { min: 1, max: 336 },
  followUpWeeks: { min: 1, max: 52 },
} as const satisfies Record<keyof CpdSettings, { min: number; max: number }>;
