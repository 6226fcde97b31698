import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryMailer } from '../../../test/support/app.ts';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import type { Database, Db } from '../../kernel/db/client.ts';
import { sqlState } from '../../kernel/db/errors.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { makeNetwork } from '../../seed/factories.ts';
import { addStrategicPartner } from './commands/add-strategic-partner.ts';
import { createNetwork } from './commands/create-network.ts';
import { updateNetwork } from './commands/update-network.ts';
import { networks, strategicPartners } from './schema.ts';

// Network names, and strategic partner names within a network, are unique whatever the case: the check
// before writing gives a clear 409, and the unique index keeps it so when two people save at once.
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const ctx = (db: Db) => ({ db, actor: operatorActor('test'), mailer: memoryMailer(), config: loadConfig({ NODE_ENV: 'test' }) });
const create = (db: Db, name: string) => createNetwork(ctx(db), { name, kind: 'trust', joinedOn: '2025-09-01' });
const refusal = (err: unknown) => (err instanceof HttpError ? { status: err.status, detail: err.detail } : err);

it('has the database refuse a duplicate name written past the check (23505)', async () => {
  const db = database.db;
  const network = await makeNetwork(db, { name: 'Unique Trust' });
  const dup = await db
    .insert(networks)
    .values({ name: 'UNIQUE TRUST', kind: 'trust' })
    .catch((e: unknown) => e);
  expect(sqlState(dup)).toBe('23505');
  await db.insert(strategicPartners).values({ networkId: network.id, name: 'Coventry University', kind: 'university' });
  const dupPartner = await db
    .insert(strategicPartners)
    .values({ networkId: network.id, name: 'coventry university', kind: 'university' })
    .catch((e: unknown) => e);
  expect(sqlState(dupPartner)).toBe('23505');
  // Another network may list the same partner.
  const other = await makeNetwork(db);
  await db.insert(strategicPartners).values({ networkId: other.id, name: 'Coventry University', kind: 'university' });
});

it('answers a duplicate with the form’s 409 message (one after the other)', async () => {
  await inTransaction(database, (db) => create(db, 'Sequential Alliance'));
  const second = await inTransaction(database, (db) => create(db, 'sequential alliance')).catch(refusal);
  expect(second).toEqual({ status: 409, detail: 'A network called sequential alliance already exists' });
});

/**
 * Two transactions at once on PostgreSQL: the first writes and waits; the second passes the check (it
 * cannot see the uncommitted row) and blocks on the unique index; the first commits; the second gets the
 * unique violation, answered as the same 409. Exactly one succeeds.
 */
async function race<T>(first: (db: Db) => Promise<T>, second: (db: Db) => Promise<T>) {
  let wrote!: () => void;
  let release!: () => void;
  const written = new Promise<void>((r) => {
    wrote = r;
  });
  const held = new Promise<void>((r) => {
    release = r;
  });
  const one = inTransaction(database, async (db) => {
    const result = await first(db);
    wrote();
    await held;
    return result;
  });
  await written;
  const two = inTransaction(database, second);
  // Wait until the second transaction is blocked on the first one's row lock in the index.
  for (let i = 0; i < 200; i++) {
    const { rows } = (await database.db.execute(
      sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    )) as unknown as { rows: { n: number }[] };
    if (rows[0]!.n > 0) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  release();
  return Promise.allSettled([one, two]);
}

it.runIf(testTarget === 'postgresql')('lets exactly one of two parallel creations of a name through; the other gets the 409', async () => {
  const [one, two] = await race(
    (db) => create(db, 'Parallel Alliance'),
    (db) => create(db, 'PARALLEL ALLIANCE'),
  );
  expect(one.status).toBe('fulfilled');
  expect(two.status === 'rejected' && refusal(two.reason)).toEqual({
    status: 409,
    detail: 'A network called PARALLEL ALLIANCE already exists',
  });
  const named = await database.db.select().from(networks).where(sql`lower(${networks.name}) = 'parallel alliance'`);
  expect(named).toHaveLength(1);
});

it.runIf(testTarget === 'postgresql')('lets exactly one of two networks renamed to the same name at once keep it', async () => {
  const [x, y] = [await makeNetwork(database.db), await makeNetwork(database.db)];
  const rename = (id: string, name: string) => (db: Db) =>
    updateNetwork(ctx(db), { networkId: id, name, kind: 'trust', leadSchoolUrn: null });
  const [one, two] = await race(rename(x.id, 'Renamed Trust'), rename(y.id, 'renamed trust'));
  expect(one.status).toBe('fulfilled');
  expect(two.status === 'rejected' && refusal(two.reason)).toEqual({
    status: 409,
    detail: 'Another network is already called renamed trust',
  });
});

it.runIf(testTarget === 'postgresql')('lets exactly one of two parallel additions of a strategic partner through', async () => {
  const network = await makeNetwork(database.db);
  const add = (name: string) => (db: Db) => addStrategicPartner(ctx(db), { networkId: network.id, name, kind: 'university' });
  const [one, two] = await race(add('University of Warwick'), add('university of warwick'));
  expect(one.status).toBe('fulfilled');
  expect(two.status === 'rejected' && refusal(two.reason)).toEqual({
    status: 409,
    detail: 'university of warwick is already a strategic partner of this network',
  });
});
