import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { solveAllocation } from '../optimize/allocate.ts';
import { parseInstance, problemFromInstance } from '../optimize/instance.ts';
import { fail } from './operator.ts';

/** `alliance allocate`: solve a stand-alone instance file (no database), for operators and for checking us. */
export function registerAllocateCommand(program: Command) {
  program
    .command('allocate')
    .description('Allocate requests to system leaders in a stand-alone instance file (JSON; see docs/architecture.md)')
    .requiredOption('--input <file>', 'the instance, JSON')
    .requiredOption('--variant <variant>', 'split (days may be shared among leaders) or whole (one leader per request)')
    .option('--output <file>', 'write the result here instead of printing it')
    .option('--time-limit <ms>', 'search budget of the whole variant after the split solve, in milliseconds', '1000')
    .action((opts: { input: string; variant: string; output?: string; timeLimit: string }) => {
      if (opts.variant !== 'split' && opts.variant !== 'whole') return void fail(`--variant must be split or whole (got ${opts.variant})`);
      const timeLimitMs = Number(opts.timeLimit);
      if (!(timeLimitMs > 0)) return void fail(`--time-limit must be a positive number of milliseconds (got ${opts.timeLimit})`);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(opts.input, 'utf8'));
      } catch (err) {
        return void fail(`Cannot read ${opts.input} as JSON: ${err instanceof Error ? err.message : String(err)}`);
      }
      const parsed = parseInstance(json);
      if (!parsed.ok) return void fail(`${opts.input} is not a valid instance:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}`);
      const started = performance.now();
      const result = solveAllocation(problemFromInstance(parsed.instance), { variant: opts.variant, timeLimitMs });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const text = `${JSON.stringify(result, null, 2)}\n`;
      if (opts.output) writeFileSync(opts.output, text);
      else process.stdout.write(text);
      console.error(
        `${opts.variant}: objective ${result.objective}, lower bound ${result.lowerBound}, ${result.assignments.length} assignments, ${result.unserved.length} unserved, ${seconds} s`,
      );
    });
}
