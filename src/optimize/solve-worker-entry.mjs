// Entry of solveInWorker's thread. Node 20 applies a worker's `--import tsx` to the modules it imports but not
// to its entry file, and under vitest there is no tsx at all: so the entry is JavaScript that registers tsx
// itself, then loads the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./solve-worker.ts');
