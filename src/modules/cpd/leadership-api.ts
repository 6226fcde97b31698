import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { networkFor } from '../networks/pages.ts';
import { addPathwayItem } from './commands/add-pathway-item.ts';
import { updatePathwayItem } from './commands/update-pathway-item.ts';
import { me, pathwayItemFor } from './feedback360-access.ts';
import { optionKinds, pathwayStatuses } from './leadership-domain.ts';
import { listOptions, listPathway } from './leadership-queries.ts';

// The network's menu of development options and a leader's own pathway, as the leadership page offers them.

const Option = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(optionKinds),
    title: z.string(),
    description: z.string().nullable(),
    qualityId: z.string().uuid().nullable(),
  })
  .openapi('DevelopmentOption');
const PathwayItem = z
  .object({
    id: z.string().uuid(),
    status: z.enum(pathwayStatuses),
    optionId: z.string().uuid(),
    kind: z.enum(optionKinds),
    title: z.string(),
    feedbackId: z.string().uuid().nullable(),
  })
  .openapi('PathwayItem');
const NewPathwayItem = z
  .object({
    optionId: Uuid,
    feedbackId: Uuid.nullable().default(null).openapi({ description: 'The 360 whose report suggested it, if any' }),
  })
  .openapi('NewPathwayItem');
const PathwayStatus = z.object({ status: z.enum(pathwayStatuses) }).openapi('PathwayItemStatus');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const networkParams = z.object({ networkId: Uuid });

async function presentItem(c: AppContext, networkId: string, personId: string, id: string) {
  const item = (await listPathway(c.var.deps.database.db, networkId, personId)).find((i) => i.id === id)!;
  return {
    id: item.id,
    status: item.status as (typeof pathwayStatuses)[number],
    optionId: item.optionId,
    kind: item.kind as (typeof optionKinds)[number],
    title: item.title,
    feedbackId: item.feedbackId,
  };
}

export const leadershipApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/leadership/options',
      tags: ['Leadership'],
      summary: 'The network’s menu of development options: courses, coaching, placements, discussion sessions',
      request: { params: networkParams },
      responses: { 200: json(z.object({ data: z.array(Option) }), 'The menu'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const options = await listOptions(c.var.deps.database.db, network.id);
      const data = options.map((o) => ({
        id: o.id,
        kind: o.kind as (typeof optionKinds)[number],
        title: o.title,
        description: o.description,
        qualityId: o.qualityId,
      }));
      return c.json({ data }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/leadership/pathway',
      tags: ['Leadership'],
      summary: 'Your own development pathway in the network',
      request: { params: networkParams },
      responses: { 200: json(z.object({ data: z.array(PathwayItem) }), 'Your pathway'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
      const items = await listPathway(c.var.deps.database.db, network.id, me(c)!);
      return c.json(
        {
          data: items.map((i) => ({
            id: i.id,
            status: i.status as (typeof pathwayStatuses)[number],
            optionId: i.optionId,
            kind: i.kind as (typeof optionKinds)[number],
            title: i.title,
            feedbackId: i.feedbackId,
          })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/leadership/pathway',
      tags: ['Leadership'],
      summary: 'Add an option from the menu to your pathway (once each)',
      request: { params: networkParams, body: { content: { 'application/json': { schema: NewPathwayItem } }, required: true } },
      responses: { 201: json(PathwayItem, 'Added'), 409: json(z.object({}), 'Already in your pathway'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        addPathwayItem({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(await presentItem(c, network.id, row.personId, row.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/leadership/pathway/{itemId}',
      tags: ['Leadership'],
      summary: 'Mark a pathway item planned, in progress or done (your own)',
      request: {
        params: z.object({ networkId: Uuid, itemId: Uuid }),
        body: { content: { 'application/json': { schema: PathwayStatus } }, required: true },
      },
      responses: { 200: json(PathwayItem, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const item = await pathwayItemFor(c, network);
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => updatePathwayItem({ db, actor, mailer, config }, { item, status: c.req.valid('json').status }));
      return c.json(await presentItem(c, network.id, item.personId, item.id), 200);
    },
  );
