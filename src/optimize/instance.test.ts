import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerAllocateCommand } from '../cli/allocate.ts';
import { solveAllocation } from './allocate.ts';
import { type AllocationInstance, parseInstance, problemFromInstance } from './instance.ts';

const instance = (): AllocationInstance => ({
  maxDistanceMetres: 50_000,
  unservedDayCost: 10_000,
  tierCostPerDay: [0, 20, 50],
  schools: [
    { id: 1, easting: 400_000, northing: 300_000, phase: 'primary' },
    { id: 2, easting: 403_000, northing: 304_000, phase: 'primary' }, // 5 km from 1
    { id: 3, easting: 460_000, northing: 300_000, phase: 'secondary' }, // 60 km from 1
    { id: 4, easting: 400_000, northing: 349_990, phase: 'special' }, // 49.99 km from 1
  ],
  leaders: [
    { id: 'near', school: 2, specialisms: ['maths'], phase: 'primary', days: 3, tier: 1 },
    { id: 'far', school: 3, specialisms: ['maths'], phase: 'all', days: 10, tier: 0 },
    { id: 'edge', school: 4, specialisms: ['maths', 'send'], phase: 'all', days: 10, tier: 2 },
    { id: 'own', school: 1, specialisms: ['maths'], phase: 'primary', days: 10, tier: 0 },
    { id: 'secondary', school: 2, specialisms: ['maths'], phase: 'secondary', days: 10, tier: 0 },
  ],
  requests: [
    { id: 'r1', school: 1, specialism: 'maths', phase: 'primary', days: 2 },
    { id: 'r2', school: 1, specialism: 'science', phase: 'primary', days: 1.5 },
  ],
});

describe('instance rules', () => {
  it('pairs only fitting leaders within reach and not from the school, at round(metres / 100) + tier cost per day', () => {
    const problem = problemFromInstance(instance());
    expect(problem.pairs).toEqual([
      { request: 'r1', leader: 'near', costPerDay: 50 + 20 }, // 5,000 m
      { request: 'r1', leader: 'edge', costPerDay: 500 + 50 }, // 49,990 m rounds to 500
    ]);
    const result = solveAllocation(problem, { variant: 'whole' });
    expect(result.assignments).toEqual([{ request: 'r1', leader: 'near', days: 2 }]);
    expect(result.unserved).toEqual([{ request: 'r2', days: 1.5, reason: 'no eligible leader within reach', competing: [] }]);
    expect(result.objective).toBe(2 * 70 + 1.5 * 10_000);
  });

  it('refuses bad input with messages naming the record', () => {
    const bad = instance() as unknown as { leaders: Record<string, unknown>[]; requests: Record<string, unknown>[] };
    bad.leaders[1]!.days = -1;
    bad.leaders[2]!.specialisms = [];
    bad.requests[0]!.days = 0.3;
    const parsed = parseInstance(bad);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.errors).toEqual([
      'leaders[1] (id "far") days: must not be negative',
      'leaders[2] (id "edge") specialisms: a leader needs at least one specialism',
      'requests[0] (id "r1") days: must be 0.5 or more, in steps of 0.5',
    ]);
    const unknown = { ...instance(), requests: [{ id: 'r9', school: 99, specialism: 'maths', phase: 'primary', days: 1 }] };
    expect(parseInstance(unknown)).toEqual({ ok: false, errors: ['request "r9": unknown school 99'] });
    expect(parseInstance({ ...instance(), unservedDayCost: 550 })).toEqual({
      ok: false,
      errors: ['unservedDayCost must exceed the dearest possible day (550), so that coverage comes first'],
    });
  });
});

describe('alliance allocate', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'alliance-allocate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The command in process (a child process would spend seconds loading the whole app).
  const cli = async (args: string[]) => {
    const program = new Command('alliance').exitOverride();
    registerAllocateCommand(program);
    const stderr: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((m: unknown) => void stderr.push(String(m)));
    process.exitCode = undefined;
    try {
      await program.parseAsync(['node', 'alliance', 'allocate', ...args]);
      return { status: process.exitCode ?? 0, stderr: stderr.join('\n') };
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  };

  it('writes {objective, lowerBound, assignments, unserved}; bad input exits 2 naming the record', async () => {
    const input = path.join(dir, 'instance.json');
    const output = path.join(dir, 'result.json');
    writeFileSync(input, JSON.stringify(instance()));
    const ok = await cli(['--input', input, '--variant', 'split', '--output', output]);
    expect(ok.status, ok.stderr).toBe(0);
    const result = JSON.parse(readFileSync(output, 'utf8'));
    expect(Object.keys(result)).toEqual(['objective', 'lowerBound', 'assignments', 'unserved']);
    expect(result.objective).toBe(15_140);

    const bad = instance();
    bad.requests[1]!.school = 42;
    writeFileSync(input, JSON.stringify(bad));
    const refused = await cli(['--input', input, '--variant', 'whole']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('request "r2": unknown school 42');
  });
});
