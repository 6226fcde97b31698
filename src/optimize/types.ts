// The optimiser's public shapes. Plain ids and numbers only: callers (the support module, the `allocate`
// command) translate their records into an AllocationProblem and read an AllocationResult back.

export type Id = string | number;

/**
 * Requests needing days, leaders offering days, and the pairs allowed to meet with their cost per day.
 * Days are multiples of 0.5; costs are integers. A pair not listed may not be used: eligibility (fit,
 * conflicts of interest, distance) is the caller's to decide.
 */
export interface AllocationProblem {
  /** Cost of one day left unserved; must exceed every pair's cost, so that coverage comes first. */
  unservedCostPerDay: number;
  requests: readonly { id: Id; days: number }[];
  leaders: readonly { id: Id; days: number }[];
  pairs: readonly { request: Id; leader: Id; costPerDay: number }[];
}

/** split: a request's days may be shared among leaders; whole: each request goes to one leader or none. */
export type Variant = 'split' | 'whole';

export interface Assignment {
  request: Id;
  leader: Id;
  days: number;
}

export type UnservedReason = 'no eligible leader within reach' | 'capacity used up by others';

export interface Unserved {
  request: Id;
  days: number;
  reason: UnservedReason;
  /** For 'capacity used up by others': the requests in this allocation holding the eligible leaders' days (empty when those leaders had no days left to give). */
  competing: Id[];
}

export interface AllocationResult {
  /** Sum of days x cost per day over assignments, plus unserved days x unservedCostPerDay. */
  objective: number;
  /** No allocation of this variant costs less (the split optimum; for whole, raised by the search when it can). */
  lowerBound: number;
  assignments: Assignment[];
  unserved: Unserved[];
}

export interface Progress {
  stage: 'split' | 'round' | 'improve' | 'prove';
  /** Fraction of the stage done, 0..1, where it can be told; otherwise null. */
  fraction: number | null;
}

export interface SolveOptions {
  variant: Variant;
  /** A previous result for (nearly) the same problem: re-solving starts from it; the answer is still optimal. */
  warmStart?: AllocationResult;
  /** Budget of the whole variant's search after the split solve (default 1000 ms); the split variant always runs to optimality. */
  timeLimitMs?: number;
  /** Called now and then during long runs, for a progress indicator. */
  onProgress?: (progress: Progress) => void;
}
