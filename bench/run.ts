// `npm run bench`: the speed goals of the foundation, measured in one run.
// 1. Import of the 30,013-school national GIAS file on PGlite and on PostgreSQL (goal: under 10 s each).
// 2. GET /api/v1/schools?q= under autocannon against a real server, beside the ceiling: the same SQL issued
//    directly through the driver at the same concurrency (goal: the API at least 40% of the ceiling).
// PostgreSQL parts run when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a fresh database is created and dropped).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { operatorActor } from '../src/kernel/auth/actor.ts';
import { apiTokens } from '../src/kernel/auth/schema.ts';
import { hashSecret, newSecret } from '../src/kernel/auth/secrets.ts';
import { type Database, openDatabase } from '../src/kernel/db/client.ts';
import { migrate } from '../src/kernel/db/migrate.ts';
import { estimateRows, importSchools } from '../src/modules/networks/commands/import-schools.ts';
import { people } from '../src/modules/networks/schema.ts';
import { schoolSearchQuery } from '../src/modules/networks/schools-queries.ts';
import { createDeps, startServer } from '../src/runtime.ts';
import { createScratchDatabase } from '../test/support/postgres.ts';

const FILE = fileURLToPath(new URL('./data/gias_2018_open.csv', import.meta.url));
const IMPORT_GOAL_S = 10;
const RATIO_GOAL = 0.4;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = 10;
// The national file has no names (schools get "School <URN>"): terms hit the name index and the URN path.
const TERMS = ['school 1422', '142205', 'school 3000', '13929', 'school 1001', '100000'];

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
const ctxFor = (database: Database) => ({
  db: database.db,
  actor: operatorActor('bench'),
  mailer: { local: true, send: async () => {} },
  config,
});

async function timeImport(database: Database, bytes: Buffer) {
  const started = performance.now();
  const result = await importSchools(ctxFor(database), {
    source: bytes,
    fileName: 'gias_2018_open.csv',
    estimatedRows: estimateRows(bytes),
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 'finished') throw new Error(`import failed: ${result.error}`);
  return { seconds, imported: result.imported, rejected: result.rejected };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** The API's own SQL, sent straight to the driver by CONNECTIONS workers for DURATION_S. */
async function ceiling(database: Database) {
  const statements = TERMS.map((q) => schoolSearchQuery(database.db, { q, page: 1, perPage: 50 }).toSQL());
  // biome-ignore lint/suspicious/noExplicitAny: the driver's own client (pg.Pool or PGlite); both have query(text, params).
  const client = (database.db as any).$client as { query(text: string, params: unknown[]): Promise<unknown> };
  const latencies: number[] = [];
  const end = performance.now() + DURATION_S * 1000;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      for (let i = worker; performance.now() < end; i++) {
        const s = statements[i % statements.length]!;
        const t0 = performance.now();
        await client.query(s.sql, s.params);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / DURATION_S, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

async function apiLoad(database: Database) {
  const [person] = await database.db
    .insert(people)
    .values({ fullName: 'Bench Reader', email: `bench-${randomBytes(4).toString('hex')}@example.org` })
    .returning();
  const token = newSecret();
  await database.db
    .insert(apiTokens)
    .values({ personId: person!.id, name: 'bench', tokenHash: hashSecret(token), prefix: token.slice(0, 6) });
  const deps = createDeps(config, database);
  const running = await startServer(deps, { migrate: false });
  try {
    const url = `http://127.0.0.1:${running.port}`;
    // One warm-up request per term, checked, so a broken route fails the bench instead of measuring errors.
    for (const q of TERMS) {
      const res = await fetch(`${url}/api/v1/schools?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`GET /api/v1/schools?q=${q} answered ${res.status}`);
      await res.arrayBuffer();
    }
    // Load comes from a worker thread, as from another client: the server's event loop is not shared with it.
    const result = await autocannon({
      url,
      workers: 1,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${token}` },
      requests: TERMS.map((q) => ({ method: 'GET', path: `/api/v1/schools?q=${encodeURIComponent(q)}` })),
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    if (failed > 0) throw new Error(`${failed} API requests failed under load`);
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    await running.stop();
  }
}

const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);

async function benchOne(kind: 'PGlite' | 'PostgreSQL', open: () => Promise<Database>, bytes: Buffer) {
  const database = await open();
  let closedByServer = false;
  try {
    await migrate(database);
    const imp = await timeImport(database, bytes);
    console.log(
      `import  ${kind.padEnd(10)} ${fmt(imp.seconds, 2)} s  (${imp.imported} schools, ${imp.rejected} rejected)  goal < ${IMPORT_GOAL_S} s: ${imp.seconds < IMPORT_GOAL_S ? 'met' : 'MISSED'}`,
    );
    const direct = await ceiling(database);
    closedByServer = true; // stopping the server closes the database
    const api = await apiLoad(database);
    const ratio = api.rps / direct.rps;
    console.log(`search  ${kind.padEnd(10)}            requests/s      p50 ms      p99 ms`);
    console.log(`  API (autocannon, ${CONNECTIONS} conn.)  ${fmt(api.rps)}    ${fmt(api.p50, 2)}    ${fmt(api.p99, 2)}`);
    console.log(`  direct query (driver)       ${fmt(direct.rps)}    ${fmt(direct.p50, 2)}    ${fmt(direct.p99, 2)}`);
    console.log(
      `  ratio API / direct: ${(ratio * 100).toFixed(0)}%  goal >= ${RATIO_GOAL * 100}%: ${ratio >= RATIO_GOAL ? 'met' : 'MISSED'}\n`,
    );
  } finally {
    if (!closedByServer) await database.close();
  }
}

async function foundationBench() {
  const bytes = readFileSync(FILE);
  console.log(
    `Alliance benchmark: ${estimateRows(bytes)} schools from bench/data/gias_2018_open.csv; load ${DURATION_S} s, ${CONNECTIONS} connections.\n`,
  );
  await benchOne('PGlite', () => openDatabase({}), bytes);
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('PostgreSQL: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL).');
    return;
  }
  const fresh = await createScratchDatabase(adminUrl, 'alliance_bench');
  try {
    await benchOne('PostgreSQL', () => openDatabase({ url: fresh.url, poolSize: CONNECTIONS }), bytes);
  } finally {
    await fresh.drop();
  }
}

/** `npm run bench` runs every part; `npm run bench -- optimize` (or `foundation`, `booking-rush`, `matching`) only the parts named. */
async function main() {
  const parts = process.argv.slice(2);
  const wanted = (part: string) => parts.length === 0 || parts.includes(part);
  if (wanted('foundation')) await foundationBench();
  if (wanted('optimize')) {
    const { runOptimizeBench } = await import('./optimize.ts');
    if (parts.length === 0) console.log('');
    await runOptimizeBench();
  }
  if (wanted('booking-rush')) {
    const { runBookingRush } = await import('./booking-rush.ts');
    if (parts.length === 0) console.log('');
    await runBookingRush();
  }
  if (wanted('matching')) {
    const { runMatchingBench } = await import('./matching.ts');
    if (parts.length === 0) console.log('');
    await runMatchingBench();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
