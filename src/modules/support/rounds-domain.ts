import type { FieldIssue } from '../../kernel/http/errors.ts';
import type { LeadershipLevel } from '../networks/domain.ts';
import type { DesignationKind } from './domain.ts';

// Designation rounds: the window, the published criteria, and the life of an application in it.

export const applicationStatuses = ['submitted', 'endorsed', 'not_endorsed', 'designated', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  submitted: 'Awaiting headteacher',
  endorsed: 'Endorsed, with the panel',
  not_endorsed: 'Not endorsed',
  designated: 'Designated',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};

export const trainingKinds = ['induction', 'training'] as const;
export type TrainingKind = (typeof trainingKinds)[number];
export const trainingKindLabels: Record<TrainingKind, string> = { induction: 'Induction', training: 'Training' };

/** Application events and the states they may leave from: submitted -> endorsed -> designated | declined. */
const transitions = {
  endorse: ['submitted'],
  refuseEndorsement: ['submitted'],
  score: ['endorsed'],
  designate: ['endorsed'],
  decline: ['submitted', 'endorsed', 'not_endorsed'],
  withdraw: ['submitted', 'endorsed'],
} as const satisfies Record<string, readonly ApplicationStatus[]>;
export type ApplicationEvent = keyof typeof transitions;

export function mayApplicationDo(status: ApplicationStatus, event: ApplicationEvent): boolean {
  return (transitions[event] as readonly ApplicationStatus[]).includes(status);
}

/** The SLE criteria published by the National College, used as the default for a new round. */
export const defaultCriteria: Record<DesignationKind, string[]> = {
  sle: [
    'At least two years in a leadership role below headteacher',
    'A record of impact: improvements you led, with evidence',
    'Coaching or facilitation: how you have helped other leaders improve',
  ],
  lle: ['At least three years as a headteacher', 'A record of school improvement', 'Supporting another school'],
  nle: ['A record of leading a school judged outstanding', 'Sustained improvement in other schools', 'Leading a team of system leaders'],
  lead_practitioner: ['Excellent classroom practice', 'A record of impact', 'Coaching or facilitation'],
  ast: ['Excellent classroom practice', 'Supporting colleagues in other schools'],
  lead_mentor: ['Mentoring trainees and new teachers', 'Leading other mentors'],
};

/** SLEs lead below headteacher, with at least two years of leadership. */
export const SLE_MIN_LEADERSHIP_YEARS = 2;

export interface RoundWindow {
  opensOn: string;
  closesOn: string;
  termStartsOn: string;
  termEndsOn: string;
}

export function roundIssues(r: RoundWindow): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (r.closesOn < r.opensOn) issues.push({ path: 'closesOn', message: 'The closing date must be on or after the opening date' });
  if (r.termEndsOn <= r.termStartsOn) issues.push({ path: 'termEndsOn', message: 'The designation term must end after it starts' });
  else if (r.termStartsOn < r.opensOn) issues.push({ path: 'termStartsOn', message: 'Designations cannot start before the round opens' });
  return issues;
}

export type RoundPhase = 'upcoming' | 'open' | 'closed';
export function roundPhase(r: { opensOn: string; closesOn: string }, today: string): RoundPhase {
  if (today < r.opensOn) return 'upcoming';
  return today <= r.closesOn ? 'open' : 'closed';
}
export const roundPhaseLabels: Record<RoundPhase, string> = { upcoming: 'Opens soon', open: 'Open for applications', closed: 'Closed' };

/** Why this applicant cannot apply for this kind of designation; empty when they may. */
export function eligibilityIssues(
  kind: DesignationKind,
  applicant: { leadershipYears: number; level: LeadershipLevel | null },
): FieldIssue[] {
  if (kind !== 'sle') return [];
  const issues: FieldIssue[] = [];
  if (applicant.leadershipYears < SLE_MIN_LEADERSHIP_YEARS)
    issues.push({ path: 'leadershipYears', message: 'SLEs need at least two years in a leadership role below headteacher' });
  if (applicant.level === 'headteacher' || applicant.level === 'executive_leader')
    issues.push({ path: 'leadershipYears', message: 'Headteachers apply to be local or national leaders of education, not SLEs' });
  return issues;
}

export interface ScoreRow {
  criterionId: string;
  scorerId: string;
  score: number;
}

/** The panel's mean score per criterion (one decimal), and the total of those means out of the maximum. */
export function panelResult(criteria: { id: string; maxScore: number }[], scores: ScoreRow[]) {
  const per = criteria.map((c) => {
    const mine = scores.filter((s) => s.criterionId === c.id);
    const mean = mine.length ? Math.round((mine.reduce((a, s) => a + s.score, 0) / mine.length) * 10) / 10 : null;
    return { criterionId: c.id, mean, scorers: mine.length, maxScore: c.maxScore };
  });
  const complete = per.every((p) => p.mean !== null);
  const total = Math.round(per.reduce((a, p) => a + (p.mean ?? 0), 0) * 10) / 10;
  const max = criteria.reduce((a, c) => a + c.maxScore, 0);
  return { per, complete, total, max, scorers: new Set(scores.map((s) => s.scorerId)).size };
}
