import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { createReviewGroup } from './commands/create-review-group.ts';
import { recordReviewVisit } from './commands/record-review-visit.ts';
import { groupFor, visitFor } from './peer-review-access.ts';
import { reviewFrameworks } from './peer-review-domain.ts';
import { groupMembers, groupVisits, listGroups } from './peer-review-queries.ts';

const Head = z.object({ personId: z.string().uuid(), fullName: z.string(), schoolUrn: z.number().int(), schoolName: z.string() });
const Group = z
  .object({ id: z.string().uuid(), name: z.string(), framework: z.enum(reviewFrameworks), heads: z.array(Head) })
  .openapi('ReviewGroup');
const Visit = z
  .object({
    id: z.string().uuid(),
    cycle: z.number().int(),
    reviewedId: z.string().uuid(),
    schoolName: z.string(),
    leadName: z.string(),
    visitOn: z.iso.date().nullable(),
    focus: z.string().nullable(),
    findings: z.string().nullable(),
    agreedActions: z.string().nullable(),
  })
  .openapi('ReviewVisit');
const NewGroup = z
  .object({
    name: z.string().trim().min(1).max(120),
    framework: z.enum(reviewFrameworks),
    memberIds: z.array(Uuid).min(3).max(4).openapi({ description: 'Three or four heads, each of a different school' }),
  })
  .openapi('NewReviewGroup');
const VisitRecord = z
  .object({
    visitOn: z.iso.date().nullable().default(null),
    focus: z.string().trim().max(500).nullable().default(null),
    findings: z.string().trim().max(8000).nullable().default(null),
    agreedActions: z.string().trim().max(4000).nullable().default(null),
  })
  .openapi('ReviewVisitRecord');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

export const peerReviewApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/review-groups',
      tags: ['Peer review'],
      summary: 'Heads’ review groups: all of them for network admins, your own otherwise',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Group), meta: pageMeta }), 'A page of review groups'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const { page, perPage } = c.req.valid('query');
      const db = c.var.deps.database.db;
      const mine = can(actor, 'peerReview.manage', { networkId: network.id }) ? null : actor.kind === 'person' ? actor.personId : null;
      const { rows, total } = await listGroups(db, network.id, mine, { page, perPage });
      const heads = await groupMembers(
        db,
        rows.map((g) => g.id),
      );
      const data = rows.map((g) => ({
        id: g.id,
        name: g.name,
        framework: g.framework as (typeof reviewFrameworks)[number],
        heads: heads
          .filter((h) => h.groupId === g.id)
          .map(({ personId, fullName, schoolUrn, schoolName }) => ({ personId, fullName, schoolUrn, schoolName })),
      }));
      return c.json({ data, meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/review-groups/{groupId}/visits',
      tags: ['Peer review'],
      summary: 'The group’s visits with their findings (the group’s heads only)',
      request: { params: z.object({ networkId: Uuid, groupId: Uuid }) },
      responses: { 200: json(z.object({ data: z.array(Visit) }), 'The rotation'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const { group } = await groupFor(c, network);
      const visits = await groupVisits(c.var.deps.database.db, group.id);
      return c.json({ data: visits.map(({ reviewedName: _r, ...v }) => v) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/review-groups',
      tags: ['Peer review'],
      summary: 'Form a triad or quad of heads from three or four schools, with its rotation of visits (network admins)',
      request: { params: z.object({ networkId: Uuid }), body: { content: { 'application/json': { schema: NewGroup } }, required: true } },
      responses: { 201: json(z.object({ id: z.string().uuid() }), 'Created'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'peerReview.manage');
      const { database, mailer, config } = c.var.deps;
      const group = await inTransaction(database, (db) =>
        createReviewGroup({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json({ id: group.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/review-groups/{groupId}/visits/{visitId}',
      tags: ['Peer review'],
      summary: 'Record a visit: its date, focus, findings and agreed actions (the group’s heads only)',
      request: {
        params: z.object({ networkId: Uuid, groupId: Uuid, visitId: Uuid }),
        body: { content: { 'application/json': { schema: VisitRecord } }, required: true },
      },
      responses: { 200: json(Visit, 'Saved'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const { group } = await groupFor(c, network);
      const found = await visitFor(c, network, group);
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) =>
        recordReviewVisit({ db, actor, mailer, config }, { visit: found.visit, ...c.req.valid('json') }),
      );
      const saved = (await groupVisits(database.db, group.id)).find((v) => v.id === found.visit.id)!;
      const { reviewedName: _r, ...visit } = saved;
      return c.json(visit, 200);
    },
  );
