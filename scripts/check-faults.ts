// `npm run check:faults`: crash safety and backups, against real server processes on 127.0.0.1.
// 1. PostgreSQL: N rounds (default 100) of writes with unique names, each acknowledged write recorded,
//    `kill -9` of the server at a random moment, restart -> no acknowledged write missing, every restart up.
// 2. PGlite: clean restarts after SIGTERM (exit 0, data kept), and a second process on the same data
//    folder refused by the lock while the first runs.
// 3. `alliance backup` then `alliance restore` into an empty database (PGlite -> PGlite, PostgreSQL ->
//    PostgreSQL): equal row counts and per-table checksums, and a server on the restored database
//    serves the restored data.
// 4. Money and capacity on PostgreSQL: 50 parallel proposals over HTTP for a leader's last release days and
//    50 parallel bookings of a session's last places -> exactly the right number succeed; then the model
//    test (test/support/release-days-model.ts) over 10,000 generated operation sequences in parallel workers.
// Prints its figures; exits 1 on any failure. Options: --rounds N, --model-runs N, --skip-postgres, --only
// crash|rush|model|pglite|backup (repeatable; default all).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { apiTokens } from '../src/kernel/auth/schema.ts';
import { hashSecret, newSecret } from '../src/kernel/auth/secrets.ts';
import { tableChecksums } from '../src/kernel/db/backup.ts';
import { type Database, openDatabase } from '../src/kernel/db/client.ts';
import { migrate as migrateDatabase } from '../src/kernel/db/migrate.ts';
import { cpdBookings } from '../src/modules/cpd/schema.ts';
import { networks, specialisms } from '../src/modules/networks/schema.ts';
import { deployments } from '../src/modules/support/brokerage-schema.ts';
import { BLUE_SKY } from '../src/seed/demo.ts';
import {
  addSchoolToNetwork,
  grantRole,
  makeCpdProgramme,
  makeCpdSession,
  makeDesignation,
  makeMember,
  makeNetwork,
  makeSchool,
  makeSupportRequest,
} from '../src/seed/factories.ts';
import { createScratchDatabase } from '../test/support/postgres.ts';
import { type ModelStats, makeModelFixture, runReleaseDaysModel } from '../test/support/release-days-model.ts';

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 100;
const modelRuns = args.includes('--model-runs') ? Number(args[args.indexOf('--model-runs') + 1]) : 10_000;
const only = new Set(args.flatMap((a, i) => (args[i - 1] === '--only' ? [a] : [])));
const part = (name: 'crash' | 'rush' | 'model' | 'pglite' | 'backup') => only.size === 0 || only.has(name);
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://alliance:alliance@127.0.0.1:5432/alliance_test';
const main = path.resolve(import.meta.dirname, '../src/main.ts');
const failures: string[] = [];
const started = Date.now();
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
/** Answers to writes other than 201 (names are unique, so even a 409 is unexpected; printed at the end). */
const unexpected = new Set<string>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

type Target = { DATABASE_URL: string } | { DATA_DIR: string };
const envFor = (target: Target, port: number) => ({
  ...process.env,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PORT: String(port),
  DATABASE_URL: '',
  SMTP_URL: '',
  ...target,
});

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Start `alliance serve` and wait until /healthz answers 200; null (with the output) if it never does. */
async function startServer(target: Target, extra: string[] = [], timeoutMs = 300_000): Promise<Server | { failed: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', main, 'serve', ...extra], {
    env: envFor(target, port),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return { child, base, exited, output: () => output };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  await exited; // so that its data-folder lock is free again
  return { failed: `server did not start: ${output.slice(-800)}` };
}

/** Run the CLI to completion. */
function cli(target: Target, argv: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, ...argv], {
      env: envFor(target, 0),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** A token for the demo's first network admin, written straight to the database. */
async function adminToken(database: Database) {
  const [network] = await database.db.select().from(networks).where(eq(networks.name, BLUE_SKY));
  const [admin] = await database.db
    .execute(sql`select person_id from memberships where network_id = ${network!.id} and role = 'network_admin' limit 1`)
    .then((r) => (r as unknown as { rows: { person_id: string }[] }).rows);
  const token = newSecret();
  await database.db
    .insert(apiTokens)
    .values({ personId: admin!.person_id, name: 'fault check', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  return { token, networkId: network!.id, personId: admin!.person_id };
}

type Auth = Awaited<ReturnType<typeof adminToken>>;

/**
 * A new network the admin runs, for one round's writes: a network keeps at most MAX_OWN_SPECIALISMS of its
 * own, so writing every round into one network would soon be refused and prove nothing.
 */
async function freshNetwork(database: Database, auth: Auth): Promise<Auth> {
  const network = await makeNetwork(database.db, { name: `Fault check ${randomUUID().slice(0, 8)}` });
  await grantRole(database.db, network.id, auth.personId, 'network_admin');
  return { ...auth, networkId: network.id };
}

/** A write the server acknowledged: the specialism's name, unique in the run, and its network. */
interface Ack {
  networkId: string;
  name: string;
}

/** Keep writing new specialisms (unique names) until stopped; record each one the server acknowledged. */
function writeUntilStopped(base: string, auth: Auth, prefix: string, acknowledged: Ack[]) {
  let stop = false;
  let sent = 0;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const name = `${prefix} w${w} n${i}`;
      sent++;
      try {
        const res = await fetch(`${base}/api/v1/networks/${auth.networkId}/specialisms`, {
          method: 'POST',
          headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name, area: 'quality_of_teaching' }),
        });
        if (res.status === 201) acknowledged.push({ networkId: auth.networkId, name });
        else unexpected.add(`${res.status} ${(await res.text()).slice(0, 200)}`);
      } catch {
        return; // the server is gone
      }
    }
  };
  const workers = Promise.all([0, 1, 2, 3].map(worker));
  return {
    sent: () => sent,
    stop: async () => {
      stop = true;
      await workers;
    },
  };
}

async function missingOf(database: Database, acks: Ack[]) {
  const found = new Set<string>();
  for (let i = 0; i < acks.length; i += 1000) {
    const rows = await database.db
      .select({ name: specialisms.name, networkId: specialisms.networkId })
      .from(specialisms)
      .where(
        inArray(
          specialisms.name,
          acks.slice(i, i + 1000).map((a) => a.name),
        ),
      );
    for (const r of rows) found.add(`${r.networkId} ${r.name}`);
  }
  return acks.filter((a) => !found.has(`${a.networkId} ${a.name}`)).map((a) => a.name);
}

/** Migrate and seed the demo (what the first start of the crash rounds does), for a run without them. */
async function seedOnly(url: string) {
  const first = await startServer({ DATABASE_URL: url }, ['--seed-if-empty']);
  if ('failed' in first) return void failures.push(`PostgreSQL first start: ${first.failed}`);
  first.child.kill('SIGTERM');
  await first.exited;
}

async function postgresCrashes(url: string) {
  console.log(`\n== PostgreSQL: ${rounds} rounds of writes killed with SIGKILL at a random moment ==`);
  const first = await startServer({ DATABASE_URL: url }, ['--seed-if-empty']);
  if ('failed' in first) return void failures.push(`PostgreSQL first start: ${first.failed}`);
  first.child.kill('SIGTERM');
  await first.exited;
  const database = await openDatabase({ url, poolSize: 2 });
  const admin = await adminToken(database);
  const acknowledged: Ack[] = [];
  let restarts = 0;
  let idleRounds = 0;
  let sent = 0;
  const restartTimes: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const auth = await freshNetwork(database, admin);
      const since = Date.now();
      const server = await startServer({ DATABASE_URL: url });
      if ('failed' in server) {
        failures.push(`PostgreSQL restart ${round}: ${server.failed}`);
        continue;
      }
      restarts++;
      restartTimes.push(Date.now() - since);
      const before = acknowledged.length;
      const writer = writeUntilStopped(server.base, auth, `crash r${round}`, acknowledged);
      // Kill at a random moment once writes are being acknowledged.
      for (let waited = 0; acknowledged.length === before && waited < 30_000; waited += 20) await sleep(20);
      await sleep(Math.random() * 1000);
      server.child.kill('SIGKILL');
      await writer.stop();
      await server.exited;
      sent += writer.sent();
      if (acknowledged.length === before) idleRounds++;
      if (round % 10 === 0) console.log(`  round ${round}: ${acknowledged.length} acknowledged writes so far`);
    }
    // One more restart after the last kill, then look for every acknowledged write.
    const last = await startServer({ DATABASE_URL: url });
    if ('failed' in last) failures.push(`PostgreSQL final restart: ${last.failed}`);
    else {
      last.child.kill('SIGTERM');
      await last.exited;
    }
    const missing = await missingOf(database, acknowledged);
    const mean = restartTimes.reduce((a, b) => a + b, 0) / Math.max(1, restartTimes.length);
    console.log(
      `PostgreSQL: ${restarts}/${rounds} restarts up (mean ${(mean / 1000).toFixed(1)} s to ready), ${sent} writes sent, ` +
        `${acknowledged.length} acknowledged (${rounds - idleRounds} rounds with writes acknowledged before the kill), ` +
        `${missing.length} acknowledged writes missing`,
    );
    if (idleRounds) failures.push(`PostgreSQL: ${idleRounds} rounds had no write acknowledged before the kill`);
    if (restarts < rounds) failures.push(`PostgreSQL: ${rounds - restarts} restarts failed`);
    if (acknowledged.length < rounds)
      failures.push(`PostgreSQL: only ${acknowledged.length} writes were acknowledged; the check proves little`);
    if (missing.length)
      failures.push(`PostgreSQL: ${missing.length} acknowledged writes missing after kill -9, e.g. ${missing.slice(0, 3).join('; ')}`);
  } finally {
    await database.close();
  }
}

async function pgliteRestarts(dataDir: string) {
  console.log('\n== PGlite: SIGTERM and restart; a second process on the same folder ==');
  const first = await startServer({ DATA_DIR: dataDir }, ['--seed-if-empty']);
  if ('failed' in first) return void failures.push(`PGlite first start: ${first.failed}`);
  // The lock: a second server on the same folder must refuse to start.
  const second = await startServer({ DATA_DIR: dataDir }, [], 60_000);
  if (!('failed' in second)) {
    failures.push('PGlite: a second process opened the same data folder');
    second.child.kill('SIGKILL');
  } else if (!/lock|in use/i.test(second.failed))
    failures.push(`PGlite: the second process failed without naming the lock: ${second.failed.slice(0, 300)}`);
  else console.log('PGlite: a second process on the same data folder was refused (lock)');
  first.child.kill('SIGTERM');
  const firstCode = await first.exited;
  if (firstCode !== 0) failures.push(`PGlite: exit code ${firstCode} after SIGTERM`);

  const cycles = 5;
  const auths: Auth[] = [];
  {
    const database = await openDatabase({ dataDir });
    const admin = await adminToken(database);
    for (let cycle = 1; cycle <= cycles; cycle++) auths.push(await freshNetwork(database, admin));
    await database.close();
  }
  const acknowledged: Ack[] = [];
  let clean = 0;
  for (let cycle = 1; cycle <= cycles; cycle++) {
    const server = await startServer({ DATA_DIR: dataDir });
    if ('failed' in server) {
      failures.push(`PGlite restart ${cycle}: ${server.failed}`);
      continue;
    }
    const before = acknowledged.length;
    const writer = writeUntilStopped(server.base, auths[cycle - 1]!, `term c${cycle}`, acknowledged);
    for (let waited = 0; acknowledged.length === before && waited < 30_000; waited += 20) await sleep(20);
    await sleep(Math.random() * 700);
    server.child.kill('SIGTERM');
    const code = await server.exited;
    await writer.stop();
    if (code === 0) clean++;
    else failures.push(`PGlite: exit code ${code} after SIGTERM in cycle ${cycle}: ${server.output().slice(-300)}`);
  }
  const database = await openDatabase({ dataDir });
  const missing = await missingOf(database, acknowledged);
  await database.close();
  console.log(`PGlite: ${clean}/${cycles} clean stops on SIGTERM, ${acknowledged.length} acknowledged writes, ${missing.length} missing`);
  if (missing.length) failures.push(`PGlite: ${missing.length} acknowledged writes missing after SIGTERM`);
}

async function compareChecksums(label: string, source: Database, restored: Database) {
  const a = await tableChecksums(source);
  const b = new Map((await tableChecksums(restored)).map((t) => [t.name, t]));
  const differ = a.filter((t) => b.get(t.name)?.rows !== t.rows || b.get(t.name)?.checksum !== t.checksum);
  const rows = a.reduce((n, t) => n + t.rows, 0);
  console.log(`${label}: ${a.length} tables, ${rows} rows; ${a.length - differ.length} tables equal in row count and checksum`);
  for (const t of differ) failures.push(`${label}: table ${t.name} differs (${t.rows} rows, restored ${b.get(t.name)?.rows ?? 'missing'})`);
}

/** Serve the restored database and ask the API for the same figures as the source. */
async function servesRestored(label: string, target: Target, auth: { token: string; networkId: string }, expectedPeople: number) {
  const server = await startServer(target);
  if ('failed' in server) return void failures.push(`${label}: the restored database would not serve: ${server.failed}`);
  const res = await fetch(`${server.base}/api/v1/networks/${auth.networkId}/people?perPage=1`, {
    headers: { authorization: `Bearer ${auth.token}` },
  });
  const body = (await res.json()) as { meta?: { total?: number } };
  console.log(`${label}: the app serves the restored data (${res.status}, ${body.meta?.total} people in the network)`);
  if (res.status !== 200 || body.meta?.total !== expectedPeople)
    failures.push(`${label}: served ${res.status} with ${body.meta?.total} people, expected ${expectedPeople}`);
  server.child.kill('SIGTERM');
  await server.exited;
}

async function backupRestore(label: string, source: Target, empty: Target, dir: string) {
  const file = path.join(dir, `${label.replace(/\W+/g, '-')}.jsonl.gz`);
  const open = (t: Target) => openDatabase('DATA_DIR' in t ? { dataDir: t.DATA_DIR } : { url: t.DATABASE_URL, poolSize: 2 });
  let auth: { token: string; networkId: string };
  let expectedPeople: number;
  {
    const database = await open(source);
    auth = await adminToken(database);
    expectedPeople = Number(
      (
        (await database.db.execute(
          sql`select count(distinct person_id)::int as n from memberships where network_id = ${auth.networkId}`,
        )) as unknown as { rows: { n: number }[] }
      ).rows[0]!.n,
    );
    await database.close();
  }
  const since = Date.now();
  const backup = await cli(source, ['backup', '--output', file]);
  if (backup.code !== 0) return void failures.push(`${label}: backup failed: ${backup.output.slice(-500)}`);
  const migrate = await cli(empty, ['migrate']);
  if (migrate.code !== 0) return void failures.push(`${label}: migrate of the empty database failed: ${migrate.output.slice(-500)}`);
  const restore = await cli(empty, ['restore', file]);
  if (restore.code !== 0) return void failures.push(`${label}: restore failed: ${restore.output.slice(-500)}`);
  console.log(`${label}: backup and restore in ${seconds(since)}`);
  const [a, b] = [await open(source), await open(empty)];
  try {
    await compareChecksums(label, a, b);
  } finally {
    await a.close();
    await b.close();
  }
  await servesRestored(label, empty, auth, expectedPeople);
}

/** `n` POSTs sent at once; resolves with the count of each status (0: no answer). */
async function postAtOnce(urls: { url: string; token: string; body: unknown }[]) {
  const statuses = await Promise.all(
    urls.map(({ url, token, body }) =>
      fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
        .then(async (res) => {
          await res.arrayBuffer();
          return res.status;
        })
        .catch(() => 0),
    ),
  );
  const byStatus: Record<number, number> = {};
  for (const st of statuses) byStatus[st] = (byStatus[st] ?? 0) + 1;
  return byStatus;
}

/**
 * 50 parallel attempts on the same last days or places, over HTTP against a server on PostgreSQL: a leader
 * with 10 release days and 50 one-day requests proposed at once (exactly 10 proposed, 40 refused with 409),
 * and 50 people booking a 10-place session at once (exactly 10 confirmed, 40 waiting). Three rounds each.
 */
async function rushes(url: string) {
  console.log('\n== PostgreSQL: 50 parallel attempts on the same last release days and the same last places ==');
  const database = await openDatabase({ url, poolSize: 2 });
  const server = await startServer({ DATABASE_URL: url });
  if ('failed' in server) {
    await database.close();
    return void failures.push(`rush: server did not start: ${server.failed}`);
  }
  try {
    const auth = await adminToken(database);
    const db = database.db;
    const api = `${server.base}/api/v1/networks/${auth.networkId}`;
    const [maths] = await db
      .select({ id: specialisms.id })
      .from(specialisms)
      .where(sql`${specialisms.networkId} is null and ${specialisms.code} = 'maths'`);
    for (let round = 1; round <= 3; round++) {
      const home = await makeSchool(db);
      const leader = await makeMember(db, auth.networkId, 'system_leader', { schoolUrn: home.urn, fullName: `Rush leader ${round}` });
      const designation = await makeDesignation(db, auth.networkId, leader.id, { releaseDays: '10', specialismIds: [maths!.id] });
      const requests = [];
      for (let i = 0; i < 50; i++) {
        const school = await makeSchool(db);
        await addSchoolToNetwork(db, auth.networkId, school.urn);
        requests.push(await makeSupportRequest(db, auth.networkId, school.urn, { specialismId: maths!.id, days: '1' }));
      }
      const days = await postAtOnce(
        requests.map((r) => ({
          url: `${api}/support/requests/${r.id}/deployments`,
          token: auth.token,
          body: { designationId: designation.id },
        })),
      );
      const [held] = await db
        .select({ n: sql<string>`coalesce(sum(${deployments.days}), 0)::text` })
        .from(deployments)
        .where(eq(deployments.designationId, designation.id));
      console.log(`days round ${round}: answers ${JSON.stringify(days)}; ${Number(held!.n)} of 10 release days allocated`);
      if (days[201] !== 10 || days[409] !== 40 || Number(held!.n) !== 10)
        failures.push(
          `rush (days) round ${round}: ${JSON.stringify(days)} and ${held!.n} days allocated; expected 10 x 201, 40 x 409, 10 days`,
        );

      const programme = await makeCpdProgramme(db, auth.networkId);
      const session = await makeCpdSession(db, programme, { capacity: 10 });
      const bookers = [];
      for (let i = 0; i < 50; i++) {
        const person = await makeMember(db, auth.networkId, 'participant');
        const token = newSecret();
        await db.insert(apiTokens).values({ personId: person.id, name: 'rush', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
        bookers.push({ url: `${api}/cpd/sessions/${session.id}/bookings`, token, body: {} });
      }
      const places = await postAtOnce(bookers);
      const booked = await db.select({ status: cpdBookings.status }).from(cpdBookings).where(eq(cpdBookings.sessionId, session.id));
      const confirmed = booked.filter((b) => b.status === 'confirmed').length;
      const waiting = booked.filter((b) => b.status === 'waiting').length;
      console.log(`places round ${round}: answers ${JSON.stringify(places)}; ${confirmed} confirmed of 10 places, ${waiting} waiting`);
      if (places[201] !== 50 || confirmed !== 10 || waiting !== 40)
        failures.push(
          `rush (places) round ${round}: ${JSON.stringify(places)}, ${confirmed} confirmed, ${waiting} waiting; expected 10 and 40`,
        );
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await database.close();
  }
}

/** The model test of release days and statements: `modelRuns` sequences shared among parallel workers. */
async function modelTest(adminUrl: string) {
  const workers = 4;
  console.log(
    `\n== PostgreSQL: model test of release days and statements, ${modelRuns} generated operation sequences (${workers} workers) ==`,
  );
  const scratch = await createScratchDatabase(adminUrl, 'alliance_model');
  const since = Date.now();
  let sequences = 0;
  const progress = () => {
    if (++sequences % 1000 === 0) console.log(`  ${sequences} sequences in ${seconds(since)}`);
  };
  try {
    const setup = await openDatabase({ url: scratch.url, poolSize: 1 });
    await migrateDatabase(setup);
    await setup.close();
    const results = await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const database = await openDatabase({ url: scratch.url, poolSize: 2 });
        try {
          const fixture = await makeModelFixture(database.db);
          const share = Math.floor(modelRuns / workers) + (w < modelRuns % workers ? 1 : 0);
          return await runReleaseDaysModel(database, fixture, { numRuns: share, seed: Date.now() + w, onSequence: progress });
        } catch (err) {
          failures.push(`model test (worker ${w + 1}): ${String(err).slice(0, 2000)}`);
          return null;
        } finally {
          await database.close();
        }
      }),
    );
    const done = results.filter((r): r is ModelStats => r !== null);
    const total = (key: 'sequences' | 'operations' | 'statementsChecked') => done.reduce((n, r) => n + r[key], 0);
    const sum = (key: 'succeeded' | 'refused') => {
      const out: Record<string, number> = {};
      for (const r of done) for (const [k, v] of Object.entries(r[key])) out[k] = (out[k] ?? 0) + v;
      return out;
    };
    console.log(
      `model: ${total('sequences')} sequences, ${total('operations')} operations in ${seconds(since)}; ` +
        `succeeded ${JSON.stringify(sum('succeeded'))}; refused as the model expected ${JSON.stringify(sum('refused'))}; ` +
        `${total('statementsChecked')} statements balanced`,
    );
    if (done.length === workers && total('sequences') < modelRuns)
      failures.push(`model test ran ${total('sequences')} sequences, fewer than ${modelRuns}`);
  } finally {
    await scratch.drop().catch(() => {});
  }
}

async function run() {
  const dir = mkdtempSync(path.join(tmpdir(), 'alliance-faults-'));
  const scratch: { drop(): Promise<void> }[] = [];
  try {
    if (!args.includes('--skip-postgres') && (part('crash') || part('rush') || part('backup'))) {
      const db = await createScratchDatabase(adminUrl, 'alliance_faults');
      scratch.push(db);
      if (part('crash')) await postgresCrashes(db.url);
      else await seedOnly(db.url);
      if (part('rush')) await rushes(db.url).catch((err) => failures.push(`rush: ${String(err)}`));
      if (part('backup')) {
        const empty = await createScratchDatabase(adminUrl, 'alliance_restore');
        scratch.push(empty);
        console.log('\n== Backup and restore: PostgreSQL -> empty PostgreSQL ==');
        await backupRestore('PostgreSQL backup', { DATABASE_URL: db.url }, { DATABASE_URL: empty.url }, dir);
      }
    }
    if (!args.includes('--skip-postgres') && part('model'))
      await modelTest(adminUrl).catch((err) => failures.push(`model test: ${String(err)}`));
    if (part('pglite') || part('backup')) {
      const pglite = path.join(dir, 'pglite');
      await pgliteRestarts(pglite).catch((err) => failures.push(`PGlite: ${String(err)}`));
      console.log('\n== Backup and restore: PGlite -> empty PGlite ==');
      await backupRestore('PGlite backup', { DATA_DIR: pglite }, { DATA_DIR: path.join(dir, 'restored') }, dir).catch((err) =>
        failures.push(`PGlite backup: ${String(err)}`),
      );
    }
  } finally {
    for (const db of scratch) await db.drop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  if (unexpected.size) console.log(`Unexpected answers to writes: ${[...unexpected].slice(0, 5).join(' | ')}`);
  console.log(`\ncheck:faults finished in ${seconds(started)}: ${failures.length ? `${failures.length} FAILED` : 'passed'}`);
  for (const f of failures) console.log(`  FAIL ${f}`);
  process.exit(failures.length ? 1 : 0);
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
