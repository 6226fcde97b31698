import { describe, expect, it } from 'vitest';
import { ProblemError, solveAllocation } from './allocate.ts';
import { solveInWorker } from './solve-in-worker.ts';
import { randomProblem, sparseProblem } from './test-problems.ts';
import type { AllocationProblem, Progress } from './types.ts';

// The solver in a worker thread: the same answers as in the caller's thread, its progress passed on, its refusals
// kept, and the caller's event loop free while it searches.

/** The distinct stages in the order they were reported. */
const stagesOf = (progress: Progress[]) => progress.map((p) => p.stage).filter((s, i, all) => s !== all[i - 1]);
const openMessagePorts = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;

describe('solveInWorker', () => {
  it('gives the result solveAllocation gives, for both variants and from a warm start', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const problem = randomProblem(seed, { requests: 12, leaders: 5 });
      for (const variant of ['split', 'whole'] as const) {
        const direct = solveAllocation(problem, { variant });
        expect(await solveInWorker(problem, { variant }), `seed ${seed} ${variant}`).toEqual(direct);
        const grown: AllocationProblem = {
          ...problem,
          requests: problem.requests.map((r, i) => (i === 0 ? { ...r, days: r.days + 1 } : r)),
        };
        const warm = await solveInWorker(grown, { variant, warmStart: direct });
        expect(warm, `seed ${seed} ${variant} warm`).toEqual(solveAllocation(grown, { variant, warmStart: direct }));
      }
    }
  });

  it('passes on the solver’s progress, stage by stage, before it answers', async () => {
    const problem = randomProblem(7);
    const direct: Progress[] = [];
    solveAllocation(problem, { variant: 'whole', onProgress: (p) => direct.push(p) });
    const passedOn: Progress[] = [];
    let answered = false;
    const result = await solveInWorker(problem, {
      variant: 'whole',
      onProgress: (p) => {
        expect(answered).toBe(false);
        passedOn.push(p);
      },
    });
    answered = true;
    expect(result.objective).toBeGreaterThan(0);
    expect(stagesOf(passedOn)).toEqual(['split', 'round', 'improve', 'prove']);
    expect(stagesOf(passedOn)).toEqual(stagesOf(direct));
    expect(passedOn[0]).toEqual({ stage: 'split', fraction: 0 });
  });

  it('rejects a problem that breaks its contract with the solver’s ProblemError and message', async () => {
    const base = { unservedCostPerDay: 100, requests: [{ id: 'a', days: 1 }], leaders: [{ id: 'x', days: 2 }] };
    const bad = { ...base, pairs: [{ request: 'a', leader: 'y', costPerDay: 1 }] };
    const message = (() => {
      try {
        solveAllocation(bad, { variant: 'whole' });
      } catch (err) {
        return (err as Error).message;
      }
    })();
    expect(message).toContain('unknown leader y');
    const refusal = solveInWorker(bad, { variant: 'whole' });
    await expect(refusal).rejects.toBeInstanceOf(ProblemError);
    await expect(refusal).rejects.toThrow(message);
  });

  it('ends its thread when it answers, refuses or is aborted', async () => {
    const before = openMessagePorts();
    await solveInWorker(randomProblem(3), { variant: 'whole' });
    await expect(solveInWorker({ ...randomProblem(3), unservedCostPerDay: -1 }, { variant: 'split' })).rejects.toThrow(
      'unservedCostPerDay',
    );
    const abort = new AbortController();
    const abandoned = solveInWorker(sparseProblem(1, { requests: 1000, leaders: 200, pairsPerRequest: 8 }), {
      variant: 'whole',
      timeLimitMs: 10_000,
      signal: abort.signal,
    });
    setTimeout(() => abort.abort(new Error('no longer wanted')), 50);
    await expect(abandoned).rejects.toThrow('no longer wanted');
    await expect.poll(openMessagePorts, { timeout: 5000 }).toBeLessThanOrEqual(before);
  });

  it('keeps the caller’s event loop turning while it searches', async () => {
    // Not proven optimal within its budget, so the search runs the whole 400 ms (in the caller's thread, no timer would fire).
    const problem = sparseProblem(1, { requests: 1000, leaders: 200, pairsPerRequest: 8 });
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    try {
      const result = await solveInWorker(problem, { variant: 'whole', timeLimitMs: 400 });
      expect(result.assignments.length).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - started;
    longestGap = Math.max(longestGap, performance.now() - last);
    expect(took).toBeGreaterThanOrEqual(400);
    // A blocked loop would show one gap as long as the solve; a loaded machine delays ticks by tens of milliseconds.
    expect(longestGap).toBeLessThan(took / 2);
    expect(ticks).toBeGreaterThan(took / 10 / 4);
  });
});
