import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOptions } from './network.ts';

// `alliance network create` itself is tested in create-network.db.test.ts; here, the command line around it.
const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'alliance-network-cli-'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function alliance(args: string[]) {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: root,
    env: { ...env, DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 90_000,
  });
}

it('reads its options into the command input, naming each bad one', () => {
  expect(createOptions.parse({ name: ' Blue Sky ', kind: 'trust', leadUrn: '142205', adminEmail: 'a@b.org' })).toEqual({
    name: 'Blue Sky',
    kind: 'trust',
    leadUrn: 142205,
    adminEmail: 'a@b.org',
  });
  const bad = createOptions.safeParse({ name: '', kind: 'club', leadUrn: 'x', adminEmail: 'nope' });
  expect(bad.success ? [] : bad.error.issues.map((i) => i.message)).toEqual([
    '--name must not be empty',
    '--kind must be one of: teaching_school_alliance, teaching_school_hub, trust, local_authority_network',
    '--lead-urn must be a URN (a number, like 142205)',
    '--admin-email is not an email address (like name@school.org.uk)',
  ]);
});

it('creates a network and prints its id; bad input exits 2 with the reason', () => {
  const created = alliance(['network', 'create', '--name', 'Castle Phoenix', '--kind', 'teaching_school_alliance']);
  expect(created.stderr).toContain('Created Castle Phoenix');
  expect(created.status).toBe(0);
  expect(created.stdout).toMatch(/^[0-9a-f-]{36}\n$/);
  const bad = alliance(['network', 'create', '--name', 'X', '--kind', 'club']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--kind must be one of');
}, 120_000);
