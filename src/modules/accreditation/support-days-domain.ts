// The support an accredited Lead Practitioner gives afterwards (seed 001): "up to ten days per academic
// year ... modelling good practice, CPD delivery, team teaching, work scrutiny, using data to inform
// intervention, supporting assessment and developing curriculum. Support will not be formal lesson
// observations, interviews or capability issues." Pure.

export const supportDayKinds = [
  'modelling_good_practice',
  'cpd_delivery',
  'team_teaching',
  'work_scrutiny',
  'using_data',
  'supporting_assessment',
  'developing_curriculum',
] as const;
export type SupportDayKind = (typeof supportDayKinds)[number];
export const supportDayKindLabels: Record<SupportDayKind, string> = {
  modelling_good_practice: 'Modelling good practice',
  cpd_delivery: 'CPD delivery',
  team_teaching: 'Team teaching',
  work_scrutiny: 'Work scrutiny',
  using_data: 'Using data to inform intervention',
  supporting_assessment: 'Supporting assessment',
  developing_curriculum: 'Developing curriculum',
};

/** Named so that a request for one is refused with the reason, not as an unknown value. */
export const forbiddenSupportKinds = ['formal_lesson_observation', 'interview', 'capability'] as const;
export type ForbiddenSupportKind = (typeof forbiddenSupportKinds)[number];
export const forbiddenSupportKindLabels: Record<ForbiddenSupportKind, string> = {
  formal_lesson_observation: 'Formal lesson observations',
  interview: 'Interviews',
  capability: 'Capability work',
};

/** The commitment: at most this many days in an academic year. */
export const SUPPORT_DAYS_PER_YEAR = 10;

/** Days are whole or half days; held as half-days so that sums are exact. */
export const toHalves = (days: number) => Math.round(days * 2);
export const fromHalves = (halves: number) => halves / 2;
export const formatDays = (days: number) => `${days} ${days === 1 ? 'day' : 'days'}`;

/** The academic year (1 September to 31 August) a date falls in, by its first calendar year. */
export function academicYearOf(dateIso: string): number {
  const [y, m] = dateIso.split('-').map(Number) as [number, number];
  return m >= 9 ? y : y - 1;
}
export const academicYearLabel = (startYear: number) => `${startYear} to ${startYear + 1}`;
export const academicYearBounds = (startYear: number) => ({ from: `${startYear}-09-01`, to: `${startYear + 1}-08-31` });

export interface SupportDayRequest {
  kind: string;
  days: number;
  on: string;
}

export interface Accreditation {
  accreditedOn: string;
  expiresOn: string;
}

/**
 * What stops a support day being logged: a forbidden or unknown kind, anything but a whole or half
 * day, a date outside the accreditation, or a total above ten in that academic year (named with the
 * numbers). `loggedInYear` is what is already logged in the year of `on`.
 */
export function supportDayIssues(request: SupportDayRequest, accreditation: Accreditation, loggedInYear: number) {
  const issues: { path: string; message: string }[] = [];
  const forbidden = forbiddenSupportKinds.find((k) => k === request.kind);
  if (forbidden) {
    issues.push({
      path: 'kind',
      message: `${forbiddenSupportKindLabels[forbidden]} cannot be logged: Lead Practitioner support is never formal lesson observation, interviews or capability work`,
    });
  } else if (!supportDayKinds.includes(request.kind as SupportDayKind)) {
    issues.push({ path: 'kind', message: 'Choose the kind of support given' });
  }
  const halves = toHalves(request.days);
  if (!(request.days > 0) || Math.abs(request.days * 2 - halves) > 1e-9) {
    issues.push({ path: 'days', message: 'Enter whole or half days, such as 1 or 0.5' });
  }
  if (request.on < accreditation.accreditedOn) {
    issues.push({ path: 'on', message: 'The date must be on or after the date of accreditation' });
  } else if (request.on > accreditation.expiresOn) {
    issues.push({ path: 'on', message: 'The date must be before the accreditation expires' });
  } else if (issues.every((i) => i.path !== 'days')) {
    const total = fromHalves(toHalves(loggedInYear) + halves);
    if (total > SUPPORT_DAYS_PER_YEAR) {
      const left = fromHalves(Math.max(0, toHalves(SUPPORT_DAYS_PER_YEAR) - toHalves(loggedInYear)));
      issues.push({
        path: 'days',
        message: `This would make ${formatDays(total)} in ${academicYearLabel(academicYearOf(request.on))}: the commitment is at most ${SUPPORT_DAYS_PER_YEAR} days a year (${formatDays(loggedInYear)} already logged, ${formatDays(left)} left)`,
      });
    }
  }
  return issues;
}
