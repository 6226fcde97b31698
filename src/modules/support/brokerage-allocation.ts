import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Db } from '../../kernel/db/client.ts';
import { solveInWorker } from '../../optimize/solve-in-worker.ts';
import type { AllocationProblem, AllocationResult, Progress } from '../../optimize/types.ts';
import { toHalves } from './deployments-domain.ts';
import {
  allocationChoices,
  type Candidate,
  type Match,
  type MatchRequest,
  type Ranking,
  rankMatches,
  releaseDaysLeft,
} from './matching-domain.ts';
import { schoolYearOf } from './requests-domain.ts';
import { matchCandidates, matchRequestOf, type RequestRow, unallocatedRequests } from './requests-queries.ts';
import { reachKmOf } from './settings-queries.ts';

// "Allocate all open requests": the same matching rules as one request (the network's reach among them), turned
// into the optimiser's problem (each request to one leader or none, no leader past their days left, and only a
// leader whose phase fits) and read back as lines to review.

export interface AllocationLine {
  request: RequestRow;
  proposed: Match | null;
  /** Every eligible leader for the request, best first, those of another phase too: the broker may pick another. */
  eligible: Match[];
  unservedReason: string | null;
}

const UNSERVED_COST_PER_DAY = 1_000_000;
/** Cost per day of a pair: the better the match, the cheaper; the less deployed this year, slightly cheaper. */
const costPerDay = (m: Match) => Math.max(0, Math.round((200 - m.score) * 10)) + toHalves(m.candidate.allocatedDays);

/**
 * Why nobody matched, with the first few exclusions of those who hold the specialism spelt out: the allocation's
 * page lists no rules below.
 */
function unmatchedText(r: MatchRequest, { unmatchedReason, excluded: all }: Ranking): string {
  const excluded = all.filter((e) => !r.specialismId || e.candidate.specialismIds.includes(r.specialismId));
  if (excluded.length === 0) return unmatchedReason!;
  const shown = excluded.slice(0, 3).map((e) => `${e.candidate.fullName}: ${e.reasons.join('; ')}`);
  if (excluded.length > 3) shown.push(`and ${excluded.length - 3} more`);
  return `No eligible leader. ${shown.join('. ')}`;
}

const noPhaseFitReason = (others: number) =>
  `No eligible leader’s phase fits (${others} of another phase, whom the broker may still choose)`;

/**
 * Each network's last solve, kept a while in this process: the next run starts from it (the optimiser's warm
 * start), so that after a broker has proposed some lines and runs again, the lines still as good stay as they were.
 */
const lastSolves = new Map<string, { result: AllocationResult; at: number }>();
const WARM_FOR_MS = 60 * 60 * 1000;

/** Where a run has got to: reading each open request's candidates, then solving (`step`: the optimiser's own stage, once it reports one). */
export type AllocationProgress = { stage: 'reading'; done: number; total: number } | { stage: 'solving'; step?: Progress['stage'] };

export async function proposeAllocation(db: Db, networkId: string, onProgress: (p: AllocationProgress) => void = () => {}) {
  const [requests, reachKm] = await Promise.all([unallocatedRequests(db, networkId), reachKmOf(db, networkId)]);
  onProgress({ stage: 'reading', done: 0, total: requests.length });
  const byYear = new Map<number, Candidate[]>();
  const rankings = new Map<string, Match[]>();
  const unmatched = new Map<string, string>();
  const leaders = new Map<string, { id: string; days: number }>();
  const pairs: AllocationProblem['pairs'][number][] = [];
  for (const r of requests) {
    const year = schoolYearOf(r.preferredStartOn);
    if (!byYear.has(year)) byYear.set(year, await matchCandidates(db, networkId, year));
    const request = await matchRequestOf(db, r);
    const ranking = rankMatches(request, byYear.get(year)!, reachKm);
    // The optimiser proposes only leaders whose phase fits; the broker may still choose another from the line.
    const { proposable: fitting, listed } = allocationChoices(request, ranking);
    rankings.set(r.id, listed);
    if (ranking.unmatchedReason) unmatched.set(r.id, unmatchedText(request, ranking));
    else if (fitting.length === 0) unmatched.set(r.id, noPhaseFitReason(ranking.matches.length));
    for (const m of fitting) {
      // A leader's days are per school year: one optimiser "leader" per designation and year.
      const key = `${m.candidate.designationId}:${year}`;
      if (!leaders.has(key)) leaders.set(key, { id: key, days: releaseDaysLeft(m.candidate) });
      pairs.push({ request: r.id, leader: key, costPerDay: costPerDay(m) });
    }
    onProgress({ stage: 'reading', done: rankings.size, total: requests.length });
    // Let the server answer other requests (this run's progress page among them) between requests: with
    // PGlite nothing here waits on I/O, and without a turn of the event loop the server would be deaf until the end.
    await nextTurn();
  }
  onProgress({ stage: 'solving' });
  const last = lastSolves.get(networkId);
  const previous = last && Date.now() - last.at < WARM_FOR_MS ? last.result : undefined;
  // In a worker thread: the search is CPU-bound for up to its budget, and the server answers meanwhile.
  const result = await solveInWorker(
    {
      unservedCostPerDay: UNSERVED_COST_PER_DAY,
      requests: requests.map((r) => ({ id: r.id, days: Number(r.days) })),
      leaders: [...leaders.values()],
      pairs,
    },
    { variant: 'whole', timeLimitMs: 1500, warmStart: previous, onProgress: (p) => onProgress({ stage: 'solving', step: p.stage }) },
  );
  lastSolves.set(networkId, { result, at: Date.now() });
  const assigned = new Map(result.assignments.map((a) => [String(a.request), String(a.leader).split(':')[0]]));
  const unserved = new Map(result.unserved.map((u) => [String(u.request), u]));
  const lines: AllocationLine[] = requests.map((r) => {
    const eligible = rankings.get(r.id) ?? [];
    const proposed = eligible.find((m) => m.candidate.designationId === assigned.get(r.id)) ?? null;
    const u = unserved.get(r.id);
    const unservedReason = proposed
      ? null
      : (unmatched.get(r.id) ??
        (u?.reason === 'capacity used up by others'
          ? `Every eligible leader’s days go to ${u.competing.length} other ${u.competing.length === 1 ? 'request' : 'requests'} that they fit better`
          : 'No eligible leader'));
    return { request: r, proposed, eligible, unservedReason };
  });
  return { lines, optimal: result.lowerBound === result.objective, fromLastRun: previous !== undefined, reachKm };
}
