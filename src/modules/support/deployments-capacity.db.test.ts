import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import type { Database } from '../../kernel/db/client.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deploymentStatusEvents, deployments } from './brokerage-schema.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { findRequest } from './requests-queries.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
const mailer = { local: false, send: async () => {} };
let database: Database;
let networkId: string;
let maths: string;

beforeAll(async () => {
  database = await createTestDatabase();
  networkId = (await makeNetwork(database.db)).id;
  const [row] = await database.db
    .select()
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  maths = row!.id;
});
afterAll(() => database.close());

async function leaderWith(releaseDays: string) {
  const school = await makeSchool(database.db);
  const leader = await makeMember(database.db, networkId, 'system_leader', { schoolUrn: school.urn, fullName: 'Priya Test' });
  return makeDesignation(database.db, networkId, leader.id, { releaseDays, specialismIds: [maths] });
}
async function requestFor(days: string) {
  const school = await makeSchool(database.db);
  return makeSupportRequest(database.db, networkId, school.urn, { specialismId: maths, days });
}
const propose = async (requestId: string, designationId: string) => {
  const request = (await findRequest(database.db, requestId))!;
  return inTransaction(database, (db) =>
    proposeDeployment({ db, actor: operatorActor('test'), mailer, config }, { request, designationId }),
  );
};
const daysOf = async (designationId: string) => {
  const [r] = await database.db
    .select({ n: sql<string>`coalesce(sum(${deployments.days}), 0)::text` })
    .from(deployments)
    .where(eq(deployments.designationId, designationId));
  return Number(r!.n);
};

describe('a leader’s release days', () => {
  it('lets only one of two brokers take the same leader’s last days at once; the other is told the numbers', async () => {
    const designation = await leaderWith('5');
    const [a, b] = [await requestFor('3'), await requestFor('3')];
    const results = await Promise.allSettled([propose(a.id, designation.id), propose(b.id, designation.id)]);
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const err = refused[0]!.reason as HttpError;
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(409);
    expect(err.fields?.[0]).toEqual({
      path: 'days',
      message: 'Priya Test has 2 days left of 5 days released in 2025 to 2026 (3 days already allocated); this deployment needs 3 days',
    });
    expect(await daysOf(designation.id)).toBe(3);
    // Nothing half-saved: one deployment, one timeline entry.
    const events = await database.db
      .select()
      .from(deploymentStatusEvents)
      .innerJoin(deployments, eq(deployments.id, deploymentStatusEvents.deploymentId))
      .where(eq(deployments.designationId, designation.id));
    expect(events).toHaveLength(1);
  });

  it('is kept by the database itself when a write goes around the command', async () => {
    const designation = await leaderWith('4');
    const request = await requestFor('3');
    await propose(request.id, designation.id);
    const other = await requestFor('2');
    const insert = database.db.insert(deployments).values({
      networkId,
      requestId: other.id,
      designationId: designation.id,
      leaderId: designation.personId,
      schoolUrn: other.schoolUrn,
      payingSchoolUrn: other.schoolUrn,
      tier: 'sle',
      objectives: 'x',
      days: '2',
      startsOn: '2025-11-01',
      endsOn: '2025-11-02',
      schoolYear: 2025,
    });
    await expect(insert).rejects.toMatchObject({
      cause: { message: expect.stringMatching(/Release days exceeded: 5\.0 days allocated in school year 2025 against 4\.0 released/) },
    });
    expect(await daysOf(designation.id)).toBe(3);
  });

  it('counts days per school year, and frees a declined deployment’s days', async () => {
    const designation = await leaderWith('3');
    await propose((await requestFor('3')).id, designation.id);
    const nextYear = await makeSupportRequest(database.db, networkId, (await makeSchool(database.db)).urn, {
      specialismId: maths,
      days: '3',
      preferredStartOn: '2026-09-07',
      preferredEndOn: '2026-10-01',
    });
    await expect(propose(nextYear.id, designation.id)).resolves.toBeTruthy();
    await database.db.update(deployments).set({ status: 'declined' }).where(eq(deployments.designationId, designation.id));
    await expect(propose((await requestFor('3')).id, designation.id)).resolves.toBeTruthy();
  });
});
