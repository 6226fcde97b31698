import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryMailer } from '../../../../test/support/app.ts';
import { createTestDatabase } from '../../../../test/support/database.ts';
import { loadConfig } from '../../../config.ts';
import { auditEvents } from '../../../kernel/audit/schema.ts';
import { operatorActor } from '../../../kernel/auth/actor.ts';
import { inTransaction } from '../../../kernel/commands.ts';
import type { Database } from '../../../kernel/db/client.ts';
import { HttpError } from '../../../kernel/http/errors.ts';
import { makePerson, makeSchool } from '../../../seed/factories.ts';
import { memberships, networkSchools, networks } from '../schema.ts';
import { type CreateNetworkInput, createNetwork } from './create-network.ts';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const run = (input: CreateNetworkInput) =>
  inTransaction(database, (db) =>
    createNetwork({ db, actor: operatorActor('test'), mailer: memoryMailer(), config: loadConfig({ NODE_ENV: 'test' }) }, input),
  );
const refusal = async (input: CreateNetworkInput) => {
  const err = await run(input).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(HttpError);
  return (err as HttpError).detail;
};

it('creates a network with its lead school as a member from the given day and a first admin, all audited', async () => {
  const school = await makeSchool(database.db, { name: 'Caludon Castle School' });
  const head = await makePerson(database.db, { email: 'Head@Castle.example' });
  const { network, adminId } = await run({
    name: 'Castle Phoenix',
    kind: 'teaching_school_alliance',
    leadSchoolUrn: school.urn,
    adminEmail: 'head@castle.example',
    joinedOn: '2025-09-01',
  });
  expect(network).toMatchObject({ name: 'Castle Phoenix', kind: 'teaching_school_alliance', leadSchoolUrn: school.urn });
  expect(adminId).toBe(head.id);
  const members = await database.db.select().from(networkSchools).where(eq(networkSchools.networkId, network.id));
  expect(members).toMatchObject([{ schoolUrn: school.urn, joinedOn: '2025-09-01', leftOn: null }]);
  const roles = await database.db.select().from(memberships).where(eq(memberships.networkId, network.id));
  expect(roles).toMatchObject([{ personId: head.id, role: 'network_admin' }]);
  const events = await database.db.select().from(auditEvents).where(eq(auditEvents.networkId, network.id));
  expect(events.map((e) => e.action).sort()).toEqual(['network.created', 'role.granted', 'school.joined_network']);
  expect(events.every((e) => e.actorLabel === 'operator:test')).toBe(true);
});

it('refuses a name in use, an unknown school or an unknown admin, creating nothing', async () => {
  const before = (await database.db.select().from(networks)).length;
  expect(await refusal({ name: 'castle phoenix', kind: 'trust', joinedOn: '2025-09-01' })).toBe(
    'A network called castle phoenix already exists',
  );
  expect(await refusal({ name: 'New', kind: 'trust', leadSchoolUrn: 99999997, joinedOn: '2025-09-01' })).toContain(
    'There is no school with URN 99999997',
  );
  expect(await refusal({ name: 'New', kind: 'trust', adminEmail: 'nobody@example.org', joinedOn: '2025-09-01' })).toContain(
    'Nobody has the email nobody@example.org',
  );
  expect((await database.db.select().from(networks)).length).toBe(before);
});
