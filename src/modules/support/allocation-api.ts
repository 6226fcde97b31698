import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { networkFor } from '../networks/pages.ts';
import { type AllocationRun, findAllocationRun, startAllocationRun } from './brokerage-allocation-runs.ts';

// "Allocate all open requests" as JSON: a run proposes the whole allocation in the background (as the page
// does for a large network); the broker reads it line by line and proposes each line kept with
// POST .../support/requests/{requestId}/deployments, where the release-days rules are checked again.

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const Run = z
  .object({
    id: Uuid,
    status: z.enum(['running', 'finished', 'failed']),
    progress: z.object({
      stage: z.enum(['reading', 'solving']),
      done: z.number().int().optional().openapi({ description: 'While reading: the open requests read so far' }),
      total: z.number().int().optional().openapi({ description: 'While reading: the open requests this run takes' }),
      step: z.enum(['split', 'round', 'improve', 'prove']).optional().openapi({
        description:
          'While solving, once the optimiser reports: its stage (split: the bound with requests shared between leaders; round: one leader each; improve: local search; prove: searching for a better allocation or a proof that none exists)',
      }),
    }),
    proposal: z
      .object({
        optimal: z.boolean().openapi({ description: 'Whether the optimiser proved the allocation optimal' }),
        fromLastRun: z.boolean().openapi({
          description: "Whether the search started from this network's last proposal (lines still as good as any other stay as they were)",
        }),
        lines: z.array(
          z.object({
            requestId: Uuid,
            proposedDesignationId: Uuid.nullable(),
            reasons: z.array(z.string()),
            unservedReason: z.string().nullable(),
            eligible: z.array(z.object({ designationId: Uuid, fullName: z.string(), score: z.number() })),
          }),
        ),
      })
      .nullable(),
  })
  .openapi('AllocationRun');

const present = (run: AllocationRun) => ({
  id: run.id,
  status: run.status,
  progress: run.progress,
  proposal: run.proposal
    ? {
        optimal: run.proposal.optimal,
        fromLastRun: run.proposal.fromLastRun,
        lines: run.proposal.lines.map((l) => ({
          requestId: l.request.id,
          proposedDesignationId: l.proposed?.candidate.designationId ?? null,
          reasons: l.proposed?.reasons ?? [],
          unservedReason: l.unservedReason,
          eligible: l.eligible.map((m) => ({ designationId: m.candidate.designationId, fullName: m.candidate.fullName, score: m.score })),
        })),
      }
    : null,
});

export const allocationApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/allocation-runs',
      tags: ['Support'],
      summary: 'Start proposing a whole allocation of the open requests under the matching rules (brokers); poll the run',
      request: { params: z.object({ networkId: Uuid }) },
      responses: { 202: json(Run, 'Started'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'request.broker');
      return c.json(present(startAllocationRun(c.var.deps, network.id)), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/allocation-runs/{runId}',
      tags: ['Support'],
      summary: 'A run’s progress, then its proposal line by line (runs are kept an hour, in the server’s memory)',
      request: { params: z.object({ networkId: Uuid, runId: Uuid }) },
      responses: { 200: json(Run, 'The run'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'request.broker');
      const run = findAllocationRun(network.id, c.req.valid('param').runId);
      if (!run) throw notFound('Allocation run');
      return c.json(present(run), 200);
    },
  );
