import { hasRole, type Rule } from '../../kernel/policy/policy.ts';

// Frameworks, cohorts, mentors and portfolios. Rules about one person's part take that person as
// `personId` (the candidate whose portfolio it is, or the mentor whose mentee it is): the route finds the
// relationship, the rule stays a plain yes/no. Pure: the grid test reads it.

const own = (actor: { personId: string }, personId: string | null | undefined) => personId != null && personId === actor.personId;

export const accreditationRules = {
  /** The Accreditation area: the LP manager (a network admin), candidates, mentors and assessors. */
  'accreditation.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'lp_candidate', 'mentor', 'assessor'),
  'lpFramework.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin', 'lp_candidate', 'mentor', 'assessor'),
  /** Editing makes a new version; cohorts keep theirs. */
  'lpFramework.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** Cohorts, their meetings, candidates, mentors and groups (networkId: the cohort's own network or a partner in it). */
  'lpCohort.view': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  'lpCohort.manage': (actor, s) => hasRole(actor, s.networkId, 'network_admin'),
  /** A portfolio (personId: the candidate): the candidate, and the admins of a network in the cohort. */
  'lpPortfolio.view': (actor, s) =>
    hasRole(actor, s.networkId, 'network_admin') || (hasRole(actor, s.networkId, 'lp_candidate') && own(actor, s.personId)),
  /** The candidate writes their own evidence while the portfolio is open. */
  'lpPortfolio.edit': (actor, s) => hasRole(actor, s.networkId, 'lp_candidate') && own(actor, s.personId),
  /**
   * Evidence another candidate shared with a small group, and its files (personId: the actor when the route
   * found them a member of that group today): the group's members only.
   */
  'lpSharedEvidence.view': (actor, s) => hasRole(actor, s.networkId, 'lp_candidate') && own(actor, s.personId),
  /** A mentor reads and comments on a mentee's portfolio (personId: the mentor of that candidate). */
  'lpPortfolio.mentor': (actor, s) => hasRole(actor, s.networkId, 'mentor') && own(actor, s.personId),
} satisfies Record<string, Rule>;
