import { randomUUID } from 'node:crypto';
import type { Deps } from '../../kernel/http/context.ts';
import { type AllocationProgress, proposeAllocation } from './brokerage-allocation.ts';

// "Allocate all" for a large network runs after the redirect, and a page follows its progress. Runs live in
// this process only (the server is one process): a proposal is reviewed within minutes and nothing is saved
// until the broker proposes its lines, so a run lost to a restart is simply started again.

export type AllocationProposal = Awaited<ReturnType<typeof proposeAllocation>>;

export interface AllocationRun {
  id: string;
  networkId: string;
  status: 'running' | 'finished' | 'failed';
  progress: AllocationProgress;
  proposal: AllocationProposal | null;
  startedAt: number;
}

/** From this many open requests the page runs the allocation in the background and shows its progress. */
export const BACKGROUND_FROM_REQUESTS = 100;
/** How long a finished run stays to be reviewed. */
const KEEP_MS = 60 * 60 * 1000;

const runs = new Map<string, AllocationRun>();

export function startAllocationRun(deps: Deps, networkId: string): AllocationRun {
  const now = Date.now();
  for (const [id, old] of runs) if (old.status !== 'running' && now - old.startedAt > KEEP_MS) runs.delete(id);
  const run: AllocationRun = {
    id: randomUUID(),
    networkId,
    status: 'running',
    progress: { stage: 'reading', done: 0, total: 0 },
    proposal: null,
    startedAt: now,
  };
  runs.set(run.id, run);
  const job: Promise<unknown> = proposeAllocation(deps.database.db, networkId, (p) => {
    run.progress = p;
  })
    .then((proposal) => {
      run.proposal = proposal;
      run.status = 'finished';
    })
    .catch((err) => {
      run.status = 'failed';
      deps.log.error('allocation run failed', { runId: run.id, error: String(err) });
    })
    .finally(() => deps.background.delete(job));
  deps.background.add(job);
  return run;
}

/** The run, if it belongs to this network (another network's run is as good as missing). */
export function findAllocationRun(networkId: string, runId: string): AllocationRun | null {
  const run = runs.get(runId);
  return run && run.networkId === networkId ? run : null;
}
