import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { PageQuery, Problem, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { changePartnership } from './commands/change-partnership.ts';
import { proposePartnership } from './commands/propose-partnership.ts';
import { networkFor } from './pages.ts';
import { partnershipForStep } from './partnerships-access.ts';
import { partnershipStatuses, partnershipSteps } from './partnerships-domain.ts';
import { countPartnershipsOf, listPartnershipsOf, type PartnershipRow } from './partnerships-queries.ts';

const Partnership = z
  .object({
    id: z.string().uuid(),
    networkId: z.string().uuid().openapi({ description: 'The network in the path' }),
    partnerNetworkId: z.string().uuid(),
    partnerName: z.string(),
    status: z.enum(partnershipStatuses),
    proposedByNetworkId: z.string().uuid().nullable().openapi({ description: 'Null when an operator set it up' }),
    message: z.string().nullable(),
    proposedAt: z.string().openapi({ format: 'date-time' }),
    respondedAt: z.string().nullable().openapi({ format: 'date-time' }),
    startedOn: z.string().nullable().openapi({ format: 'date' }),
    endedOn: z.string().nullable().openapi({ format: 'date' }),
  })
  .openapi('Partnership');
const NewPartnership = z
  .object({
    networkId: Uuid.openapi({ description: 'The network to propose a partnership to' }),
    message: z.string().trim().max(1000).nullable().optional().openapi({ description: 'Shown to their network admins' }),
  })
  .openapi('NewPartnership');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const conflictResponse = {
  409: { description: 'Already proposed or active, or no longer open', content: { 'application/problem+json': { schema: Problem } } },
};
const present = (p: PartnershipRow & { partnerName: string }, networkId: string) => ({
  id: p.id,
  networkId,
  partnerNetworkId: p.networkA === networkId ? p.networkB : p.networkA,
  partnerName: p.partnerName,
  status: p.status,
  proposedByNetworkId: p.proposedByNetwork,
  message: p.message,
  proposedAt: p.proposedAt.toISOString(),
  respondedAt: p.respondedAt?.toISOString() ?? null,
  startedOn: p.startedOn,
  endedOn: p.endedOn,
});
/** The row as the network in the path sees it (with the partner's name). */
async function presentOne(c: AppContext, id: string, networkId: string) {
  const [row] = await listPartnershipsOf(c.var.deps.database.db, networkId, { id });
  return present(row!, networkId);
}

export const partnershipsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/partnerships',
      tags: ['Partnerships'],
      summary: 'The network’s partnerships with other networks: open ones first, then past ones (members)',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Partnership), meta: pageMeta }), 'A page of partnerships'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'network.view');
      const { page, perPage } = c.req.valid('query');
      const db = c.var.deps.database.db;
      const [rows, total] = await Promise.all([listPartnershipsOf(db, network.id, { page, perPage }), countPartnershipsOf(db, network.id)]);
      return c.json({ data: rows.map((p) => present(p, network.id)), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/partnerships',
      tags: ['Partnerships'],
      summary: 'Propose a partnership to another network (network admins); their admins are emailed',
      request: {
        params: z.object({ networkId: Uuid }),
        body: { content: { 'application/json': { schema: NewPartnership } }, required: true },
      },
      responses: { 201: json(Partnership, 'Proposed'), ...conflictResponse, ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'network.manage');
      const { database, mailer, config } = c.var.deps;
      const body = c.req.valid('json');
      const row = await inTransaction(database, (db) =>
        proposePartnership(
          { db, actor, mailer, config },
          { networkId: network.id, partnerNetworkId: body.networkId, message: body.message || null },
        ),
      );
      return c.json(await presentOne(c, row.id, network.id), 201);
    },
  );

const stepSummaries = {
  accept: 'Accept a proposal made to this network (its network admins)',
  decline: 'Decline a proposal made to this network (its network admins)',
  withdraw: 'Withdraw a proposal this network made (its network admins)',
  end: 'End an active partnership (network admins of either side)',
} as const;

for (const step of partnershipSteps) {
  partnershipsApi.openapi(
    createRoute({
      method: 'post',
      path: `/networks/{networkId}/partnerships/{partnershipId}/${step}`,
      tags: ['Partnerships'],
      summary: stepSummaries[step],
      request: { params: z.object({ networkId: Uuid, partnershipId: Uuid }) },
      responses: { 200: json(Partnership, 'Done'), ...conflictResponse, ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'network.manage');
      const { database, mailer, config } = c.var.deps;
      const partnership = await partnershipForStep(database.db, actor, c.req.valid('param').partnershipId, network.id, step);
      await inTransaction(database, (db) =>
        changePartnership({ db, actor, mailer, config }, { partnershipId: partnership.id, networkId: network.id, step, on: todayIso() }),
      );
      return c.json(await presentOne(c, partnership.id, network.id), 200);
    },
  );
}
