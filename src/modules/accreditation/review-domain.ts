// Peer review before submission (seed 000: delegates "peer review and audit each other's
// applications before submission"): pairings and the structured checklist. Pure.

export interface Reviewable {
  /** The candidate (enrolment) id. */
  id: string;
  /** The candidate's school; null when unknown (then never counted as "the same school"). */
  schoolUrn: number | null;
}

export interface Pairing {
  reviewerId: string;
  revieweeId: string;
}

/**
 * Propose who reviews whom: everyone reviews exactly one other and is reviewed by exactly one, never
 * themself, and as few as possible from their own school. Candidates are laid out grouped by school,
 * largest school first, and each reviews the one `m` places on (m = the largest school's size): no two
 * of a group of at most m sit m apart unless the largest school holds more than half of everyone, and
 * then the 2m - n same-school pairs left are the fewest any pairing can have. Deterministic.
 */
export function proposePairings(candidates: Reviewable[]): Pairing[] {
  const n = candidates.length;
  if (n < 2) return [];
  const groups = new Map<string, Reviewable[]>();
  for (const c of [...candidates].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = c.schoolUrn == null ? `none:${c.id}` : String(c.schoolUrn);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const order = [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.length - a.length || ka.localeCompare(kb))
    .flatMap(([, members]) => members);
  const largest = Math.max(...[...groups.values()].map((g) => g.length));
  const shift = largest < n ? largest : 1;
  return order.map((reviewer, i) => ({ reviewerId: reviewer.id, revieweeId: order[(i + shift) % n]!.id }));
}

/** How many pairs keep a reviewer within their own school (the number a manager is shown). */
export function sameSchoolPairs(candidates: Reviewable[], pairings: Pairing[]): number {
  const school = new Map(candidates.map((c) => [c.id, c.schoolUrn]));
  return pairings.filter((p) => {
    const s = school.get(p.reviewerId);
    return s != null && s === school.get(p.revieweeId);
  }).length;
}

export interface PairingIssue {
  path: string;
  message: string;
}

/**
 * The manager's confirmed pairings, checked: each candidate reviews one other candidate of the cohort,
 * never themself, and nobody is reviewed twice. `names` labels the messages.
 */
export function pairingIssues(candidateIds: string[], pairings: Pairing[], names: Map<string, string> = new Map()): PairingIssue[] {
  const known = new Set(candidateIds);
  const issues: PairingIssue[] = [];
  const seenReviewers = new Set<string>();
  const reviewedBy = new Map<string, string>();
  const name = (id: string) => names.get(id) ?? 'this candidate';
  for (const p of pairings) {
    const path = `reviewee-${p.reviewerId}`;
    if (!known.has(p.reviewerId)) issues.push({ path, message: 'Choose reviewers from this cohort’s candidates' });
    else if (seenReviewers.has(p.reviewerId)) issues.push({ path, message: `${name(p.reviewerId)} can review only one portfolio` });
    else if (!known.has(p.revieweeId)) issues.push({ path, message: `Choose whose portfolio ${name(p.reviewerId)} reviews` });
    else if (p.reviewerId === p.revieweeId) issues.push({ path, message: `${name(p.reviewerId)} cannot review their own portfolio` });
    else if (reviewedBy.has(p.revieweeId))
      issues.push({ path, message: `${name(p.revieweeId)} is already reviewed by ${name(reviewedBy.get(p.revieweeId)!)}` });
    else reviewedBy.set(p.revieweeId, p.reviewerId);
    seenReviewers.add(p.reviewerId);
  }
  return issues;
}

// The structured checklist a peer completes. Questions are fixed so that answers compare across a cohort.
export const checklistQuestions = [
  { key: 'coverage', text: 'Every standard claimed has at least one piece of evidence mapped to it' },
  { key: 'context', text: 'Each item says what was done, with whom and when' },
  { key: 'impact', text: 'Each item describes its impact and how it was measured' },
  { key: 'levels', text: 'The levels claimed are supported by the evidence (level 3 reaches beyond the candidate’s team)' },
  { key: 'reflection', text: 'The portfolio shows reflection and next steps, not only a record of activity' },
  { key: 'presentation', text: 'The portfolio is clearly organised and names no pupil' },
] as const;
export type ChecklistKey = (typeof checklistQuestions)[number]['key'];
export const checklistKeys = checklistQuestions.map((q) => q.key) as [ChecklistKey, ...ChecklistKey[]];

export const checklistAnswers = ['met', 'partly', 'not_met'] as const;
export type ChecklistAnswer = (typeof checklistAnswers)[number];
export const checklistAnswerLabels: Record<ChecklistAnswer, string> = { met: 'Yes', partly: 'Partly', not_met: 'Not yet' };

export type Checklist = Record<ChecklistKey, ChecklistAnswer>;

/** Items the reviewer answered "partly" or "not yet": what the candidate should look at before submitting. */
export function checklistGaps(checklist: Checklist): ChecklistKey[] {
  return checklistKeys.filter((k) => checklist[k] !== 'met');
}

/** A pairing is stored once the manager confirms it: the reviewer then has it to do until they complete it. */
export const reviewStatuses = ['assigned', 'completed'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const reviewStatusLabels: Record<ReviewStatus, string> = { assigned: 'To review', completed: 'Reviewed' };
