import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { todayIso } from '../../kernel/dates.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { feeKinds } from './money-domain.ts';
import { paymentModelOf } from './money-queries.ts';
import { supportReport } from './reports-pages.ts';
import { listRounds } from './rounds-queries.ts';
import { parseTerm, termId, termOf } from './statements-domain.ts';
import { termStatements } from './statements-pages.ts';

// Read-only JSON for designation rounds, the payment model, statements and reports (money in pence).

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const params = z.object({ networkId: Uuid });

const Round = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    kind: z.string(),
    phases: z.array(z.string()),
    opensOn: z.string(),
    closesOn: z.string(),
    termStartsOn: z.string(),
    termEndsOn: z.string(),
    specialismIds: z.array(z.string().uuid()),
    applications: z.number().int(),
  })
  .openapi('DesignationRound');
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
      path: '/networks/{networkId}/rounds',
      tags: ['Designation rounds'],
      summary: 'The network’s designation rounds, newest first',
      request: { params, query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Round), meta: pageMeta }), 'A page of rounds'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listRounds(c.var.deps.database.db, network.id, { page, perPage });
      return c.json({ data: rows.map(({ networkId: _n, specialisms: _s, ...r }) => r), meta: { page, perPage, total } }, 200);
    },
  )
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
