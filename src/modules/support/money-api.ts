import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import type { Db } from '../../kernel/db/client.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { issueVoucher } from './commands/issue-voucher.ts';
import { setSupportTarget } from './commands/set-support-target.ts';
import { updatePaymentModel } from './commands/update-payment-model.ts';
import { updateSupportSettings } from './commands/update-support-settings.ts';
import { REACH_KM_MESSAGE, REACH_KM_RANGE } from './matching-domain.ts';
import { feeKinds, MAX_RATE_PENCE } from './money-domain.ts';
import { listTargets, listVouchers, paymentModelOf } from './money-queries.ts';
import { supportReport } from './reports-pages.ts';
import { supportSettingsOf } from './settings-queries.ts';
import { parseTerm, termId, termOf } from './statements-domain.ts';
import { termStatements } from './statements-pages.ts';

// JSON for money (in pence): the payment model, vouchers and targets (the same commands as the pages), statements and reports.

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const params = z.object({ networkId: Uuid });

const PaymentModel = z
  .object({
    sleMemberPence: z.number().int(),
    sleNonMemberPence: z.number().int(),
    lleMemberPence: z.number().int(),
    lleNonMemberPence: z.number().int(),
    nleMemberPence: z.number().int(),
    nleNonMemberPence: z.number().int(),
    diagnosticMemberPence: z.number().int(),
    diagnosticNonMemberPence: z.number().int(),
    feeKind: z.enum(feeKinds),
    feeValue: z.number().int().openapi({ description: 'Basis points when feeKind is percent; pence per deployment when fixed' }),
    vatBasisPoints: z.number().int(),
    hoursPerDay: z.number(),
    saved: z.boolean().openapi({ description: 'False while the network uses the defaults' }),
  })
  .openapi('PaymentModel');
const Pence = z.number().int().min(0).max(MAX_RATE_PENCE);
const Tenths = (max: number) =>
  z
    .number()
    .positive()
    .max(max)
    .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'To one decimal place');
const NewPaymentModel = z
  .object({
    sleMemberPence: Pence,
    sleNonMemberPence: Pence,
    lleMemberPence: Pence,
    lleNonMemberPence: Pence,
    nleMemberPence: Pence,
    nleNonMemberPence: Pence,
    diagnosticMemberPence: Pence,
    diagnosticNonMemberPence: Pence,
    feeKind: z.enum(feeKinds),
    feeValue: z
      .number()
      .int()
      .min(0)
      .max(MAX_RATE_PENCE)
      .openapi({ description: 'Basis points (up to 10000) when percent; pence when fixed' }),
    vatBasisPoints: z.number().int().min(0).max(10000),
    hoursPerDay: Tenths(24).openapi({ description: 'Hours in a support day, for valuing free hours' }),
  })
  .openapi('PaymentModelChange');
const reachDescription =
  'How far a leader may travel to a school, in km, in a straight line (easting/northing): a hard rule of matching and allocation';
const SupportSettings = z
  .object({
    reachKm: z.number().int().openapi({ description: reachDescription }),
    saved: z.boolean().openapi({ description: 'False while the network uses the defaults' }),
  })
  .openapi('SupportSettings');
const SupportSettingsChange = z
  .object({
    reachKm: z
      .number({ error: REACH_KM_MESSAGE })
      .int(REACH_KM_MESSAGE)
      .min(REACH_KM_RANGE.min, REACH_KM_MESSAGE)
      .max(REACH_KM_RANGE.max, REACH_KM_MESSAGE)
      .openapi({ description: reachDescription }),
  })
  .openapi('SupportSettingsChange');
const Voucher = z
  .object({
    id: Uuid,
    schoolUrn: z.number().int(),
    schoolName: z.string(),
    hours: z.number(),
    reason: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string().nullable(),
    deploymentId: Uuid.nullable().openapi({ description: 'The deployment it was redeemed on when that was agreed' }),
    redeemedOn: z.string().nullable(),
    redeemedPence: z.number().int().nullable().openapi({ description: 'What it took off, at the deployment’s agreed rate' }),
  })
  .openapi('SupportVoucher');
const NewVoucher = z
  .object({
    schoolUrn: z.number().int().positive().max(2_147_483_647).openapi({ description: 'A member school of the network' }),
    hours: z.number().positive().max(100).multipleOf(0.5),
    reason: z.string().trim().min(1).max(200),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date().nullable().default(null),
  })
  .openapi('NewSupportVoucher');
const Target = z.object({ startYear: z.number().int(), days: z.number(), incomePence: z.number().int() }).openapi('SupportTarget');
const TargetChange = z
  .object({
    startYear: z.number().int().min(2000).max(2100).openapi({ description: 'The school year starting 1 September of this year' }),
    days: z.number().min(0).max(99999).multipleOf(0.5),
    incomePence: z.number().int().min(0).max(999_999_999),
  })
  .openapi('SupportTargetChange');
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ctxOf = (c: AppContext, db: Db): CommandContext => ({ db, actor: signedIn(c), mailer: c.var.deps.mailer, config: c.var.deps.config });

const Line = z.object({ kind: z.string(), description: z.string(), pence: z.number().int() });
const Statement = z
  .object({
    schoolUrn: z.number().int(),
    schoolName: z.string(),
    totalPence: z.number().int().openapi({ description: 'Always the sum of every line of every item' }),
    items: z.array(
      z.object({
        deploymentId: z.string().uuid(),
        title: z.string(),
        days: z.number(),
        lines: z.array(Line),
        totalPence: z.number().int(),
      }),
    ),
  })
  .openapi('Statement');
const Statements = z
  .object({
    term: z.string().openapi({ example: '2025-autumn' }),
    statements: z.array(Statement),
    income: z.array(z.object({ schoolUrn: z.number().int(), schoolName: z.string(), days: z.number(), pence: z.number().int() })),
  })
  .openapi('Statements');
const Share = z.object({ count: z.number().int(), of: z.number().int(), percent: z.number().int().nullable() });
const Report = z
  .object({
    startYear: z.number().int(),
    days: z.number(),
    incomePence: z.number().int(),
    target: z.object({ days: z.number(), incomePence: z.number().int() }).nullable(),
    deployedWithinThreeMonths: Share,
    ratedGoodOrBetter: Share,
    daysBy: z.record(z.string(), z.array(z.object({ key: z.string(), days: z.number() }))),
  })
  .openapi('SupportReport');

export const moneyApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/payment-model',
      tags: ['Money'],
      summary: 'The payment model (network admins)',
      request: { params },
      responses: { 200: json(PaymentModel, 'The payment model'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      return c.json(await paymentModelOf(c.var.deps.database.db, network.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/support/payment-model',
      tags: ['Money'],
      summary: 'Set the payment model (network admins); deployments already agreed keep the price they were agreed at',
      request: { params, body: body(NewPaymentModel) },
      responses: { 200: json(PaymentModel, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      await inTransaction(c.var.deps.database, (db) =>
        updatePaymentModel(ctxOf(c, db), { networkId: network.id, model: c.req.valid('json') }),
      );
      return c.json(await paymentModelOf(c.var.deps.database.db, network.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/settings',
      tags: ['Money'],
      summary: 'The network’s support settings that are not money: its reach (network admins)',
      request: { params },
      responses: { 200: json(SupportSettings, 'The settings'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      return c.json(await supportSettingsOf(c.var.deps.database.db, network.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/support/settings',
      tags: ['Money'],
      summary: 'Set the network’s reach (network admins); proposals already made stay',
      request: { params, body: body(SupportSettingsChange) },
      responses: { 200: json(SupportSettings, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      await inTransaction(c.var.deps.database, (db) =>
        updateSupportSettings(ctxOf(c, db), { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(await supportSettingsOf(c.var.deps.database.db, network.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/vouchers',
      tags: ['Money'],
      summary: 'Vouchers for free hours of support, with where each was redeemed (network admins)',
      request: { params },
      responses: { 200: json(z.object({ data: z.array(Voucher) }), 'Vouchers'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      return c.json({ data: await listVouchers(c.var.deps.database.db, network.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/vouchers',
      tags: ['Money'],
      summary: 'Give a member school free hours of support; redeemed on the next deployment it agrees (network admins)',
      request: { params, body: body(NewVoucher) },
      responses: { 201: json(Voucher, 'Given'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      const row = await inTransaction(c.var.deps.database, (db) =>
        issueVoucher(ctxOf(c, db), { networkId: network.id, ...c.req.valid('json') }),
      );
      const voucher = (await listVouchers(c.var.deps.database.db, network.id)).find((v) => v.id === row.id)!;
      return c.json(voucher, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/targets',
      tags: ['Money'],
      summary: 'The network’s days and income targets by school year (network admins)',
      request: { params },
      responses: { 200: json(z.object({ data: z.array(Target) }), 'Targets'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      return c.json({ data: await listTargets(c.var.deps.database.db, network.id) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/support/targets',
      tags: ['Money'],
      summary: 'Set the days and income targets for a school year, replacing any set before (network admins)',
      request: { params, body: body(TargetChange) },
      responses: { 200: json(Target, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'money.manage');
      const target = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) => setSupportTarget(ctxOf(c, db), { networkId: network.id, ...target }));
      return c.json(target, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/statements',
      tags: ['Money'],
      summary: 'Statements for a term and the income due to releasing schools (a school leader sees their own school only)',
      request: {
        params,
        query: z.object({
          term: z
            .string()
            .regex(/^\d{4}-(autumn|spring|summer)$/)
            .optional()
            .openapi({ example: '2025-autumn' }),
        }),
      },
      responses: { 200: json(Statements, 'Statements'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'statement.list');
      const term = parseTerm(c.req.valid('query').term) ?? termOf(todayIso());
      const { statements, income } = await termStatements(c, network.id, term);
      const sees = (urn: number) => can(c.var.actor, 'statement.view', { networkId: network.id, schoolUrn: urn });
      return c.json(
        {
          term: termId(term),
          statements: statements
            .filter((s) => sees(s.schoolUrn))
            .map((s) => ({
              schoolUrn: s.schoolUrn,
              schoolName: s.schoolName,
              totalPence: s.totalPence,
              items: s.items.map((i) => ({
                deploymentId: i.deploymentId,
                title: i.title,
                days: i.halfDays / 2,
                lines: i.charge.lines,
                totalPence: i.charge.totalPence,
              })),
            })),
          income: income
            .filter((r) => sees(r.schoolUrn))
            .map((r) => ({ schoolUrn: r.schoolUrn, schoolName: r.schoolName, days: r.halfDays / 2, pence: r.pence })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/reports',
      tags: ['Money'],
      summary: 'Deployment days, income against targets and the KPIs for a school year (network admins)',
      request: { params, query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: json(Report, 'The report'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'report.view');
      const year = c.req.valid('query').year ?? termOf(todayIso()).startYear;
      const r = await supportReport(c, network.id, year);
      return c.json(
        {
          startYear: year,
          days: r.halfDays / 2,
          incomePence: r.incomePence,
          target: r.target ? { days: r.target.days, incomePence: r.target.incomePence } : null,
          deployedWithinThreeMonths: r.deployedSoon,
          ratedGoodOrBetter: r.goodOrBetter,
          daysBy: Object.fromEntries(Object.entries(r.by).map(([k, v]) => [k, v.map((x) => ({ key: x.key, days: x.halfDays / 2 }))])),
        },
        200,
      );
    },
  );
