import { type Phase, phaseLabels } from '../networks/domain.ts';
import { daysText, fromHalves, toHalves } from './deployments-domain.ts';
import { type DesignationKind, designationKindShort, isCurrent } from './domain.ts';

// Ranked, explained matches of designated leaders to a request for support. Pure: the broker's page,
// the API, the whole-network allocation and the bench all call this with rows they loaded.

export interface MatchRequest {
  schoolUrn: number;
  specialismId: string | null;
  /** Name of the specialism, for the reasons. */
  specialismName: string | null;
  phase: Phase;
  days: number;
  /** The date the support would start: designations must be current on it. */
  startsOn: string;
  location: { easting: number; northing: number } | null;
  /** People who provide the offer the request was made from (preferred). */
  offerProviderIds?: readonly string[];
}

export interface Candidate {
  designationId: string;
  personId: string;
  fullName: string;
  schoolUrn: number | null;
  schoolName: string | null;
  kind: DesignationKind;
  phase: Phase;
  status: 'active' | 'lapsed' | 'withdrawn';
  startsOn: string;
  endsOn: string;
  specialismIds: readonly string[];
  releaseDays: number;
  /** Days this designation has allocated in the request's school year: live deployments and CPD trios. */
  allocatedDays: number;
  location: { easting: number; northing: number } | null;
  /** School ratings of the leader's evaluated deployments, as scores 1 (poor) to 4 (excellent). */
  ratings: readonly number[];
}

export interface Match {
  candidate: Candidate;
  /** Higher is better; only the order matters. */
  score: number;
  daysLeft: number;
  distanceKm: number | null;
  reasons: string[];
}

export interface Exclusion {
  candidate: Candidate;
  reasons: string[];
}

export interface Ranking {
  /** One per person, under their best designation. */
  matches: Match[];
  /** Every eligible designation, best first (a person may have several). */
  everyDesignation: Match[];
  excluded: Exclusion[];
  /** Why nobody matched, when nobody did. */
  unmatchedReason: string | null;
}

/** Cost tiers in day-rate order: the cheaper tier is preferred when all else is equal. */
const tierRank: Record<DesignationKind, number> = { sle: 1, lead_practitioner: 1, ast: 1, lead_mentor: 1, lle: 2, nle: 3 };
/** Scores in the same band of this many points count as equals: the leader deployed less this year goes first. */
export const EQUAL_BAND = 5;
const band = (m: Match) => Math.floor(m.score / EQUAL_BAND);
/** How far a leader may travel to a school (straight line), unless the network sets its own reach (support_settings). */
export const DEFAULT_REACH_KM = 50;
/** The reach a network may set, in whole km. */
export const REACH_KM_RANGE = { min: 1, max: 500 } as const;
export const REACH_KM_MESSAGE = `Enter the reach in whole kilometres, from ${REACH_KM_RANGE.min} to ${REACH_KM_RANGE.max}`;
/** Whether a network may set this reach. */
export const isValidReachKm = (reachKm: number) =>
  Number.isInteger(reachKm) && reachKm >= REACH_KM_RANGE.min && reachKm <= REACH_KM_RANGE.max;

export const distanceKmBetween = (a: { easting: number; northing: number }, b: { easting: number; northing: number }) =>
  Math.round(Math.hypot(a.easting - b.easting, a.northing - b.northing) / 100) / 10;

/**
 * A leader's release days not yet held in the school year (never below zero): the one calculation behind the
 * directory's profiles, brokerage's matches, the optimiser and the CPD trios' SLEs. `allocatedDays` counts
 * deployments and trios alike (allocatedDaysSql in deployments-capacity.ts).
 */
export const releaseDaysLeft = (c: { releaseDays: number; allocatedDays: number }) =>
  Math.max(0, fromHalves(toHalves(c.releaseDays) - toHalves(c.allocatedDays)));

/** Km between the request's school and the leader's, to 0.1 km as shown; null when either location is unknown. */
const distanceKmOf = (r: MatchRequest, c: Candidate) => (r.location && c.location ? distanceKmBetween(r.location, c.location) : null);

/**
 * Whether a leader's phase fits the need: the same phase, or either side all-through. Matching only ranks a
 * leader of another phase lower (a broker may choose one deliberately); "allocate all" proposes only leaders who fit.
 */
export const phaseFits = (r: { phase: Phase }, c: { phase: Phase }) =>
  c.phase === r.phase || c.phase === 'all_through' || r.phase === 'all_through';

/**
 * The hard rules: why this candidate may not be matched at all (empty when they may). `reachKm` is the
 * network's reach: a leader further away is excluded; one whose distance is unknown is not.
 */
export function exclusionReasons(r: MatchRequest, c: Candidate, reachKm: number = DEFAULT_REACH_KM): string[] {
  const reasons: string[] = [];
  if (c.schoolUrn !== null && c.schoolUrn === r.schoolUrn) reasons.push('Works at the requesting school (conflict of interest)');
  if (!isCurrent(c, r.startsOn)) reasons.push(`Designation not current on ${r.startsOn}`);
  if (r.specialismId && !c.specialismIds.includes(r.specialismId)) reasons.push(`Does not hold ${r.specialismName ?? 'the specialism'}`);
  const distanceKm = distanceKmOf(r, c);
  if (distanceKm !== null && distanceKm > reachKm)
    reasons.push(`${distanceKm.toFixed(1)} km away, beyond the network’s reach of ${reachKm} km`);
  const left = releaseDaysLeft(c);
  if (toHalves(left) < toHalves(r.days)) reasons.push(`Only ${daysText(left)} left this year; ${daysText(r.days)} needed`);
  return reasons;
}

/** Score and reasons of an eligible candidate: the nearer within the network's reach, the better. */
export function scoreCandidate(r: MatchRequest, c: Candidate, reachKm: number = DEFAULT_REACH_KM): Match {
  const reasons: string[] = [];
  let score = 0;
  if (r.specialismId) {
    score += 30;
    reasons.push(`Holds ${r.specialismName ?? 'the specialism'}`);
  }
  if (c.phase === r.phase) {
    score += 30;
    reasons.push(`${phaseLabels[c.phase]} phase, as requested`);
  } else if (phaseFits(r, c)) {
    score += 15;
    reasons.push(`${phaseLabels[c.phase]} designation for a ${phaseLabels[r.phase].toLowerCase()} need`);
  } else reasons.push(`${phaseLabels[c.phase]} designation for a ${phaseLabels[r.phase].toLowerCase()} need (phase differs)`);

  const distanceKm = distanceKmOf(r, c);
  if (distanceKm === null) reasons.push('Distance unknown');
  else {
    score += 25 * Math.max(0, 1 - distanceKm / reachKm);
    reasons.push(`${distanceKm.toFixed(1)} km away`);
  }

  const daysLeft = releaseDaysLeft(c);
  reasons.push(`${daysText(daysLeft)} of ${c.releaseDays} left this year; ${fromHalves(toHalves(daysLeft) - toHalves(r.days))} after this`);

  if (c.ratings.length === 0) reasons.push('No evaluated deployments yet');
  else {
    const mean = c.ratings.reduce((a, b) => a + b, 0) / c.ratings.length;
    score += (mean - 2.5) * 8;
    const good = c.ratings.filter((x) => x >= 3).length;
    reasons.push(
      `Rated good or better on ${good} of ${c.ratings.length} evaluated ${c.ratings.length === 1 ? 'deployment' : 'deployments'}`,
    );
  }

  score -= (tierRank[c.kind] - 1) * 5;
  reasons.push(`${designationKindShort[c.kind]} day rate tier`);

  if (r.offerProviderIds?.includes(c.personId)) {
    score += 20;
    reasons.push('Provides the offer the school chose');
  }
  if (c.allocatedDays > 0) reasons.push(`Already allocated ${daysText(c.allocatedDays)} this year`);
  else reasons.push('Not yet deployed this year');
  return { candidate: c, score: Math.round(score * 10) / 10, daysLeft, distanceKm, reasons };
}

/** Best first: by score band, and among equals the leader deployed less this year, then the higher score, then the nearer. */
export function compareMatches(a: Match, b: Match): number {
  if (band(a) !== band(b)) return band(b) - band(a);
  if (a.candidate.allocatedDays !== b.candidate.allocatedDays) return a.candidate.allocatedDays - b.candidate.allocatedDays;
  if (a.score !== b.score) return b.score - a.score;
  const da = a.distanceKm ?? Number.POSITIVE_INFINITY;
  const db = b.distanceKm ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.candidate.fullName.localeCompare(b.candidate.fullName) || a.candidate.designationId.localeCompare(b.candidate.designationId);
}

/**
 * Rank the candidates for a request within the network's reach (km). A person with several designations
 * appears once, under the best of them. When nobody is eligible, `unmatchedReason` says why (nobody holds
 * the specialism, or everyone who does is excluded).
 */
export function rankMatches(r: MatchRequest, candidates: readonly Candidate[], reachKm: number = DEFAULT_REACH_KM): Ranking {
  const eligible: Match[] = [];
  const excluded: Exclusion[] = [];
  for (const c of candidates) {
    const reasons = exclusionReasons(r, c, reachKm);
    if (reasons.length) excluded.push({ candidate: c, reasons });
    else eligible.push(scoreCandidate(r, c, reachKm));
  }
  eligible.sort(compareMatches);
  const seen = new Set<string>();
  const matches = eligible.filter((m) => !seen.has(m.candidate.personId) && seen.add(m.candidate.personId));
  const excludedPeople = excluded.filter((e) => !seen.has(e.candidate.personId));
  let unmatchedReason: string | null = null;
  if (matches.length === 0) {
    const holders = r.specialismId ? candidates.filter((c) => c.specialismIds.includes(r.specialismId!)) : candidates;
    unmatchedReason =
      holders.length === 0
        ? r.specialismId
          ? `Nobody in the network holds a designation in ${r.specialismName ?? 'this specialism'}`
          : 'Nobody in the network holds a designation'
        : holders.length === 1
          ? 'The one leader who could do this is excluded by the rules below'
          : `All ${holders.length} leaders who could do this are excluded by the rules below`;
  }
  return { matches, everyDesignation: eligible, excluded: excludedPeople, unmatchedReason };
}

/**
 * What "allocate all" may propose from a ranking: for each person, their best designation whose phase fits
 * (matching lists a person under their best designation, which may be of another phase while another of
 * theirs fits). The line lists each person once: under that designation where they have one, else as ranked.
 */
export function allocationChoices(r: MatchRequest, ranking: Ranking): { proposable: Match[]; listed: Match[] } {
  const seen = new Set<string>();
  const proposable = ranking.everyDesignation.filter(
    (m) => phaseFits(r, m.candidate) && !seen.has(m.candidate.personId) && seen.add(m.candidate.personId),
  );
  const fitting = new Map(proposable.map((m) => [m.candidate.personId, m]));
  const listed = ranking.matches.map((m) => fitting.get(m.candidate.personId) ?? m).sort(compareMatches);
  return { proposable, listed };
}
