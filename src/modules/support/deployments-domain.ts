import type { DesignationKind } from './domain.ts';

/** A deployment's lifecycle. Days count against the leader's release days in every state but declined and cancelled. */
export const deploymentStatuses = ['proposed', 'agreed', 'active', 'completed', 'evaluated', 'declined', 'cancelled'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];
export const deploymentStatusLabels: Record<DeploymentStatus, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  active: 'Active',
  completed: 'Completed',
  evaluated: 'Evaluated',
  declined: 'Declined',
  cancelled: 'Cancelled',
};
/** The main path, in order, for the progress shown on every deployment page. */
export const deploymentPath: DeploymentStatus[] = ['proposed', 'agreed', 'active', 'completed', 'evaluated'];
/** States whose days no longer count against the leader's release days. */
export const releasedStatuses: DeploymentStatus[] = ['declined', 'cancelled'];
export const holdsDays = (s: DeploymentStatus) => !releasedStatuses.includes(s);

/** Support is a normal deployment; a diagnostic is the one-day review that comes before a request. */
export const deploymentKinds = ['support', 'diagnostic'] as const;
export type DeploymentKind = (typeof deploymentKinds)[number];

/** The tier that sets the day rate: the kind of designation the leader is deployed under. */
export type DeploymentTier = DesignationKind;

/** How the supported school rates the support at the end; "good or better" is what reports count. */
export const supportRatings = ['excellent', 'good', 'satisfactory', 'poor'] as const;
export type SupportRating = (typeof supportRatings)[number];
export const supportRatingLabels: Record<SupportRating, string> = {
  excellent: 'Excellent',
  good: 'Good',
  satisfactory: 'Satisfactory',
  poor: 'Poor',
};
/** Ratings as scores for past feedback in matching (higher is better). */
export const supportRatingScore: Record<SupportRating, number> = { excellent: 4, good: 3, satisfactory: 2, poor: 1 };

/** A day log covers one date, a morning, an afternoon or both. */
export const HALF_DAYS_PER_DAY = 2;

/** What can happen to a deployment. Consent and release keep it proposed; the rest move it along. */
export const deploymentEvents = ['consent', 'release', 'agree', 'start', 'complete', 'evaluate', 'decline', 'cancel'] as const;
export type DeploymentEvent = (typeof deploymentEvents)[number];
export const deploymentEventLabels: Record<DeploymentEvent, string> = {
  consent: 'Leader consented',
  release: 'Released by the leader’s school',
  agree: 'Agreed by the school',
  start: 'Started',
  complete: 'Completed',
  evaluate: 'Evaluated',
  decline: 'Declined',
  cancel: 'Cancelled',
};

const transitions: Record<DeploymentEvent, { from: DeploymentStatus[]; to: DeploymentStatus | null }> = {
  consent: { from: ['proposed'], to: null },
  release: { from: ['proposed'], to: null },
  agree: { from: ['proposed'], to: 'agreed' },
  start: { from: ['agreed'], to: 'active' },
  complete: { from: ['active'], to: 'completed' },
  evaluate: { from: ['completed'], to: 'evaluated' },
  decline: { from: ['proposed'], to: 'declined' },
  cancel: { from: ['proposed', 'agreed', 'active'], to: 'cancelled' },
};

export interface DeploymentState {
  status: DeploymentStatus;
  leaderConsentAt: Date | string | null;
  releasedAt: Date | string | null;
}

/** Why `event` cannot happen now, or null when it can. */
export function eventRefusal(d: DeploymentState, event: DeploymentEvent): string | null {
  const t = transitions[event];
  if (!t.from.includes(d.status)) return `A ${deploymentStatusLabels[d.status].toLowerCase()} deployment cannot be ${pastTense[event]}`;
  if (event === 'consent' && d.leaderConsentAt) return 'The leader has already consented';
  if (event === 'release' && d.releasedAt) return 'The leader’s school has already released them';
  if (event === 'agree' && !d.leaderConsentAt) return 'The leader has not yet consented to this deployment';
  if (event === 'agree' && !d.releasedAt) return 'The leader’s own school has not yet released them';
  return null;
}
const pastTense: Record<DeploymentEvent, string> = {
  consent: 'consented to',
  release: 'released',
  agree: 'agreed',
  start: 'started',
  complete: 'completed',
  evaluate: 'evaluated',
  decline: 'declined',
  cancel: 'cancelled',
};

/** The status after `event` (consent and release leave it where it is). */
export const statusAfter = (d: DeploymentState, event: DeploymentEvent): DeploymentStatus => transitions[event].to ?? d.status;

/** Days as half-day counts, so sums are exact: "3.5" -> 7. */
export const toHalves = (days: number | string) => Math.round(Number(days) * 2);
export const fromHalves = (halves: number) => halves / 2;
export const daysText = (days: number | string) => {
  const n = Number(days);
  return `${n} ${n === 1 ? 'day' : 'days'}`;
};

/** Why a day log cannot be added, or null: dates within the deployment, no more than a full day a date, nor than the days agreed. */
export function dayLogRefusal(
  d: { status: DeploymentStatus; startsOn: string; endsOn: string; days: number | string },
  logged: { workedOn: string; halfDays: number }[],
  entry: { workedOn: string; halfDays: number },
): { path: string; message: string } | null {
  if (d.status !== 'agreed' && d.status !== 'active')
    return { path: 'workedOn', message: 'Days can be logged only on an agreed or active deployment' };
  if (entry.workedOn < d.startsOn || entry.workedOn > d.endsOn)
    return { path: 'workedOn', message: `The date must be within the deployment, ${d.startsOn} to ${d.endsOn}` };
  const sameDay = logged.filter((l) => l.workedOn === entry.workedOn).reduce((n, l) => n + l.halfDays, 0);
  if (sameDay + entry.halfDays > HALF_DAYS_PER_DAY)
    return { path: 'halfDays', message: 'No more than a full day can be logged on one date' };
  const total = logged.reduce((n, l) => n + l.halfDays, 0) + entry.halfDays;
  if (total > toHalves(d.days))
    return {
      path: 'halfDays',
      message: `This would log ${fromHalves(total)} days against ${daysText(d.days)} agreed`,
    };
  return null;
}
