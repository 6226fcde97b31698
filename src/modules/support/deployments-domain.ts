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
