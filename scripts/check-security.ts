// `npm run check:security`: the long security checks, against a server on 127.0.0.1 with a fresh demo database.
// 1. sqlmap (Debian's, --level 3 --batch, signed in) against every query parameter of the API's list,
//    search and filter routes (from the OpenAPI document) and every field of the pages' GET filter forms;
//    plus a deliberately injectable control route mounted only here, which sqlmap must flag.
// 2. The API fuzz with 10,000+ generated bodies over HTTP.
// 3. Uploads (scripts/security-uploads.ts): 413 before the body is read, sniffed type, `../` in names,
//    downloads as attachments with nosniff, the per-person quota.
// 4. The security tests of `npm test` (tenant isolation, sessions and CSRF, throttling, headers, UK GDPR)
//    through a real server on 127.0.0.1 (TEST_OVER_SOCKET=1), tenant isolation with every route x every
//    role (ISOLATION_ALL_ROLES=1; `npm test` asks each route as an admin and one rotating role); on PGlite
//    and, when TEST_DATABASE_URL is set, PostgreSQL.
// Prints its figures; exits 1 on any failure. Options: --fuzz-runs N, --skip-sqlmap, --skip-fuzz,
// --skip-uploads, --skip-tests, --only PATH-SUBSTRING, --sqlmap-jobs N (default 3), --list (print sqlmap's targets only).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { createApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Role } from '../src/kernel/auth/actor.ts';
import { apiTokens } from '../src/kernel/auth/schema.ts';
import { hashSecret, newSecret } from '../src/kernel/auth/secrets.ts';
import { startSession } from '../src/kernel/auth/sessions.ts';
import { findPersonByEmail } from '../src/kernel/auth/sign-in.ts';
import { openDatabase } from '../src/kernel/db/client.ts';
import { migrate } from '../src/kernel/db/migrate.ts';
import { createLogger } from '../src/kernel/log.ts';
import { createDeps } from '../src/runtime.ts';
import { seedDemo } from '../src/seed/demo.ts';
import { fuzzWriteRoutes } from '../test/support/api-fuzz.ts';
import { apiOperations, sampleFor } from '../test/support/openapi.ts';
import { uploadChecks } from './security-uploads.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const fuzzRuns = Number(option('--fuzz-runs') ?? 10_000);
const only = option('--only');
const sqlmapJobs = Number(option('--sqlmap-jobs') ?? 3);
const CONTROL = '/__security-check/vulnerable';
const failures: string[] = [];
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function ensureSqlmap() {
  if (spawnSync('sqlmap', ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.log('sqlmap is not installed: apt-get install -y sqlmap');
  const install = spawnSync('apt-get', ['install', '-y', 'sqlmap'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (install.status !== 0) throw new Error('could not install sqlmap (run apt-get update, then apt-get install -y sqlmap)');
}

/** Run sqlmap on one URL and the named parameters; true when it reports an injection point. */
function sqlmap(
  url: string,
  params: string[],
  cookie: string,
  outputDir: string,
  agent: string,
): Promise<{ injectable: boolean; output: string }> {
  const argv = [
    '-u',
    url,
    '-p',
    params.join(','),
    '--cookie',
    cookie,
    '--user-agent',
    agent,
    '--level',
    '3',
    '--batch',
    '--dbms',
    'PostgreSQL',
    '--flush-session',
    '--disable-coloring',
    '--output-dir',
    outputDir,
    '--timeout',
    '30',
    '--retries',
    '1',
    '--skip-waf',
    // Boolean, error and UNION techniques: time-based and stacked ones wait seconds per payload and would
    // make the run hours long on a shared machine; the control route is found without them.
    '--technique',
    'BEU',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('sqlmap', argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', () => {
      const injectable = /identified the following injection point|is vulnerable|appears to be '.*' injectable/i.test(output);
      resolve({ injectable, output });
    });
  });
}

/** Fields of the GET forms (filters, search) on a page, each with a value the form itself offers. */
function getFormFields(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const form of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = /<form\b[^>]*>/i.exec(form[0])![0];
    if (/method\s*=\s*"post"/i.test(open)) continue;
    const body = form[1]!;
    for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>|<(?:input|textarea)\b([^>]*)>/gi)) {
      const attrs = m[1] ?? m[3]!;
      const name = /\bname="([^"]+)"/.exec(attrs)?.[1];
      if (!name || name === '_csrf' || fields.has(name)) continue;
      if (/\btype="(submit|button|hidden)"/i.test(attrs) && !/\bvalue="[^"]+"/.test(attrs)) continue;
      const option = m[2] !== undefined ? [...m[2].matchAll(/<option\b[^>]*value="([^"]+)"/gi)][0]?.[1] : undefined;
      fields.set(name, option ?? /\bvalue="([^"]+)"/.exec(attrs)?.[1] ?? 'a');
    }
  }
  return fields;
}

/** A row id for a path parameter (`sessionId` -> cpd_sessions, `personId` -> people), preferring the network's rows. */
async function idFor(database: Awaited<ReturnType<typeof openDatabase>>, param: string, networkId: string): Promise<string | null> {
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  if (param === 'urn') {
    const [school] = rows<{ id: string }>(
      await database.db.execute(sql`select school_urn::text as id from network_schools where network_id = ${networkId} limit 1`),
    );
    return school?.id ?? null;
  }
  const base = param
    .replace(/Id$/, '')
    .replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
    .replace(/^_/, '');
  const plurals = base === 'person' ? ['people'] : [`${base}s`, `${base}es`, base.replace(/y$/, 'ies')];
  const tables = rows<{ table_name: string; has_network: boolean }>(
    await database.db.execute(sql`select table_name, bool_or(column_name = 'network_id') as has_network from information_schema.columns
      where table_schema = 'public' group by table_name having bool_or(column_name = 'id')`),
  );
  const exact = tables.filter((t) => plurals.includes(t.table_name));
  const candidates = exact.length ? exact : tables.filter((t) => plurals.some((p) => t.table_name.endsWith(`_${p}`)));
  for (const t of candidates) {
    const table = sql.identifier(t.table_name);
    const [row] = rows<{ id: string }>(
      await database.db.execute(
        t.has_network
          ? sql`select id::text as id from ${table} where network_id = ${networkId} limit 1`
          : sql`select id::text as id from ${table} limit 1`,
      ),
    );
    if (row) return row.id;
  }
  return null;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'alliance-security-'));
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error', DATA_DIR: dir, DATABASE_URL: '', HOST: '127.0.0.1' });
  const database = await openDatabase({ dataDir: dir });
  await migrate(database);
  const personas = await seedDemo({ config, database });
  const admin = personas.find((p) => p.role === ('network_admin' satisfies Role))!;
  const person = (await findPersonByEmail(database.db, admin.email))!;
  const { sessionId } = await startSession(database.db, person.id);
  const cookie = `alliance_session=${sessionId}`;
  const token = newSecret();
  await database.db
    .insert(apiTokens)
    .values({ personId: person.id, name: 'security check', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  const networkId = (
    (await database.db.execute(sql`select network_id from memberships where person_id = ${person.id} limit 1`)) as unknown as {
      rows: { network_id: string }[];
    }
  ).rows[0]!.network_id;

  // The app, plus the control route: string-built SQL on purpose, mounted only in this check.
  const deps = createDeps(config, database, createLogger('error'));
  const outer = new Hono();
  let served = 0;
  const servedBy = new Map<string, number>();
  outer.use(async (c, next) => {
    served++;
    const agent = c.req.header('user-agent') ?? '';
    servedBy.set(agent, (servedBy.get(agent) ?? 0) + 1);
    await next();
  });
  outer.get(CONTROL, async (c) => {
    const name = c.req.query('name') ?? '';
    try {
      const result = (await database.db.execute(sql.raw(`select name from networks where name = '${name}'`))) as unknown as {
        rows: unknown[];
      };
      return c.json({ found: result.rows.length });
    } catch (err) {
      return c.text(`database error: ${String(err)}`, 500);
    }
  });
  outer.route('/', createApp(deps));
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: outer.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  console.log(`Server on ${base} (PGlite in ${dir}), demo data seeded, signed in as ${admin.name} (${admin.role}).`);

  try {
    if (!args.includes('--skip-uploads'))
      await uploadChecks(base, database, config, failures).catch((err) => failures.push(`uploads: ${String(err)}`));
    if (!args.includes('--skip-sqlmap')) {
      ensureSqlmap();
      // Targets: API GET routes with query parameters, and pages with GET filter forms; a path's other ids
      // are filled with a row of the signed-in admin's network (idFor), so nested lists are scanned too.
      const { operations } = await apiOperations({ request: (u: string) => fetch(`${base}${u}`) });
      const targets: { url: string; params: string[] }[] = [{ url: `${base}${CONTROL}?name=x`, params: ['name'] }];
      const skipped: string[] = [];
      const fill = async (pathname: string, pattern: RegExp) => {
        let out = pathname;
        for (const m of [...pathname.matchAll(pattern)]) {
          const name = m[1]!;
          const id = name === 'networkId' ? networkId : await idFor(database, name, networkId);
          if (id === null) return null;
          out = out.replace(m[0], encodeURIComponent(id));
        }
        return out;
      };
      for (const op of operations.filter((o) => o.method === 'GET')) {
        const query = op.parameters.filter((p) => p.in === 'query');
        if (query.length === 0) continue;
        const pathname = await fill(op.path, /\{(\w+)\}/g);
        if (pathname === null) {
          skipped.push(`/api/v1${op.path} (no row for its ids)`);
          continue;
        }
        const values = new URLSearchParams(query.map((p) => [p.name, String(sampleFor(p.schema) ?? 'a')]));
        targets.push({ url: `${base}/api/v1${pathname}?${values}`, params: query.map((p) => p.name) });
      }
      const app = createApp(deps);
      for (const route of app.routes.filter(
        (r) => r.method === 'GET' && !r.path.startsWith('/api/') && /^\/networks\/:networkId(\/[\w.:-]+)*$/.test(r.path),
      )) {
        const pathname = await fill(route.path, /:(\w+)/g);
        if (pathname === null) {
          skipped.push(`${route.path} (no row for its ids)`);
          continue;
        }
        const res = await fetch(`${base}${pathname}`, { headers: { cookie } });
        if (!res.ok || !(res.headers.get('content-type') ?? '').includes('text/html')) continue;
        const fields = getFormFields(await res.text());
        if (fields.size) targets.push({ url: `${base}${pathname}?${new URLSearchParams([...fields])}`, params: [...fields.keys()] });
      }
      if (args.includes('--list')) for (const s of skipped) console.log(`  skipped ${s}`);
      const chosen = targets.filter((t, i) => i === 0 || !only || t.url.includes(only));
      console.log(`\n== sqlmap --level 3 on ${chosen.length} routes, ${chosen.reduce((n, t) => n + t.params.length, 0)} parameters ==`);
      if (args.includes('--list')) for (const t of chosen) console.log(`  ${t.url.replace(base, '').replace(networkId, ':networkId')}`);
      const servedBefore = served;
      const sqlmapSince = Date.now();
      // Several sqlmap processes at once (each with its own session folder); requests are counted per run by
      // the User-Agent each one sends (not among the tested parameters: -p names them).
      let next = 0;
      const runOne = async () => {
        for (let i = next++; i < chosen.length; i = next++) {
          const target = chosen[i]!;
          const since = Date.now();
          const agent = `alliance-security-check-${i}`;
          const result = await sqlmap(target.url, target.params, cookie, path.join(dir, `sqlmap-${i}`), agent);
          const control = i === 0;
          const label = target.url.replace(base, '').replace(networkId, ':networkId');
          console.log(
            `${result.injectable ? 'INJECTABLE' : 'clean     '} ${label} [${target.params.join(', ')}] ${servedBy.get(agent) ?? 0} requests, ${seconds(since)}${control ? ' (control)' : ''}`,
          );
          if (control && !result.injectable) {
            failures.push('sqlmap did not flag the deliberately injectable control route: the scanner is not working');
            console.log(result.output.split('\n').slice(-25).join('\n'));
          }
          if (!control && result.injectable) failures.push(`sqlmap found an injection point in ${label}`);
        }
      };
      if (!args.includes('--list')) await Promise.all(Array.from({ length: sqlmapJobs }, runOne));
      console.log(`sqlmap: ${chosen.length} routes, ${served - servedBefore} requests in ${seconds(sqlmapSince)} (${sqlmapJobs} at once)`);
    }

    if (!args.includes('--skip-fuzz')) {
      const since = Date.now();
      const http = { request: (u: string, init?: RequestInit) => fetch(`${base}${u}`, init) };
      const { operations, resolve } = await apiOperations(http);
      console.log(`\n== Fuzz: ${fuzzRuns} generated bodies over ${operations.filter((o) => o.body).length} API write routes ==`);
      const stats = await fuzzWriteRoutes(http, {
        operations,
        resolve,
        headers: { authorization: `Bearer ${token}` },
        networkId,
        numRuns: fuzzRuns,
      });
      console.log(`fuzz: ${stats.requests} requests in ${seconds(since)}; by status ${JSON.stringify(stats.byStatus)}`);
      if (stats.requests < fuzzRuns) failures.push(`fuzz sent ${stats.requests} requests, fewer than ${fuzzRuns}`);
      failures.push(...stats.failures.map((f) => `fuzz: ${f}`));
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
  if (!args.includes('--skip-tests')) {
    // The security tests of `npm test`, again through a real server on 127.0.0.1 (TEST_OVER_SOCKET=1), with
    // tenant isolation asking every route as every role (ISOLATION_ALL_ROLES=1).
    const files = [
      'src/tenant-isolation.http.test.ts',
      'src/kernel/http/sessions-csrf.http.test.ts',
      'src/kernel/auth/throttling.http.test.ts',
      'src/kernel/http/security-headers.http.test.ts',
      'src/modules/privacy/privacy.http.test.ts',
    ];
    const projects = process.env.TEST_DATABASE_URL ? ['pglite', 'postgresql'] : ['pglite'];
    for (const project of projects) {
      console.log(`\n== Security tests over a server on 127.0.0.1, tenant isolation with every role (${project}) ==`);
      const since = Date.now();
      // Generous time limits: a shared machine may be slow, and these runs are about answers, not speed.
      const run = spawnSync('npx', ['vitest', 'run', '--project', project, '--testTimeout=600000', '--hookTimeout=600000', ...files], {
        env: { ...process.env, ISOLATION_ALL_ROLES: '1', TEST_OVER_SOCKET: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      const output = `${run.stdout}${run.stderr}`;
      for (const line of output.split('\n').filter((l) => /tenant isolation \(|Tests\s|Test Files\s|[✓×] /.test(l)))
        console.log(`  ${line.trim()}`);
      console.log(`  in ${seconds(since)}`);
      if (run.status !== 0) {
        failures.push(`security tests over a real server failed on ${project}`);
        console.log(output.slice(-4000));
      }
    }
  }
  console.log(`\ncheck:security finished in ${seconds(started)}: ${failures.length ? `${failures.length} FAILED` : 'passed'}`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
