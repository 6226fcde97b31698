import type { OptionKind } from './leadership-domain.ts';

// 360-degree feedback: a leader self-rates against the framework, raters answer anonymously, and the
// report compares the two once enough people have answered to keep each answer anonymous.

/** Fewer answers than this and one rater's scores could be worked out: no report. */
export const MIN_RATERS = 3;

export const scale = [1, 2, 3, 4, 5] as const;
export const scaleLabels: Record<(typeof scale)[number], string> = {
  1: 'Rarely',
  2: 'Sometimes',
  3: 'Often',
  4: 'Usually',
  5: 'Consistently',
};

export const raterRelationships = ['line_manager', 'peer', 'team'] as const;
export type RaterRelationship = (typeof raterRelationships)[number];
export const raterRelationshipLabels: Record<RaterRelationship, string> = {
  line_manager: 'Line manager',
  peer: 'Peer',
  team: 'Member of their team',
};

export const feedbackStatuses = ['self_rating', 'open', 'closed'] as const;
export type FeedbackStatus = (typeof feedbackStatuses)[number];
export const feedbackStatusLabels: Record<FeedbackStatus, string> = {
  self_rating: 'Self-rating',
  open: 'Open for raters',
  closed: 'Closed',
};

export type ReportAvailability = { ready: true } | { ready: false; answered: number; needed: number };

export function reportAvailability(answered: number): ReportAvailability {
  return answered >= MIN_RATERS ? { ready: true } : { ready: false, answered, needed: MIN_RATERS - answered };
}

export interface QualityResult {
  qualityId: string;
  name: string;
  self: number | null;
  /** Mean of the raters' scores to one decimal place, null when nobody scored it. */
  others: number | null;
  /** self − others: positive when the leader sees themself more favourably than others do. */
  gap: number | null;
}

const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** Per quality: the self-score and the mean of the others' scores. Anonymous scores come in as bare numbers. */
export function compareScores(
  qualities: { id: string; name: string }[],
  self: Map<string, number>,
  others: Map<string, number[]>,
): QualityResult[] {
  return qualities.map((q) => {
    const scores = others.get(q.id) ?? [];
    const mean = scores.length ? oneDecimal(scores.reduce((s, x) => s + x, 0) / scores.length) : null;
    const mine = self.get(q.id) ?? null;
    return { qualityId: q.id, name: q.name, self: mine, others: mean, gap: mine != null && mean != null ? oneDecimal(mine - mean) : null };
  });
}

/**
 * The qualities to develop first: the two that others rate lowest, and any the leader rates a whole
 * point or more above others (a blind spot); in that order, without repeats.
 */
export function priorities(results: QualityResult[]): { qualityId: string; reason: 'lowest' | 'blind_spot' }[] {
  const rated = results.filter((r) => r.others != null);
  const lowest = [...rated].sort((a, b) => a.others! - b.others! || a.name.localeCompare(b.name)).slice(0, 2);
  const blind = rated.filter((r) => (r.gap ?? 0) >= 1 && !lowest.includes(r)).sort((a, b) => b.gap! - a.gap!);
  return [
    ...lowest.map((r) => ({ qualityId: r.qualityId, reason: 'lowest' as const })),
    ...blind.map((r) => ({ qualityId: r.qualityId, reason: 'blind_spot' as const })),
  ];
}

export interface MenuOption {
  id: string;
  kind: OptionKind | string;
  title: string;
  qualityId: string | null;
}

/** Options from the network's menu for the priority qualities first, then the general ones (no quality). */
export function suggestOptions<O extends MenuOption>(results: QualityResult[], menu: O[]): O[] {
  const order = priorities(results).map((p) => p.qualityId);
  const targeted = order.flatMap((q) => menu.filter((o) => o.qualityId === q));
  const general = menu.filter((o) => o.qualityId === null);
  return [...targeted, ...general];
}
