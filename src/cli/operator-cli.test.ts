import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real CLI in child processes on one PGlite data folder. Few and coarse: each PGlite start costs seconds.
const root = fileURLToPath(new URL('../../', import.meta.url));
let dataDir: string;
const children = new Set<ChildProcess>();

function env(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return { ...rest, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'info' };
}

function start(args: string[], input?: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], { cwd: root, env: env() });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  child.stdin.end(input ?? '');
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function run(args: string[], input?: string) {
  const p = start(args, input);
  const code = await p.exited;
  return { code, stdout: p.out(), stderr: p.err() };
}

/** Start `serve` and wait for its "listening" log line (PORT=0 picks a free port). */
async function serve() {
  const p = start(['serve']);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /"msg":"listening","url":"http:\/\/[^:]+:(\d+)"/.exec(p.err());
      if (m) {
        clearInterval(timer);
        resolve(Number(m[1]));
      }
    }, 50);
    p.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code}: ${p.err()}`));
    });
  });
  return { ...p, port, base: `http://127.0.0.1:${port}` };
}

beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'alliance-cli-'));
});
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

let token = '';

describe('alliance CLI on PGlite', () => {
  it('refuses bad input with a clear message and exit code 2', async () => {
    const r = await run(['user', 'create', '--email', 'not-an-email', '--name', 'X', '--network', crypto.randomUUID(), '--role', 'boss']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--email is not an email address');
    expect(r.stderr).toContain('--role must be one of: network_admin');
  });

  it('creates a user, then prints a token (and only the token) on stdout', async () => {
    const created = await run(
      ['user', 'create', '--email', 'ops@example.org', '--name', 'Olu Operator', '--password-stdin'],
      'a long enough password\n',
    );
    expect(created.code).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const minted = await run(['token', 'create', '--email', 'OPS@example.org', '--name', 'deploy']);
    expect(minted.code).toBe(0);
    expect(minted.stdout).toMatch(/^all_[A-Za-z0-9_-]{43}\n$/);
    expect(minted.stderr).toContain('shown only this once');
    token = minted.stdout.trim();
  }, 120_000);

  it('locks the data folder against a second process, stops cleanly on SIGTERM and keeps the data', async () => {
    const first = await serve();
    const second = await run(['migrate']);
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain('in use by another Alliance process');
    expect((await fetch(`${first.base}/healthz`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const again = await serve();
    const me = await fetch(`${again.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe('ops@example.org');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 180_000);
});
