// The body of solveInWorker's thread: solve the problem it was started with, posting progress, then the result or
// the error, to the thread that started it. Loaded through solve-worker-entry.mjs (which registers tsx first).
import { parentPort, workerData } from 'node:worker_threads';
import { ProblemError, solveAllocation } from './allocate.ts';
import type { AllocationProblem, AllocationResult, Progress, SolveOptions } from './types.ts';

export interface SolveWorkerData {
  problem: AllocationProblem;
  options: Omit<SolveOptions, 'onProgress'>;
}

export type SolveWorkerMessage =
  | { kind: 'progress'; progress: Progress }
  | { kind: 'result'; result: AllocationResult }
  | { kind: 'error'; problemError: boolean; message: string; stack?: string };

const post = (message: SolveWorkerMessage) => parentPort!.postMessage(message);
const { problem, options } = workerData as SolveWorkerData;
try {
  post({
    kind: 'result',
    result: solveAllocation(problem, { ...options, onProgress: (progress) => post({ kind: 'progress', progress }) }),
  });
} catch (err) {
  const error = err instanceof Error ? err : new Error(String(err));
  post({ kind: 'error', problemError: error instanceof ProblemError, message: error.message, stack: error.stack });
}
