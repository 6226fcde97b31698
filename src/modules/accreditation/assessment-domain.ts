// Submission, assessment per standard, moderation and the outcome. Pure.
import { checkPassRule, isFrameworkLevel, type PassResult, type PassRule } from './framework-domain.ts';

/**
 * A submission's lifecycle. The manager assigns an assessor; a moderator may sample it while it is being
 * assessed. When the assessor finishes, an unsampled submission is decided at once; a sampled one waits
 * for the moderator, who may overturn levels before the outcome is decided.
 */
export const submissionStatuses = ['awaiting_assessor', 'in_assessment', 'in_moderation', 'decided'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const submissionStatusLabels: Record<SubmissionStatus, string> = {
  awaiting_assessor: 'Waiting for an assessor',
  in_assessment: 'Being assessed',
  in_moderation: 'Being moderated',
  decided: 'Decided',
};

export const outcomes = ['accredited', 'resubmit'] as const;
export type Outcome = (typeof outcomes)[number];
export const outcomeLabels: Record<Outcome, string> = { accredited: 'Accredited', resubmit: 'Resubmit' };

/** One standard's judgement: the assessor's level (null: not evidenced) and, when moderated, the moderator's. */
export interface StandardJudgement {
  standardId: string;
  level: number | null;
  moderatedLevel?: number | null;
  /** True when the moderator changed the assessor's level. */
  overturned?: boolean;
}

/** The level that counts: the moderator's where they overturned, else the assessor's. */
export function effectiveLevel(j: StandardJudgement): number | null {
  return j.overturned ? (j.moderatedLevel ?? null) : j.level;
}

export interface OutcomeDecision {
  outcome: Outcome;
  pass: PassResult;
  /** Standard ids below the pass level, in framework order: what to work on before resubmitting. */
  toWorkOn: string[];
}

/** Accredited when the framework's pass rule is met on the levels that count; otherwise resubmit, naming the standards to work on. */
export function decideOutcome(standardIds: readonly string[], judgements: readonly StandardJudgement[], rule: PassRule): OutcomeDecision {
  const levels = new Map<string, number>();
  for (const j of judgements) {
    const level = effectiveLevel(j);
    if (level != null) levels.set(j.standardId, level);
  }
  const pass = checkPassRule(standardIds, levels, rule);
  return { outcome: pass.met ? 'accredited' : 'resubmit', pass, toWorkOn: pass.met ? [] : pass.below };
}

export interface JudgementInput {
  standardId: string;
  /** null: judged not evidenced; undefined: not judged yet. */
  level: number | null | undefined;
  feedback: string | null;
}

/**
 * An assessor's (or moderator's) judgements checked against the framework: a level the framework has
 * (or none), only the framework's standards, and, when `complete`, every standard judged with feedback.
 */
export function judgementIssues(
  standards: readonly { id: string; code: string }[],
  levels: readonly { level: number }[],
  judgements: readonly JudgementInput[],
  complete: boolean,
): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  const known = new Map(standards.map((s) => [s.id, s.code]));
  const given = new Map(judgements.map((j) => [j.standardId, j]));
  for (const j of judgements) {
    if (!known.has(j.standardId)) issues.push({ path: `level-${j.standardId}`, message: 'Judge only this framework’s standards' });
    else if (j.level != null && !isFrameworkLevel(levels, j.level)) {
      const range = levels.map((l) => l.level);
      issues.push({
        path: `level-${j.standardId}`,
        message: `${known.get(j.standardId)}: level ${j.level} is not one of this framework’s levels (${Math.min(...range)} to ${Math.max(...range)})`,
      });
    }
  }
  if (complete) {
    for (const s of standards) {
      const j = given.get(s.id);
      if (!j || j.level === undefined) issues.push({ path: `level-${s.id}`, message: `${s.code}: choose the level reached` });
      else if (!j.feedback) issues.push({ path: `feedback-${s.id}`, message: `${s.code}: give feedback on this standard` });
    }
  }
  return issues;
}

/** Who may assess: never the candidate themself, nor their own mentor (who helped build the portfolio). */
export function assessorConflict(assessorId: string, candidatePersonId: string, mentorIds: readonly string[]): string | null {
  if (assessorId === candidatePersonId) return 'A candidate cannot assess their own portfolio';
  if (mentorIds.includes(assessorId)) return 'A candidate’s mentor cannot assess their portfolio';
  return null;
}

/** A moderator checks someone else's judgement: never the assessor, nor the candidate. */
export function moderatorConflict(moderatorId: string, assessorId: string | null, candidatePersonId: string): string | null {
  if (moderatorId === candidatePersonId) return 'A candidate cannot moderate their own portfolio';
  if (moderatorId === assessorId) return 'The assessor cannot moderate their own assessment';
  return null;
}

/** Sampling is possible until the assessor has finished: after that the outcome is settled or already with a moderator. */
export const maySample = (status: SubmissionStatus) => status === 'awaiting_assessor' || status === 'in_assessment';
