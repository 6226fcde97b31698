// The model test of money and capacity (issue 7, item 8): fast-check generates sequences of brokerage
// operations (propose, decline, agree with changed days, cancel, log days, change a leader's release days,
// give a voucher), runs each through the real commands against the database, and checks after every step
// that the database agrees with a small model: a leader's allocated days never exceed their release days,
// exactly the operations the model allows succeed, and the term statements built from the database balance.
// Each sequence runs in one transaction that is rolled back (the commands' own transactions become
// savepoints), so sequences start from the same fixture and leave nothing behind.
// Used by src/modules/support/release-days.model.db.test.ts (a few hundred sequences, `npm test`) and by
// `npm run check:faults` (10,000 on PostgreSQL).
import { and, eq, isNull, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { loadConfig } from '../../src/config.ts';
import { operatorActor } from '../../src/kernel/auth/actor.ts';
import { type CommandContext, inTransaction } from '../../src/kernel/commands.ts';
import type { Database, Db } from '../../src/kernel/db/client.ts';
import { HttpError } from '../../src/kernel/http/errors.ts';
import { specialisms } from '../../src/modules/networks/schema.ts';
import { agreeDeployment } from '../../src/modules/support/commands/agree-deployment.ts';
import { cancelDeployment } from '../../src/modules/support/commands/cancel-deployment.ts';
import { consentToDeployment } from '../../src/modules/support/commands/consent-to-deployment.ts';
import { issueVoucher } from '../../src/modules/support/commands/issue-voucher.ts';
import { logDeploymentDay } from '../../src/modules/support/commands/log-deployment-day.ts';
import { proposeDeployment } from '../../src/modules/support/commands/propose-deployment.ts';
import { releaseLeader } from '../../src/modules/support/commands/release-leader.ts';
import { updateDesignation } from '../../src/modules/support/commands/update-designation.ts';
import { findDeployment } from '../../src/modules/support/deployments-queries.ts';
import { findDesignation } from '../../src/modules/support/designations-queries.ts';
import type { PaymentModel } from '../../src/modules/support/money-domain.ts';
import { findRequest } from '../../src/modules/support/requests-queries.ts';
import { statementsFor, type Term, termNames } from '../../src/modules/support/statements-domain.ts';
import { deploymentsForCharging } from '../../src/modules/support/statements-queries.ts';
import { addSchoolToNetwork, makeDesignation, makeMember, makeNetwork, makeSchool, makeSupportRequest } from '../../src/seed/factories.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
const mailer = { local: false, send: async () => {} };
const actor = operatorActor('model test');

/** Two school years, each with a window that crosses the autumn and spring terms. */
const windows = [
  { year: 2025, from: '2025-12-15', to: '2026-01-16' },
  { year: 2026, from: '2026-12-14', to: '2027-01-15' },
] as const;
const terms: Term[] = [2025, 2026].flatMap((startYear) => termNames.map((name) => ({ startYear, name })));
const LEADERS = 3;

export interface Fixture {
  networkId: string;
  designationIds: string[];
  /** The schools that ask for support (members of the network), and the leaders' own schools. */
  requestingUrns: number[];
  initialReleaseHalves: number[];
}

/** The committed starting point: a network, two member schools asking for support, three maths SLEs. */
export async function makeModelFixture(db: Db): Promise<Fixture> {
  const network = await makeNetwork(db);
  const [maths] = await db
    .select({ id: specialisms.id })
    .from(specialisms)
    .where(and(isNull(specialisms.networkId), eq(specialisms.code, 'maths')));
  const requestingUrns: number[] = [];
  for (let i = 0; i < 2; i++) {
    const school = await makeSchool(db);
    await addSchoolToNetwork(db, network.id, school.urn);
    requestingUrns.push(school.urn);
  }
  // The third requester is not a member: charged the non-member rate.
  requestingUrns.push((await makeSchool(db)).urn);
  const designationIds: string[] = [];
  const initialReleaseHalves = [6, 9, 20];
  for (let i = 0; i < LEADERS; i++) {
    const school = await makeSchool(db);
    const leader = await makeMember(db, network.id, 'system_leader', { schoolUrn: school.urn, fullName: `Leader ${i + 1}` });
    const d = await makeDesignation(db, network.id, leader.id, {
      kind: i === 2 ? 'nle' : 'sle',
      releaseDays: String(initialReleaseHalves[i]! / 2),
      specialismIds: [maths!.id],
      startsOn: '2025-09-01',
      endsOn: '2028-08-31',
    });
    designationIds.push(d.id);
  }
  return { networkId: network.id, designationIds, requestingUrns, initialReleaseHalves };
}

// ---- Operations ----
type Op =
  | { op: 'propose'; leader: number; school: number; window: number; halves: number }
  | { op: 'decline'; deployment: number }
  | { op: 'agree'; deployment: number; halves: number }
  | { op: 'cancel'; deployment: number }
  | { op: 'log'; deployment: number; dayOffset: number; halfDays: 1 | 2 }
  | { op: 'release'; leader: number; halves: number }
  | { op: 'voucher'; school: number; halfHours: number; window: number; dayOffset: number; expiresAfter: number | null };

const proposeArb = fc.record({
  op: fc.constant('propose' as const),
  leader: fc.nat(LEADERS - 1),
  school: fc.nat(2),
  window: fc.nat(1),
  halves: fc.integer({ min: 1, max: 12 }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: proposeArb },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('decline' as const), deployment: fc.nat(9) }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('agree' as const), deployment: fc.nat(3), halves: fc.integer({ min: 1, max: 12 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), deployment: fc.nat(9) }) },
  {
    weight: 7,
    arbitrary: fc.record({
      op: fc.constant('log' as const),
      deployment: fc.nat(3),
      dayOffset: fc.integer({ min: -2, max: 34 }),
      halfDays: fc.constantFrom(1 as const, 2 as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('release' as const), leader: fc.nat(LEADERS - 1), halves: fc.integer({ min: 1, max: 24 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('voucher' as const),
      school: fc.nat(1),
      halfHours: fc.integer({ min: 1, max: 40 }),
      window: fc.nat(1),
      dayOffset: fc.integer({ min: -40, max: 34 }),
      expiresAfter: fc.option(fc.integer({ min: 0, max: 40 })),
    }),
  },
);

const paymentModelArb: fc.Arbitrary<PaymentModel> = fc
  .record({
    sle: fc.integer({ min: 0, max: 100_000 }),
    lle: fc.integer({ min: 0, max: 100_000 }),
    nle: fc.integer({ min: 0, max: 100_000 }),
    diagnostic: fc.integer({ min: 0, max: 100_000 }),
    uplift: fc.integer({ min: 0, max: 50_000 }),
    percent: fc.boolean(),
    feeValue: fc.integer({ min: 0, max: 10_000 }),
    vatBasisPoints: fc.constantFrom(0, 500, 2000),
    hoursPerDay: fc.constantFrom(6, 6.5, 7.5),
  })
  .map((m) => ({
    sleMemberPence: m.sle,
    sleNonMemberPence: m.sle + m.uplift,
    lleMemberPence: m.lle,
    lleNonMemberPence: m.lle + m.uplift,
    nleMemberPence: m.nle,
    nleNonMemberPence: m.nle + m.uplift,
    diagnosticMemberPence: m.diagnostic,
    diagnosticNonMemberPence: m.diagnostic + m.uplift,
    feeKind: m.percent ? 'percent' : 'fixed',
    feeValue: m.feeValue,
    vatBasisPoints: m.vatBasisPoints,
    hoursPerDay: m.hoursPerDay,
  }));

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

// ---- The model ----
interface ModelDeployment {
  id: string;
  leader: number;
  year: number;
  halves: number;
  status: 'proposed' | 'agreed' | 'active' | 'declined' | 'cancelled';
  startsOn: string;
  endsOn: string;
  logs: { workedOn: string; halfDays: number }[];
}
interface Model {
  releaseHalves: number[];
  deployments: ModelDeployment[];
}
const holds = (d: ModelDeployment) => d.status !== 'declined' && d.status !== 'cancelled';
const allocated = (m: Model, leader: number, year: number, except?: string) =>
  m.deployments.filter((d) => d.leader === leader && d.year === year && holds(d) && d.id !== except).reduce((n, d) => n + d.halves, 0);

/** Run a command in its own savepoint; a refusal (HttpError 4xx) comes back as its status. */
async function attempt<T>(
  tx: Db,
  work: (ctx: CommandContext) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; status: number; message: string }> {
  try {
    const value = await inTransaction({ db: tx } as Database, (db) => work({ db, actor, mailer, config }));
    return { ok: true, value };
  } catch (err) {
    if (err instanceof HttpError && err.status >= 400 && err.status < 500)
      return { ok: false, status: err.status, message: err.detail ?? err.message };
    throw err;
  }
}

class Rollback extends Error {}

export interface ModelStats {
  sequences: number;
  operations: number;
  succeeded: Record<string, number>;
  refused: Record<string, number>;
  statementsChecked: number;
}

/** Run one sequence against the fixture; throws (with the step) when the database and the model disagree. */
async function runSequence(database: Database, f: Fixture, ops: Op[], model: PaymentModel, stats: ModelStats) {
  await database.db
    .transaction(async (tx) => {
      const m: Model = { releaseHalves: [...f.initialReleaseHalves], deployments: [] };
      for (const [step, o] of ops.entries()) {
        const where = `step ${step + 1} ${JSON.stringify(o)}`;
        let expectOk: boolean;
        let result: { ok: boolean; message?: string };
        // Agreements are mostly tried on proposed deployments and days on agreed ones, so that sequences get
        // as far as statements; any deployment when there is none such (which the model expects refused).
        const suited = m.deployments.filter((d) =>
          o.op === 'agree' ? d.status === 'proposed' : o.op === 'log' ? d.status === 'agreed' || d.status === 'active' : true,
        );
        const among = suited.length ? suited : m.deployments;
        const dep = 'deployment' in o ? among[among.length - 1 - (o.deployment % Math.max(1, among.length))] : undefined;
        if (o.op === 'propose') {
          const w = windows[o.window]!;
          const request = await makeSupportRequest(tx, f.networkId, f.requestingUrns[o.school]!, {
            days: String(o.halves / 2),
            preferredStartOn: w.from,
            preferredEndOn: w.to,
          });
          expectOk = allocated(m, o.leader, w.year) + o.halves <= m.releaseHalves[o.leader]!;
          const r = await attempt(tx, async (ctx) =>
            proposeDeployment(ctx, { request: (await findRequest(ctx.db, request.id))!, designationId: f.designationIds[o.leader]! }),
          );
          if (r.ok)
            m.deployments.push({
              id: r.value.id,
              leader: o.leader,
              year: w.year,
              halves: o.halves,
              status: 'proposed',
              startsOn: w.from,
              endsOn: w.to,
              logs: [],
            });
          result = r;
        } else if (o.op === 'release') {
          // Lowering a leader's release days below what is already allocated in a year is refused.
          const maxAllocated = Math.max(...windows.map((w) => allocated(m, o.leader, w.year)));
          expectOk = o.halves >= maxAllocated;
          const r = await attempt(tx, async (ctx) => {
            const d = (await findDesignation(ctx.db, f.designationIds[o.leader]!))!;
            return updateDesignation(ctx, {
              designation: d,
              kind: d.kind,
              phase: d.phase,
              releaseDays: o.halves / 2,
              startsOn: d.startsOn,
              endsOn: d.endsOn,
              reviewOn: d.reviewOn,
              specialismIds: d.specialismIds,
            });
          });
          if (r.ok) m.releaseHalves[o.leader] = o.halves;
          result = r;
        } else if (o.op === 'voucher') {
          const w = windows[o.window]!;
          const issuedOn = addDays(w.from, o.dayOffset);
          expectOk = true;
          result = await attempt(tx, (ctx) =>
            issueVoucher(ctx, {
              networkId: f.networkId,
              schoolUrn: f.requestingUrns[o.school]!,
              hours: o.halfHours / 2,
              reason: 'Marketplace',
              issuedOn,
              expiresOn: o.expiresAfter === null ? null : addDays(issuedOn, o.expiresAfter),
            }),
          );
        } else if (!dep) {
          continue; // nothing to act on yet
        } else if (o.op === 'decline') {
          expectOk = dep.status === 'proposed';
          result = await attempt(tx, async (ctx) =>
            consentToDeployment(ctx, { deployment: (await findDeployment(ctx.db, dep.id))!, consent: false, reason: 'Busy' }),
          );
          if (result.ok) dep.status = 'declined';
        } else if (o.op === 'cancel') {
          expectOk = ['proposed', 'agreed', 'active'].includes(dep.status);
          result = await attempt(tx, async (ctx) =>
            cancelDeployment(ctx, { deployment: (await findDeployment(ctx.db, dep.id))!, reason: 'Changed plans' }),
          );
          if (result.ok) dep.status = 'cancelled';
        } else if (o.op === 'agree') {
          expectOk = dep.status === 'proposed' && allocated(m, dep.leader, dep.year, dep.id) + o.halves <= m.releaseHalves[dep.leader]!;
          result = await attempt(tx, async (ctx) => {
            let row = (await findDeployment(ctx.db, dep.id))!;
            if (row.status === 'proposed' && !row.leaderConsentAt) await consentToDeployment(ctx, { deployment: row, consent: true });
            row = (await findDeployment(ctx.db, dep.id))!;
            if (row.status === 'proposed' && !row.releasedAt) await releaseLeader(ctx, { deployment: row, release: true });
            row = (await findDeployment(ctx.db, dep.id))!;
            return agreeDeployment(ctx, {
              deployment: row,
              objectives: 'Raise attainment',
              days: o.halves / 2,
              startsOn: dep.startsOn,
              endsOn: dep.endsOn,
              payingSchoolUrn: row.payingSchoolUrn,
              criteria: [{ description: 'Attainment', baseline: '60%', target: '70%' }],
            });
          });
          if (result.ok) {
            dep.status = 'agreed';
            dep.halves = o.halves;
          }
        } else {
          const workedOn = addDays(dep.startsOn, o.dayOffset);
          const sameDay = dep.logs.filter((l) => l.workedOn === workedOn).reduce((n, l) => n + l.halfDays, 0);
          const total = dep.logs.reduce((n, l) => n + l.halfDays, 0);
          expectOk =
            (dep.status === 'agreed' || dep.status === 'active') &&
            workedOn >= dep.startsOn &&
            workedOn <= dep.endsOn &&
            sameDay + o.halfDays <= 2 &&
            total + o.halfDays <= dep.halves;
          result = await attempt(tx, async (ctx) =>
            logDeploymentDay(ctx, {
              deployment: (await findDeployment(ctx.db, dep.id))!,
              workedOn,
              halfDays: o.halfDays,
              activity: 'Coaching',
            }),
          );
          if (result.ok) {
            dep.status = 'active';
            dep.logs.push({ workedOn, halfDays: o.halfDays });
          }
        }
        stats.operations++;
        (result.ok ? stats.succeeded : stats.refused)[o.op] = ((result.ok ? stats.succeeded : stats.refused)[o.op] ?? 0) + 1;
        if (result.ok !== expectOk)
          throw new Error(
            `${where}: the model expected ${expectOk ? 'success' : 'a refusal'}, got ${result.ok ? 'success' : `refusal: ${result.message}`}`,
          );
        await checkCapacity(tx, f, m, where);
      }
      await checkStatements(tx, f, m, model, stats);
      throw new Rollback();
    })
    .catch((err) => {
      if (!(err instanceof Rollback)) throw err;
    });
}

/** In the database: every leader's allocated days per year within their release days, and equal to the model's. */
async function checkCapacity(tx: Db, f: Fixture, m: Model, where: string) {
  const rows = (
    (await tx.execute(sql`select d.id, d.release_days::text as release, y.year,
        coalesce((select sum(days) from deployments x where x.designation_id = d.id and x.school_year = y.year
          and x.status not in ('declined','cancelled')), 0)::text as allocated
      from designations d cross join (values (2025), (2026)) as y(year)
      where d.id in (${sql.join(
        f.designationIds.map((id) => sql`${id}`),
        sql`, `,
      )})`)) as unknown as {
      rows: { id: string; release: string; year: number; allocated: string }[];
    }
  ).rows;
  for (const r of rows) {
    const leader = f.designationIds.indexOf(r.id);
    const [release, given] = [Math.round(Number(r.release) * 2), Math.round(Number(r.allocated) * 2)];
    if (given > release)
      throw new Error(`${where}: leader ${leader + 1} has ${given / 2} days allocated in ${r.year} against ${release / 2} released`);
    const expected = allocated(m, leader, Number(r.year));
    if (given !== expected || release !== m.releaseHalves[leader])
      throw new Error(
        `${where}: leader ${leader + 1} in ${r.year}: database ${given}/${release} half days, model ${expected}/${m.releaseHalves[leader]}`,
      );
  }
}

/**
 * Statements built from the database balance: each charge is the sum of its lines and splits into the
 * releasing school's share, the network's and VAT; a statement is the sum of its charges; the releasing
 * schools are due what the charges give them; across the terms every logged half day of a live deployment is
 * charged exactly once, and a deployment's voucher lines never take more than its redeemed vouchers are worth.
 */
async function checkStatements(tx: Db, f: Fixture, m: Model, model: PaymentModel, stats: ModelStats) {
  const deps = await deploymentsForCharging(tx, f.networkId);
  let charged = 0;
  const voucherTaken = new Map<string, number>();
  for (const term of terms) {
    const { statements, income } = statementsFor(model, deps, term);
    let releasing = 0;
    for (const s of statements) {
      let sum = 0;
      for (const item of s.items) {
        const c = item.charge;
        const lines = c.lines.reduce((n, l) => n + l.pence, 0);
        const vat = c.lines.filter((l) => l.kind === 'vat').reduce((n, l) => n + l.pence, 0);
        const voucher = -c.lines.filter((l) => l.kind === 'voucher').reduce((n, l) => n + l.pence, 0);
        if (!c.lines.every((l) => Number.isInteger(l.pence)))
          throw new Error(`statements: a line is not whole pence: ${JSON.stringify(c.lines)}`);
        if (lines !== c.totalPence) throw new Error(`statements: lines sum to ${lines}, charge says ${c.totalPence}`);
        if (c.releasingSchoolPence + c.networkPence + vat !== c.totalPence)
          throw new Error(`statements: ${c.releasingSchoolPence} + ${c.networkPence} + VAT ${vat} is not the total ${c.totalPence}`);
        if (c.totalPence < 0 || voucher < 0) throw new Error(`statements: a negative charge or voucher: ${JSON.stringify(c.lines)}`);
        voucherTaken.set(item.deploymentId, (voucherTaken.get(item.deploymentId) ?? 0) + voucher);
        sum += c.totalPence;
        charged += item.halfDays;
        releasing += c.releasingSchoolPence;
      }
      if (sum !== s.totalPence) throw new Error(`statements: items sum to ${sum}, the statement says ${s.totalPence}`);
    }
    const due = income.reduce((n, i) => n + i.pence, 0);
    if (due !== releasing) throw new Error(`statements: releasing schools are due ${due}, the charges give them ${releasing}`);
    stats.statementsChecked += statements.length;
  }
  for (const d of deps) {
    const worth = d.vouchers.reduce((n, v) => n + v.pence, 0);
    if ((voucherTaken.get(d.id) ?? 0) > worth)
      throw new Error(`statements: deployment ${d.id} is given ${voucherTaken.get(d.id)} pence of vouchers, worth ${worth}`);
  }
  // In the database: a voucher pays for at most one live deployment of its own school (cancelled ones free theirs).
  const stray = (
    (await tx.execute(sql`select v.id from support_vouchers v join deployments d on d.id = v.deployment_id
      where v.network_id = ${f.networkId} and (d.status in ('declined','cancelled') or d.paying_school_urn <> v.school_urn)`)) as unknown as {
      rows: unknown[];
    }
  ).rows;
  if (stray.length) throw new Error(`statements: ${stray.length} vouchers held by a cancelled deployment or another school's`);
  const logged = m.deployments.filter(holds).reduce((n, d) => n + d.logs.reduce((k, l) => k + l.halfDays, 0), 0);
  if (charged !== logged) throw new Error(`statements: ${charged} half days charged across the terms, ${logged} logged`);
}

/** Run `numRuns` generated sequences (at most `maxOps` operations each) against the committed fixture. */
export async function runReleaseDaysModel(
  database: Database,
  fixture: Fixture,
  options: { numRuns: number; maxOps?: number; seed?: number; onSequence?: () => void },
): Promise<ModelStats> {
  const stats: ModelStats = { sequences: 0, operations: 0, succeeded: {}, refused: {}, statementsChecked: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc
        .tuple(proposeArb, fc.array(opArb, { minLength: 1, maxLength: (options.maxOps ?? 10) - 1, size: 'max' }))
        .map(([first, rest]) => [first, ...rest]),
      paymentModelArb,
      async (ops, model) => {
        stats.sequences++;
        await runSequence(database, fixture, ops, model, stats);
        options.onSequence?.();
      },
    ),
    { numRuns: options.numRuns, ...(options.seed === undefined ? {} : { seed: options.seed }) },
  );
  return stats;
}
