import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { networkPartnerships } from '../../modules/networks/schema.ts';
import { grantRole, makeNetwork, makePerson } from '../../seed/factories.ts';
import type { Database } from '../db/client.ts';
import { loadPersonActor } from './load-actor.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const pair = (x: string, y: string) => (x < y ? { networkA: x, networkB: y } : { networkA: y, networkB: x });

it('loads roles in every network and the networks in an active partnership with them', async () => {
  const db = database.db;
  const [blueSky, castle, ended, future, stranger] = await Promise.all([1, 2, 3, 4, 5].map(() => makeNetwork(db)));
  const person = await makePerson(db, { fullName: 'Leanne Casey' });
  await grantRole(db, blueSky!.id, person.id, 'lp_candidate');
  await grantRole(db, blueSky!.id, person.id, 'system_leader');
  const [proposed, declined] = await Promise.all([6, 7].map(() => makeNetwork(db)));
  await db.insert(networkPartnerships).values([
    { ...pair(blueSky!.id, castle!.id), status: 'active', startedOn: '2016-09-01' },
    { ...pair(blueSky!.id, ended!.id), status: 'ended', startedOn: '2016-09-01', endedOn: '2020-08-31' },
    { ...pair(blueSky!.id, future!.id), status: 'active', startedOn: '2999-01-01' },
    // Not accepted: nothing is shared, whatever the dates say.
    { ...pair(blueSky!.id, proposed!.id), status: 'proposed', proposedByNetwork: blueSky!.id },
    { ...pair(blueSky!.id, declined!.id), status: 'declined', proposedByNetwork: declined!.id, startedOn: '2016-09-01' },
  ]);
  const actor = await loadPersonActor(db, person.id, 'session');
  expect(actor?.kind).toBe('person');
  if (actor?.kind !== 'person') return;
  expect(actor.name).toBe('Leanne Casey');
  expect(actor.memberships.map((m) => m.role).sort()).toEqual(['lp_candidate', 'system_leader']);
  expect(actor.partnerNetworkIds).toEqual([castle!.id]);
  expect(actor.partnerNetworkIds).not.toContain(stranger!.id);
});

it('gives no actor for an unknown person', async () => {
  expect(await loadPersonActor(database.db, '00000000-0000-4000-8000-000000000000', 'session')).toBeNull();
});
