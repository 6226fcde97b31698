import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { memberships, people } from '../../modules/networks/schema.ts';
import { createDeps, type RunningServer, startServer } from '../../runtime.ts';
import { grantRole, makeNetwork, makePerson } from '../../seed/factories.ts';
import type { Database } from '../db/client.ts';
import type { Deps } from '../http/context.ts';
import { apiTokens, sessions } from './schema.ts';
import { hashSecret, newSecret } from './secrets.ts';
import { startSession } from './sessions.ts';

// The cache of who a token or session is (ADR 14), on a real server that LISTENs: every change to what an
// actor is read from must be seen on the next requests, on PGlite and on PostgreSQL.
let database: Database;
let deps: Deps;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0' });
  deps = createDeps(config, database);
  server = await startServer(deps, { migrate: false });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.stop()); // closes (and on PostgreSQL drops) the database

async function newToken(personId: string) {
  const token = newSecret();
  await database.db.insert(apiTokens).values({ personId, name: 'cache test', tokenHash: hashSecret(token), prefix: token.slice(0, 6) });
  return token;
}

const me = (headers: Record<string, string>) => fetch(`${base}/api/v1/me`, { headers });

/** Notices reach a PostgreSQL listener a moment after the commit: ask again for up to two seconds. */
async function eventually<T>(ask: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const value = await ask();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the identity cache', () => {
  it('is on, and keeps who a token is between requests', async () => {
    expect(deps.identities.live).toBe(true);
    const person = await makePerson(database.db);
    const token = await newToken(person.id);
    deps.identities.clear();
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect(deps.identities.size).toBe(1);
    // Signing in elsewhere, or a new token, changes no one's identity: the cache is kept.
    await startSession(database.db, person.id);
    await newToken(person.id);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect(deps.identities.size).toBe(1);
  });

  it('sees a role granted or taken away on the next requests', async () => {
    const network = await makeNetwork(database.db);
    const person = await makePerson(database.db);
    const auth = { authorization: `Bearer ${await newToken(person.id)}` };
    const listPeople = async () => (await fetch(`${base}/api/v1/networks/${network.id}/people`, { headers: auth })).status;
    expect(await listPeople()).toBe(403);

    await grantRole(database.db, network.id, person.id, 'trainee');
    expect(await eventually(listPeople, (status) => status === 200)).toBe(200);

    await database.db.delete(memberships).where(and(eq(memberships.personId, person.id), eq(memberships.networkId, network.id)));
    expect(await eventually(listPeople, (status) => status === 403)).toBe(403);
  });

  it('refuses a token as soon as it is revoked, and a session as soon as it ends', async () => {
    const person = await makePerson(database.db);
    const token = await newToken(person.id);
    const auth = { authorization: `Bearer ${token}` };
    expect((await me(auth)).status).toBe(200);
    await database.db.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.personId, person.id));
    expect(
      (
        await eventually(
          () => me(auth),
          (res) => res.status === 401,
        )
      ).status,
    ).toBe(401);

    const { sessionId } = await startSession(database.db, person.id);
    const cookie = { cookie: `alliance_session=${sessionId}` };
    expect((await me(cookie)).status).toBe(200);
    await database.db.delete(sessions).where(eq(sessions.personId, person.id));
    expect(
      (
        await eventually(
          () => me(cookie),
          (res) => res.status === 401,
        )
      ).status,
    ).toBe(401);
  });

  it('is emptied by any write to what an actor is read from', async () => {
    const [network, other] = [await makeNetwork(database.db), await makeNetwork(database.db)];
    const person = await makePerson(database.db);
    const auth = { authorization: `Bearer ${await newToken(person.id)}` };
    const writes: Record<string, () => Promise<unknown>> = {
      people: () => database.db.update(people).set({ fullName: 'Renamed' }).where(eq(people.id, person.id)),
      memberships: () => grantRole(database.db, network.id, person.id, 'participant'),
      network_partnerships: () =>
        database.db.execute(sql`insert into network_partnerships (network_a, network_b, status, proposed_by_network)
          values (${[network.id, other.id].sort()[0]}, ${[network.id, other.id].sort()[1]}, 'proposed', ${network.id})`),
      api_tokens: async () => {
        const spare = await newToken(person.id);
        await database.db
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(eq(apiTokens.tokenHash, hashSecret(spare)));
      },
      sessions: async () => {
        const { sessionId } = await startSession(database.db, person.id);
        await database.db.delete(sessions).where(eq(sessions.idHash, hashSecret(sessionId)));
      },
    };
    for (const [table, write] of Object.entries(writes)) {
      expect((await me(auth)).status).toBe(200);
      expect(deps.identities.size, table).toBeGreaterThan(0);
      await write();
      expect(
        await eventually(
          async () => deps.identities.size,
          (size) => size === 0,
        ),
        table,
      ).toBe(0);
    }
  });

  it.runIf(testTarget === 'postgresql')('stops caching while its listener is cut off, and starts again once back', async () => {
    const person = await makePerson(database.db);
    const auth = { authorization: `Bearer ${await newToken(person.id)}` };
    await me(auth);
    await database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity
          where application_name = 'alliance-listener' and datname = current_database()`,
    );
    await eventually(
      async () => deps.identities.live,
      (live) => !live,
    );
    // Whatever it missed meanwhile, it forgot everything when it lost the listener.
    expect(deps.identities.size).toBe(0);
    const back = await eventually(
      async () => deps.identities.live,
      (live) => live,
    );
    expect(back).toBe(true);
    expect((await me(auth)).status).toBe(200);
  });
});
