import { Worker } from 'node:worker_threads';
import { ProblemError } from './core.ts';
import type { SolveWorkerData, SolveWorkerMessage } from './solve-worker.ts';
import type { AllocationProblem, AllocationResult, SolveOptions } from './types.ts';

const entry = new URL('./solve-worker-entry.mjs', import.meta.url);

/** The process's own options for the thread, without a `--import tsx`: the entry registers tsx itself (twice costs ~0.15 s). */
function workerExecArgv(): string[] {
  const argv = process.execArgv;
  return argv.filter(
    (arg, i) => arg !== '--import=tsx' && !(arg === '--import' && argv[i + 1] === 'tsx') && !(arg === 'tsx' && argv[i - 1] === '--import'),
  );
}

/**
 * solveAllocation in a worker thread, so that the caller's event loop keeps answering while it solves (the search
 * is CPU-bound for up to its `timeLimitMs`). The same options and result; `onProgress` is called on the caller's
 * thread as the solver's messages arrive. One thread per solve (started in ~0.2 s), ended when the solve ends
 * or `signal` aborts.
 *
 * @rejects ProblemError (the solver's message) when the problem breaks its contract.
 */
export function solveInWorker(problem: AllocationProblem, options: SolveOptions & { signal?: AbortSignal }): Promise<AllocationResult> {
  const { onProgress, signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const workerData: SolveWorkerData = { problem, options: rest };
  return new Promise<AllocationResult>((resolve, reject) => {
    const worker = new Worker(entry, { workerData, execArgv: workerExecArgv() });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', abort);
      void worker.terminate();
      outcome();
    };
    const abort = () => settle(() => reject(signal!.reason));
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: SolveWorkerMessage) => {
      if (settled) return;
      if (message.kind === 'progress') onProgress?.(message.progress);
      else if (message.kind === 'result') settle(() => resolve(message.result));
      else
        settle(() => {
          const error = message.problemError ? new ProblemError(message.message) : new Error(message.message);
          if (message.stack) error.stack = message.stack;
          reject(error);
        });
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The solver's thread stopped (exit code ${code}) before answering`))));
  });
}
