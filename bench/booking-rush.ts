// The booking rush (issue 6): 1,000 different people book a 30-place CPD session at the same moment over
// HTTP on PostgreSQL, 20 times. Goal: exactly 30 confirmed and 970 waiting in arrival order (arrival =
// the order in which bookings took the session's row lock, numbered 1..1000), no 5xx, p99 latency printed.
import { Agent, request } from 'node:http';
import { asc, eq } from 'drizzle-orm';
import { loadConfig } from '../src/config.ts';
import { apiTokens } from '../src/kernel/auth/schema.ts';
import { hashSecret, newSecret } from '../src/kernel/auth/secrets.ts';
import { openDatabase } from '../src/kernel/db/client.ts';
import { migrate } from '../src/kernel/db/migrate.ts';
import { mailAfterCommit } from '../src/kernel/mail/after-commit.ts';
import { cpdBookings } from '../src/modules/cpd/schema.ts';
import { memberships, people } from '../src/modules/networks/schema.ts';
import { createDeps, startServer } from '../src/runtime.ts';
import { addSchoolToNetwork, makeCpdProgramme, makeCpdSession, makeNetwork, makeSchool } from '../src/seed/factories.ts';
import { createScratchDatabase } from '../test/support/postgres.ts';

const PEOPLE = Number(process.env.RUSH_PEOPLE ?? 1000);
const PLACES = 30;
const ROUNDS = Number(process.env.RUSH_ROUNDS ?? 20);

/** POST an empty JSON body; resolves with the status (0 when the connection failed). */
function post(agent: Agent, url: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': 2 } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end('{}');
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runBookingRush() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    console.log('Booking rush: skipped (it needs PostgreSQL: set BENCH_DATABASE_URL or TEST_DATABASE_URL).');
    return;
  }
  console.log(`Booking rush: ${PEOPLE} people book a ${PLACES}-place session at once over HTTP on PostgreSQL, ${ROUNDS} times.\n`);
  const scratch = await createScratchDatabase(adminUrl, 'alliance_rush');
  const database = await openDatabase({ url: scratch.url, poolSize: 20 });
  const failures: string[] = [];
  try {
    await migrate(database);
    const db = database.db;
    const network = await makeNetwork(db);
    const school = await makeSchool(db);
    await addSchoolToNetwork(db, network.id, school.urn);
    const programme = await makeCpdProgramme(db, network.id, { title: 'Rush' });
    const rows = Array.from({ length: PEOPLE }, (_, i) => ({
      fullName: `Rush ${i}`,
      email: `rush-${i}@example.org`,
      schoolUrn: school.urn,
    }));
    const inserted = await db.insert(people).values(rows).returning({ id: people.id });
    await db.insert(memberships).values(inserted.map((p) => ({ networkId: network.id, personId: p.id, role: 'participant' as const })));
    const tokens = inserted.map(() => newSecret());
    await db
      .insert(apiTokens)
      .values(
        inserted.map((p, i) => ({ personId: p.id, name: 'rush', tokenHash: hashSecret(tokens[i]!), prefix: tokens[i]!.slice(0, 6) })),
      );

    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
    const deps = { ...createDeps(config, database), mailer: mailAfterCommit({ local: true, send: async () => {} }) };
    const running = await startServer(deps, { migrate: false });
    const base = `http://127.0.0.1:${running.port}/api/v1/networks/${network.id}/cpd/sessions`;
    const all: number[] = [];
    console.log('  round   confirmed   waiting   5xx   other   p50 ms    p99 ms   wall s');
    try {
      for (let round = 1; round <= ROUNDS; round++) {
        const session = await makeCpdSession(db, programme, { capacity: PLACES, title: `Rush ${round}` });
        // Sockets are capped so the server's listen backlog is not flooded (refused connections are not the
        // app's doing); every request is still issued at once and waits in the client's queue if it must.
        // A fresh agent each round: no idle keep-alive socket from the last round, closed by the server, is reused.
        const agent = new Agent({ keepAlive: true, maxSockets: 256 });
        const latencies: number[] = [];
        const statuses = new Map<number, number>();
        const started = performance.now();
        // Every request is sent before any answer is read: the same moment, as far as one client can make it.
        await Promise.all(
          tokens.map(async (token) => {
            const t0 = performance.now();
            const status = await post(agent, `${base}/${session.id}/bookings`, token);
            latencies.push(performance.now() - t0);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
          }),
        );
        const wall = (performance.now() - started) / 1000;
        agent.destroy();
        const booked = await db
          .select({ status: cpdBookings.status, position: cpdBookings.position })
          .from(cpdBookings)
          .where(eq(cpdBookings.sessionId, session.id))
          .orderBy(asc(cpdBookings.position));
        const confirmed = booked.filter((b) => b.status === 'confirmed');
        const waiting = booked.filter((b) => b.status === 'waiting');
        const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
        // Anything else, including 0 (no connection), is a failure too.
        const other = [...statuses].filter(([s]) => s !== 201 && s < 500).reduce((n, [, c]) => n + c, 0);
        // In arrival order: positions 1..N with no gap, the first 30 hold the places and the rest wait behind them.
        const inOrder =
          booked.every((b, i) => b.position === i + 1) &&
          confirmed.every((b) => b.position <= PLACES) &&
          waiting.every((b) => b.position > PLACES);
        if (confirmed.length !== PLACES || waiting.length !== PEOPLE - PLACES || fiveXX || other || !inOrder) {
          failures.push(
            `round ${round}: ${confirmed.length} confirmed, ${waiting.length} waiting, ${fiveXX} 5xx, ${other} other, in order: ${inOrder}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
          );
        }
        latencies.sort((a, b) => a - b);
        all.push(...latencies);
        console.log(
          `  ${String(round).padStart(5)}   ${String(confirmed.length).padStart(9)}   ${String(waiting.length).padStart(7)}   ${String(fiveXX).padStart(3)}   ${String(other).padStart(5)}   ${percentile(latencies, 50).toFixed(0).padStart(6)}   ${percentile(latencies, 99).toFixed(0).padStart(7)}   ${wall.toFixed(1).padStart(6)}`,
        );
      }
    } finally {
      await running.stop();
    }
    all.sort((a, b) => a - b);
    console.log(
      `\n  all rounds: p50 ${percentile(all, 50).toFixed(0)} ms, p99 ${percentile(all, 99).toFixed(0)} ms over ${all.length} bookings.`,
    );
  } finally {
    await database.close().catch(() => {});
    await scratch.drop();
  }
  if (failures.length) throw new Error(`Booking rush failed its goal:\n${failures.join('\n')}`);
  console.log(`  Goal met: ${ROUNDS} rounds of exactly ${PLACES} confirmed and ${PEOPLE - PLACES} waiting in arrival order, no 5xx.`);
}
