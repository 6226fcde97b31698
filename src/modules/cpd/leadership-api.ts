import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { networkFor } from '../networks/pages.ts';
import { addDevelopmentOption } from './commands/add-development-option.ts';
import { addPathwayItem } from './commands/add-pathway-item.ts';
import { adoptDefaultFramework } from './commands/adopt-default-framework.ts';
import { retireLeadershipQuality } from './commands/retire-leadership-quality.ts';
import { saveLeadershipQuality } from './commands/save-leadership-quality.ts';
import { updatePathwayItem } from './commands/update-pathway-item.ts';
import { me, pathwayItemFor, qualityFor } from './feedback360-access.ts';
import { behaviourList, optionKinds, pathwayStatuses } from './leadership-domain.ts';
import { listOptions, listPathway, type QualityRow } from './leadership-queries.ts';

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

/** A quality of the framework as the API shows it (also used by the 360 routes). */
export const Quality = z.object({ id: z.string().uuid(), name: z.string(), behaviours: z.array(z.string()) }).openapi('LeadershipQuality');
const QualityDraft = z
  .object({
    name: z.string().trim().min(1).max(120),
    behaviours: z.array(z.string().trim().min(1).max(300)).min(1).max(20).openapi({ description: 'The behaviours that show the quality' }),
  })
  .openapi('LeadershipQualityDraft');
const NewOption = z
  .object({
    kind: z.enum(optionKinds),
    title: z.string().trim().min(1).max(160),
    description: z.string().trim().max(1000).nullable().default(null),
    qualityId: Uuid.nullable().default(null),
  })
  .openapi('NewDevelopmentOption');
const presentQuality = (q: QualityRow) => ({ id: q.id, name: q.name, behaviours: behaviourList(q.behaviours) });

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
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/leadership/framework/default',
      tags: ['Leadership'],
      summary: 'Start from the default framework of qualities and menu of options (network admins; once)',
      request: { params: networkParams },
      responses: {
        201: json(z.object({ data: z.array(Quality) }), 'Adopted'),
        409: json(z.object({}), 'The network has a framework'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.manage');
      const { database, mailer, config } = c.var.deps;
      const rows = await inTransaction(database, (db) => adoptDefaultFramework({ db, actor, mailer, config }, { networkId: network.id }));
      return c.json({ data: rows.map(presentQuality) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/leadership/qualities',
      tags: ['Leadership'],
      summary: 'Add a quality to the framework, with the behaviours that show it (network admins)',
      request: { params: networkParams, body: { content: { 'application/json': { schema: QualityDraft } }, required: true } },
      responses: { 201: json(Quality, 'Added'), 409: json(z.object({}), 'A quality with this name exists'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.manage');
      const { name, behaviours } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        saveLeadershipQuality({ db, actor, mailer, config }, { networkId: network.id, name, behaviours: behaviours.join('\n') }),
      );
      return c.json(presentQuality(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/leadership/qualities/{qualityId}',
      tags: ['Leadership'],
      summary: 'Change a quality of the framework (network admins)',
      request: {
        params: z.object({ networkId: Uuid, qualityId: Uuid }),
        body: { content: { 'application/json': { schema: QualityDraft } }, required: true },
      },
      responses: { 200: json(Quality, 'Saved'), 409: json(z.object({}), 'A quality with this name exists'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.manage');
      const quality = await qualityFor(c, network);
      const { name, behaviours } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        saveLeadershipQuality({ db, actor, mailer, config }, { networkId: network.id, quality, name, behaviours: behaviours.join('\n') }),
      );
      return c.json(presentQuality(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/leadership/qualities/{qualityId}/retire',
      tags: ['Leadership'],
      summary: 'Retire a quality: new 360s leave it out, earlier answers keep it (network admins)',
      request: { params: z.object({ networkId: Uuid, qualityId: Uuid }) },
      responses: { 200: json(z.object({ retired: z.literal(true) }), 'Retired'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.manage');
      const quality = await qualityFor(c, network);
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => retireLeadershipQuality({ db, actor, mailer, config }, { quality }));
      return c.json({ retired: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/leadership/options',
      tags: ['Leadership'],
      summary: 'Add an option to the menu of development, optionally for one quality (network admins)',
      request: { params: networkParams, body: { content: { 'application/json': { schema: NewOption } }, required: true } },
      responses: { 201: json(Option, 'Added'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.manage');
      const { database, mailer, config } = c.var.deps;
      const o = await inTransaction(database, (db) =>
        addDevelopmentOption({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(
        { id: o.id, kind: o.kind as (typeof optionKinds)[number], title: o.title, description: o.description, qualityId: o.qualityId },
        201,
      );
    },
  );
