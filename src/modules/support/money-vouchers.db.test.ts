import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import type { Database } from '../../kernel/db/client.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../seed/factories.ts';
import { specialisms } from '../networks/schema.ts';
import { deployments } from './brokerage-schema.ts';
import { agreeDeployment } from './commands/agree-deployment.ts';
import { cancelDeployment } from './commands/cancel-deployment.ts';
import { consentToDeployment } from './commands/consent-to-deployment.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { releaseLeader } from './commands/release-leader.ts';
import { updatePaymentModel } from './commands/update-payment-model.ts';
import { findDeployment } from './deployments-queries.ts';
import { defaultPaymentModel } from './money-domain.ts';
import { supportVouchers } from './money-schema.ts';
import { findRequest } from './requests-queries.ts';

// Money rules the database keeps: a deployment's price is frozen when agreed, and a voucher is spent once.

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
const mailer = { local: false, send: async () => {} };
let database: Database;
let networkId: string;
let maths: string;
let payer: number;
const run = <T>(fn: (ctx: CommandContext) => Promise<T>) =>
  inTransaction(database, (db) => fn({ db, actor: operatorActor('test'), mailer, config }));

beforeAll(async () => {
  database = await createTestDatabase();
  networkId = (await makeNetwork(database.db)).id;
  const [row] = await database.db
    .select()
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  maths = row!.id;
  payer = (await makeSchool(database.db, { name: 'Alder Primary' })).urn;
  await addSchoolToNetwork(database.db, networkId, payer);
});
afterAll(() => database.close());

/** A deployment proposed, consented and released: ready for the school to agree. */
async function readyToAgree(days = '2') {
  const school = await makeSchool(database.db);
  const leader = await makeMember(database.db, networkId, 'system_leader', { schoolUrn: school.urn });
  const designation = await makeDesignation(database.db, networkId, leader.id, { releaseDays: '10', specialismIds: [maths] });
  const request = (await findRequest(
    database.db,
    (
      await makeSupportRequest(database.db, networkId, payer, { specialismId: maths, days })
    ).id,
  ))!;
  const proposed = await run((ctx) => proposeDeployment(ctx, { request, designationId: designation.id }));
  await run(async (ctx) => consentToDeployment(ctx, { deployment: (await findDeployment(ctx.db, proposed.id))!, consent: true }));
  await run(async (ctx) => releaseLeader(ctx, { deployment: (await findDeployment(ctx.db, proposed.id))!, release: true }));
  return (await findDeployment(database.db, proposed.id))!;
}
const agree = (d: NonNullable<Awaited<ReturnType<typeof findDeployment>>>) =>
  run((ctx) =>
    agreeDeployment(ctx, {
      deployment: d,
      objectives: d.objectives,
      days: d.days,
      startsOn: d.startsOn,
      endsOn: d.endsOn,
      payingSchoolUrn: payer,
      criteria: [{ description: 'Lessons good or better', baseline: '50%', target: '80%' }],
    }),
  );
const voucher = async (hours = '2', issuedOn = todayIso()) =>
  (
    await database.db
      .insert(supportVouchers)
      .values({ networkId, schoolUrn: payer, hours, reason: 'Marketplace event', issuedOn })
      .returning()
  )[0]!;

describe('agreeing a deployment', () => {
  it('freezes the day rate, fee and VAT of the moment, so a later model does not re-price it', async () => {
    const d = await readyToAgree();
    await agree(d);
    await run((ctx) =>
      updatePaymentModel(ctx, {
        networkId,
        model: { ...defaultPaymentModel, sleMemberPence: 50000, sleNonMemberPence: 60000, feeValue: 2000 },
      }),
    );
    const [row] = await database.db.select().from(deployments).where(eq(deployments.id, d.id));
    expect(row).toMatchObject({ dayRatePence: 35000, feeKind: 'percent', feeValue: 1000, vatBasisPoints: 2000 });
    await run((ctx) => updatePaymentModel(ctx, { networkId, model: defaultPaymentModel }));
  });

  it('spends the school’s voucher once when two deployments are agreed at the same moment', async () => {
    const v = await voucher('2');
    const [a, b] = [await readyToAgree(), await readyToAgree()];
    const results = await Promise.allSettled([agree(a), agree(b)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    const [row] = await database.db.select().from(supportVouchers).where(eq(supportVouchers.id, v.id));
    // Two hours of a six-hour day at £350.
    expect(row!.redeemedPence).toBe(11667);
    expect([a.id, b.id]).toContain(row!.deploymentId);
    const other = row!.deploymentId === a.id ? b.id : a.id;
    // The database refuses moving it to the other deployment, whatever path writes it.
    await expect(
      database.db.update(supportVouchers).set({ deploymentId: other }).where(eq(supportVouchers.id, v.id)),
    ).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/already redeemed/) }),
    });
    // Cancelling the deployment gives it back to the school.
    await run(async (ctx) =>
      cancelDeployment(ctx, { deployment: (await findDeployment(ctx.db, row!.deploymentId!))!, reason: 'Dates fell through' }),
    );
    const [freed] = await database.db.select().from(supportVouchers).where(eq(supportVouchers.id, v.id));
    expect(freed).toMatchObject({ deploymentId: null, redeemedOn: null, redeemedPence: null });
  });

  it('takes no more off than the days agreed are worth, and leaves the rest of the vouchers for later', async () => {
    const big = await voucher('9', '2020-01-01');
    const small = await voucher('1', '2020-01-02');
    const d = await readyToAgree('1');
    await agree(d);
    const rows = await database.db.select().from(supportVouchers).where(eq(supportVouchers.schoolUrn, payer));
    const mine = rows.filter((r) => r.deploymentId === d.id);
    // The oldest first; 9 hours is worth more than one day, so it covers the day and the 1-hour voucher waits.
    expect(mine.map((r) => [r.id, r.redeemedPence])).toEqual([[big.id, 35000]]);
    expect(rows.find((r) => r.id === small.id)!.deploymentId).toBeNull();
  });
});
