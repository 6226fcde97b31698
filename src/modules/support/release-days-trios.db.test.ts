import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import type { Database } from '../../kernel/db/client.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { assignTrioSle } from '../cpd/commands/assign-trio-sle.ts';
import { trios } from '../cpd/development-schema.ts';
import { findTrio } from '../cpd/trios-queries.ts';
import { specialisms } from '../networks/schema.ts';
import { deployments } from './brokerage-schema.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { searchDirectory } from './directory-queries.ts';
import { findRequest } from './requests-queries.ts';

// An SLE's release days are shared by school-to-school support (deployments) and CPD trios: neither may
// take days the other holds, whether through the commands (409 with the numbers) or around them (the database).

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
const mailer = { local: false, send: async () => {} };
const actor = operatorActor('test');
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

async function sleWith(releaseDays: string, fullName: string) {
  const school = await makeSchool(database.db);
  const leader = await makeMember(database.db, networkId, 'system_leader', { schoolUrn: school.urn, fullName });
  return makeDesignation(database.db, networkId, leader.id, { releaseDays, specialismIds: [maths] });
}
/** A trio of the 2025 to 2026 school year (the factories' requests fall in it), with or without the SLE's days. */
async function trioWith(designationId: string | null, sleDays: string, schoolYear = 2025) {
  const [trio] = await database.db
    .insert(trios)
    .values({ networkId, name: 'Maths trio', phase: 'primary', focusId: maths, sleDesignationId: designationId, sleDays, schoolYear })
    .returning();
  return trio!;
}
const propose = async (designationId: string, days: string) => {
  const school = await makeSchool(database.db);
  const request = (await findRequest(
    database.db,
    (
      await makeSupportRequest(database.db, networkId, school.urn, { specialismId: maths, days })
    ).id,
  ))!;
  return inTransaction(database, (db) => proposeDeployment({ db, actor, mailer, config }, { request, designationId }));
};
const assign = async (trioId: string, designationId: string, sleDays: number) => {
  const trio = (await findTrio(database.db, trioId))!;
  return inTransaction(database, (db) => assignTrioSle({ db, actor, mailer, config }, { trio, designationId, sleDays }));
};
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  expect((err as HttpError).status).toBe(409);
  return (err as HttpError).fields?.[0];
};

describe('release days shared by deployments and trios', () => {
  it('refuses a deployment the days a trio holds, with the numbers, and so does the database', async () => {
    const sle = await sleWith('5', 'Tara Trio');
    await trioWith(sle.id, '3');
    expect(await refusal(propose(sle.id, '3'))).toEqual({
      path: 'days',
      message: 'Tara Trio has 2 days left of 5 days released in 2025 to 2026 (3 days already allocated); this deployment needs 3 days',
    });
    await expect(propose(sle.id, '2')).resolves.toBeTruthy();
    // Around the command: the trigger counts the trio's days too.
    const school = await makeSchool(database.db);
    const other = await makeSupportRequest(database.db, networkId, school.urn, { specialismId: maths, days: '1' });
    const insert = database.db.insert(deployments).values({
      networkId,
      requestId: other.id,
      designationId: sle.id,
      leaderId: sle.personId,
      schoolUrn: other.schoolUrn,
      payingSchoolUrn: other.schoolUrn,
      tier: 'sle',
      objectives: 'x',
      days: '1',
      startsOn: '2025-11-01',
      endsOn: '2025-11-01',
      schoolYear: 2025,
    });
    await expect(insert).rejects.toMatchObject({
      cause: {
        code: '23514',
        message: expect.stringMatching(/Release days exceeded: 6\.0 days allocated in school year 2025 against 5\.0 released/),
      },
    });
  });

  it('refuses a trio the days deployments hold, with the numbers, and so does the database', async () => {
    const sle = await sleWith('5', 'Dev Deployed');
    await propose(sle.id, '4');
    const trio = await trioWith(null, '0');
    expect(await refusal(assign(trio.id, sle.id, 2))).toEqual({
      path: 'sleDays',
      message: 'Dev Deployed has 1 day left of 5 days released in 2025 to 2026 (4 days already allocated); this trio needs 2 days',
    });
    await assign(trio.id, sle.id, 1);
    // Giving the same trio its days again does not count them twice.
    await assign(trio.id, sle.id, 1);
    const update = database.db.update(trios).set({ sleDays: '1.5' }).where(eq(trios.id, trio.id));
    await expect(update).rejects.toMatchObject({
      cause: {
        code: '23514',
        message: expect.stringMatching(/Release days exceeded: 5\.5 days allocated in school year 2025 against 5\.0 released/),
      },
    });
    await expect(trioWith(sle.id, '0.5')).rejects.toMatchObject({ cause: { code: '23514' } });
    // Another school year's days are the next year's.
    await expect(trioWith(sle.id, '5', 2026)).resolves.toBeTruthy();
  });

  it('lets only one of a broker and a trio take the same last days at once; the other is told the numbers', async () => {
    const sle = await sleWith('5', 'Cal Concurrent');
    const trio = await trioWith(null, '0');
    const results = await Promise.allSettled([propose(sle.id, '3'), assign(trio.id, sle.id, 3)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0]!.reason as HttpError).status).toBe(409);
    expect((refused[0]!.reason as HttpError).message + JSON.stringify((refused[0]!.reason as HttpError).fields)).toContain(
      'Cal Concurrent has 2 days left of 5 days released in 2025 to 2026 (3 days already allocated)',
    );
  });

  it('shows days left in the directory net of the trios’ days this school year', async () => {
    const sle = await sleWith('5', 'Dina Directory');
    const today = todayIso();
    const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0);
    await trioWith(sle.id, '1.5', year);
    const { entries } = await searchDirectory(database.db, networkId, today, { q: 'Dina Directory' }, { page: 1, perPage: 10 });
    expect(entries[0]?.designations).toEqual([expect.objectContaining({ releaseDays: 5, daysLeft: 3.5 })]);
  });
});
