import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import type { Db } from '../../kernel/db/client.ts';
import { Problem, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { deploymentIn } from './brokerage-api.ts';
import { addDeploymentMilestone } from './commands/add-deployment-milestone.ts';
import { addDeploymentNote } from './commands/add-deployment-note.ts';
import { recordDiagnosticFindings } from './commands/record-diagnostic-findings.ts';
import { reflectOnDeployment } from './commands/reflect-on-deployment.ts';
import { supportRatings } from './deployments-domain.ts';
import { deploymentDetail } from './deployments-queries.ts';
import { vouchersOnDeployment } from './money-vouchers.ts';

// A deployment's record as JSON: success criteria, days logged, notes, milestones, the evaluation and the
// leader's reflection, vouchers spent on it; and the writes the page offers besides the state changes
// (brokerage-api.ts): notes, milestones, the leader's reflection, a diagnostic's findings.

const IsoDate = z.iso.date().openapi({ example: '2026-01-12' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const conflictResponse = {
  409: { description: 'Refused by the deployment’s state', content: { 'application/problem+json': { schema: Problem } } },
};
const Params = z.object({ networkId: Uuid, deploymentId: Uuid });
const Text = (max: number) => z.string().trim().min(1).max(max);
const ctxOf = (c: AppContext, db: Db): CommandContext => ({ db, actor: signedIn(c), mailer: c.var.deps.mailer, config: c.var.deps.config });

const DeploymentRecord = z
  .object({
    criteria: z.array(
      z.object({
        id: Uuid,
        description: z.string(),
        baseline: z.string(),
        target: z.string().nullable(),
        endMeasure: z.string().nullable(),
      }),
    ),
    days: z.array(z.object({ workedOn: z.string(), halfDays: z.number().int(), activity: z.string() })),
    notes: z.array(z.object({ body: z.string(), author: z.string().nullable(), createdAt: z.string() })),
    milestones: z.array(z.object({ title: z.string(), dueOn: z.string(), doneOn: z.string().nullable() })),
    evaluation: z
      .object({
        schoolRating: z.enum(supportRatings).nullable(),
        schoolComment: z.string().nullable(),
        leaderReflection: z.string().nullable(),
      })
      .nullable(),
    vouchers: z.array(
      z.object({ id: Uuid, hours: z.number(), redeemedOn: z.string().nullable(), redeemedPence: z.number().int().nullable() }),
    ),
  })
  .openapi('DeploymentRecord');
const ok = json(z.object({ ok: z.literal(true) }), 'Recorded');

async function recordOf(db: Db, id: string) {
  const [d, vouchers] = await Promise.all([deploymentDetail(db, id), vouchersOnDeployment(db, id)]);
  return {
    criteria: d.criteria.map((k) => ({
      id: k.id,
      description: k.description,
      baseline: k.baseline,
      target: k.target,
      endMeasure: k.endMeasure,
    })),
    days: d.logs.map((l) => ({ workedOn: l.workedOn, halfDays: l.halfDays, activity: l.activity })),
    notes: d.notes.map((n) => ({ body: n.body, author: n.author, createdAt: new Date(n.createdAt).toISOString() })),
    milestones: d.milestones.map((m) => ({ title: m.title, dueOn: m.dueOn, doneOn: m.doneOn })),
    evaluation: d.evaluation
      ? {
          schoolRating: d.evaluation.schoolRating,
          schoolComment: d.evaluation.schoolComment,
          leaderReflection: d.evaluation.leaderReflection,
        }
      : null,
    vouchers: vouchers.map((v) => ({ id: v.id, hours: v.hours, redeemedOn: v.redeemedOn, redeemedPence: v.redeemedPence })),
  };
}

export const deploymentsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/record',
      tags: ['Support'],
      summary: 'A deployment’s record: criteria with baselines and end measures, days logged, notes, milestones, evaluation, vouchers',
      request: { params: Params },
      responses: { 200: json(DeploymentRecord, 'The record'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const d = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.view');
      return c.json(await recordOf(c.var.deps.database.db, d.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/notes',
      tags: ['Support'],
      summary: 'Add a note (anyone who may see the deployment)',
      request: { params: Params, body: body(z.object({ body: Text(2000) }).openapi('DeploymentNote')) },
      responses: { 201: ok, ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.view');
      await inTransaction(c.var.deps.database, (db) => addDeploymentNote(ctxOf(c, db), { deployment, body: c.req.valid('json').body }));
      return c.json({ ok: true as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/milestones',
      tags: ['Support'],
      summary: 'Add a milestone (network admins)',
      request: { params: Params, body: body(z.object({ title: Text(200), dueOn: IsoDate }).openapi('DeploymentMilestone')) },
      responses: { 201: ok, ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.manage');
      await inTransaction(c.var.deps.database, (db) => addDeploymentMilestone(ctxOf(c, db), { deployment, ...c.req.valid('json') }));
      return c.json({ ok: true as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/reflection',
      tags: ['Support'],
      summary: 'The leader reflects on a completed deployment (feeds their profile and the reports)',
      request: { params: Params, body: body(z.object({ reflection: Text(2000) }).openapi('DeploymentReflection')) },
      responses: { 200: ok, ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.reflect');
      await inTransaction(c.var.deps.database, (db) =>
        reflectOnDeployment(ctxOf(c, db), { deployment, reflection: c.req.valid('json').reflection }),
      );
      return c.json({ ok: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/findings',
      tags: ['Support'],
      summary: 'A completed diagnostic’s findings become the school’s request (a known need pointing back to it)',
      request: {
        params: Params,
        body: body(
          z
            .object({
              findings: Text(2000),
              specialismId: Uuid.nullable().default(null),
              phase: z.enum(phases),
              objectives: Text(2000),
              days: z.number().positive().max(190).multipleOf(0.5),
              preferredStartOn: IsoDate,
              preferredEndOn: IsoDate,
            })
            .openapi('DiagnosticFindings'),
        ),
      },
      responses: { 201: ok, ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.evaluate');
      await inTransaction(c.var.deps.database, (db) => recordDiagnosticFindings(ctxOf(c, db), { deployment, ...c.req.valid('json') }));
      return c.json({ ok: true as const }, 201);
    },
  );
