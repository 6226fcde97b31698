import { hasRole, isMember, type Rule } from '../../kernel/policy/policy.ts';

// Peer review, submission, assessment, moderation, certificates and support days. Where a rule is about
// one person's part (the reviewer, the assigned assessor, the sampling moderator, the holder), the route
// passes that person as `personId`, so the rule itself stays a plain yes/no. Pure: the grid test reads it.
// Evidence attachments follow the evidence: whoever may read a peer review or a submission (the reviewer,
// the assigned assessor, a moderator who samples or may sample, the manager) downloads the files it lists,
// and only those; the candidate and their mentors download from the portfolio (policy.ts).

const own = (actor: { personId: string }, personId: string | null | undefined) => personId != null && personId === actor.personId;

export const outcomeRules = {
  /** Propose and confirm peer-review pairings; see every submission; assign assessors; cohort outcomes. */
  'lpOutcome.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** A candidate reviews the portfolio they were paired with (personId: the reviewer). */
  'lpReview.take_part': (actor, s) => hasRole(actor, s.networkId, 'lp_candidate') && own(actor, s.personId),
  /** A candidate submits their own portfolio (personId: the candidate). */
  'lpSubmission.submit': (actor, s) => hasRole(actor, s.networkId, 'lp_candidate') && own(actor, s.personId),
  /** The assessor assigned to a submission judges it (personId: the assessor). */
  'lpAssessment.record': (actor, s) => hasRole(actor, s.networkId, 'assessor') && own(actor, s.personId),
  /** Moderators (the assessor role) see submissions in assessment and sample them. */
  'lpModeration.sample': (actor, s) => hasRole(actor, s.networkId, 'assessor'),
  /** The moderator who sampled a submission moderates it (personId: the moderator). */
  'lpModeration.record': (actor, s) => hasRole(actor, s.networkId, 'assessor') && own(actor, s.personId),
  /** A certificate and its support days: the network's admins and the holder (personId: the holder). */
  'lpCertificate.view': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') || (isMember(actor, s.networkId) && own(actor, s.personId)),
  'lpSupportDay.log': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') || (isMember(actor, s.networkId) && own(actor, s.personId)),
  'lpReport.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
} satisfies Record<string, Rule>;
