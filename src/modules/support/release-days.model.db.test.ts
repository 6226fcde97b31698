import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { type Fixture, makeModelFixture, runReleaseDaysModel } from '../../../test/support/release-days-model.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import type { Database } from '../../kernel/db/client.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deployments } from './brokerage-schema.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { findRequest } from './requests-queries.ts';

// Money and capacity (issue 7, item 8), the quick versions: `npm run check:faults` runs the parallel attempts
// over HTTP on PostgreSQL and the model test with 10,000 sequences.

let database: Database;
let fixture: Fixture;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await makeModelFixture(database.db);
});
afterAll(() => database.close());

it('gives a leader’s last days to exactly as many of 50 parallel proposals as they fit', async () => {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
  const db = database.db;
  const [maths] = await db
    .select({ id: specialisms.id })
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  const leader = await makeMember(db, fixture.networkId, 'system_leader', { schoolUrn: (await makeSchool(db)).urn });
  const designation = await makeDesignation(db, fixture.networkId, leader.id, { releaseDays: '7', specialismIds: [maths!.id] });
  const requests = [];
  for (let i = 0; i < 50; i++) {
    const school = await makeSchool(db);
    await addSchoolToNetwork(db, fixture.networkId, school.urn);
    requests.push(await makeSupportRequest(db, fixture.networkId, school.urn, { specialismId: maths!.id, days: '0.5' }));
  }
  const results = await Promise.allSettled(
    requests.map(async (r) =>
      inTransaction(database, async (tx) =>
        proposeDeployment(
          { db: tx, actor: operatorActor('test'), mailer: { local: false, send: async () => {} }, config },
          { request: (await findRequest(tx, r.id))!, designationId: designation.id },
        ),
      ),
    ),
  );
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(14);
  expect(refused.map((r) => (r.reason instanceof HttpError ? r.reason.status : String(r.reason)))).toEqual(Array(36).fill(409));
  const [held] = await db
    .select({ n: sql<string>`sum(${deployments.days})::text` })
    .from(deployments)
    .where(eq(deployments.designationId, designation.id));
  expect(Number(held!.n)).toBe(7);
}, 120_000);

it('keeps allocated days within release days and statements balanced over generated operation sequences', async () => {
  const stats = await runReleaseDaysModel(database, fixture, { numRuns: 100 });
  expect(stats.sequences).toBe(100);
  // The generator reaches every kind of operation, and both outcomes of the main ones.
  for (const op of ['propose', 'agree', 'log']) {
    expect(stats.succeeded[op]).toBeGreaterThan(0);
    expect(stats.refused[op]).toBeGreaterThan(0);
  }
  expect(stats.statementsChecked).toBeGreaterThan(0);
}, 240_000);
