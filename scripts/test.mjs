#!/usr/bin/env node
// `npm test`: type-check, lint, then every vitest project (PGlite; PostgreSQL when TEST_DATABASE_URL
// is set; browser specs when Chromium is present). With CI=true a missing PostgreSQL or Chromium fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env: process.env }).status ?? 1;

if (ci && !process.env.TEST_DATABASE_URL) {
  console.error('CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests would be skipped.');
  process.exit(1);
}
if (ci && !existsSync(chromium)) {
  console.error(`CI=true but Chromium is not at ${chromium}: the browser specs would be skipped.`);
  process.exit(1);
}
if (!process.env.TEST_DATABASE_URL) console.log('TEST_DATABASE_URL not set: PostgreSQL tests skipped (PGlite only).');
if (!existsSync(chromium)) console.log(`No Chromium at ${chromium}: browser specs skipped.`);

const npx = 'npx';
console.log('\n== Type-check (tsc) ==');
if (run(npx, ['tsc', '--noEmit']) !== 0) process.exit(1);
console.log('\n== Lint (biome) ==');
if (run(npx, ['biome', 'check', '.']) !== 0) process.exit(1);

console.log('\n== Tests (vitest) ==');
const report = path.join(mkdtempSync(path.join(tmpdir(), 'alliance-test-')), 'results.json');
const status = run(npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]);
let summary = '';
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  summary = `${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`;
} catch {
  summary = `0 passed, ${status === 0 ? 0 : 1} failed`;
}
console.log(`\ntests: ${summary}`);
process.exit(status);
