import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { notFound, unauthorized } from '../../kernel/http/errors.ts';
import { networkScope } from '../../kernel/policy/policy.ts';
import { authorize } from '../../policy.ts';
import { networkKinds } from './domain.ts';
import { findNetwork, listNetworks } from './queries.ts';

const Network = z
  .object({ id: z.string().uuid(), name: z.string(), kind: z.enum(networkKinds), leadSchoolUrn: z.number().int().nullable() })
  .openapi('Network');
const present = (n: { id: string; name: string; kind: string; leadSchoolUrn: number | null }) => ({
  id: n.id,
  name: n.name,
  kind: n.kind as (typeof networkKinds)[number],
  leadSchoolUrn: n.leadSchoolUrn,
});

export const networksApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks',
      tags: ['Networks'],
      summary: 'Networks you belong to',
      request: { query: PageQuery },
      responses: {
        200: {
          description: 'Your networks, by name',
          content: { 'application/json': { schema: z.object({ data: z.array(Network), meta: pageMeta }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = c.var.actor;
      if (!actor) throw unauthorized();
      const { page, perPage } = c.req.valid('query');
      const list = await listNetworks(c.var.deps.database.db, networkScope(actor));
      const data = list.slice((page - 1) * perPage, page * perPage).map(present);
      return c.json({ data, meta: { page, perPage, total: list.length } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}',
      tags: ['Networks'],
      summary: 'One network',
      request: { params: z.object({ networkId: Uuid }) },
      responses: { 200: { description: 'The network', content: { 'application/json': { schema: Network } } }, ...problemResponses },
    }),
    async (c) => {
      const db = c.var.deps.database.db;
      const network = await findNetwork(db, c.req.valid('param').networkId);
      if (!network) throw notFound('Network');
      await authorize(db, c.var.actor, 'network.view', { networkId: network.id });
      return c.json(present(network), 200);
    },
  );
