// Exact references from HiGHS (a dev dependency): for tests and the bench only, never for the app.
import highsDefault from 'highs';
import type { Core } from './core.ts';

type Loader = typeof highsDefault.default;
// The package is CommonJS-typed: under ESM its default export may arrive wrapped once more.
export const loadHighs = ((highsDefault as unknown as { default?: Loader }).default ?? highsDefault) as Loader;
export type Highs = Awaited<ReturnType<Loader>>;

/**
 * The allocation as an LP (split) or MIP (whole) in CPLEX LP format. Split: x_p half-days on pair p, u_r unserved
 * half-days. Whole: binary y_p and v_r, one of them 1 per request. The objective is in cost per day x half-days
 * (twice the objective in days), so it is an integer.
 */
export function allocationModel(core: Core, variant: 'split' | 'whole'): string {
  const objective: string[] = [];
  const rows: string[] = [];
  const bounds: string[] = [];
  const binaries: string[] = [];
  const leaderTerms: string[][] = Array.from({ length: core.leaderCount }, () => []);
  for (let r = 0; r < core.requestCount; r++) {
    const need = core.need[r]!;
    const terms: string[] = [];
    for (let p = core.start[r]!; p < core.start[r + 1]!; p++) {
      const l = core.pairLeader[p]!;
      if (variant === 'split') {
        objective.push(`+ ${core.pairCost[p]} x${p}`);
        terms.push(`+ x${p}`);
        leaderTerms[l]!.push(`+ x${p}`);
        bounds.push(` x${p} >= 0`);
      } else {
        objective.push(`+ ${core.pairCost[p]! * need} y${p}`);
        terms.push(`+ y${p}`);
        leaderTerms[l]!.push(`+ ${need} y${p}`);
        binaries.push(` y${p}`);
      }
    }
    if (variant === 'split') {
      objective.push(`+ ${core.unservedCost} u${r}`);
      rows.push(` r${r}: ${terms.join(' ')} + u${r} = ${need}`);
      bounds.push(` u${r} >= 0`);
    } else {
      objective.push(`+ ${core.unservedCost * need} v${r}`);
      rows.push(` r${r}: ${terms.join(' ')} + v${r} = 1`);
      binaries.push(` v${r}`);
    }
  }
  leaderTerms.forEach((terms, l) => {
    if (terms.length) rows.push(` l${l}: ${terms.join(' ')} <= ${core.capacity[l]}`);
  });
  const lines = ['Minimize', ` obj: ${objective.join(' ')}`, 'Subject To', ...rows];
  if (bounds.length) lines.push('Bounds', ...bounds);
  if (binaries.length) lines.push('Binary', ...binaries);
  lines.push('End');
  return lines.join('\n');
}

/** HiGHS's optimum of the allocation model, in cost x half-days; null when it did not prove one. */
export function highsOptimum(highs: Highs, core: Core, variant: 'split' | 'whole', timeLimitSeconds = 60): number | null {
  const solution = highs.solve(allocationModel(core, variant), { time_limit: timeLimitSeconds, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') return null;
  return Math.round(solution.ObjectiveValue);
}
