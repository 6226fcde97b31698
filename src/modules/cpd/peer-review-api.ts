import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { participantSubject } from './development-policy.ts';
import { reviewFrameworks } from './peer-review-domain.ts';
import { findGroup, groupMembers, groupVisits, listGroups } from './peer-review-queries.ts';

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
  })
  .openapi('ReviewVisit');

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
      const db = c.var.deps.database.db;
      const group = await findGroup(db, c.req.valid('param').groupId);
      if (!group) throw notFound('Review group');
      const members = await groupMembers(db, [group.id]);
      await authorize(
        db,
        c.var.actor,
        'peerReview.take_part',
        participantSubject(
          group.networkId,
          members.map((m) => m.personId),
          c.var.actor,
        ),
      );
      if (group.networkId !== network.id) throw notFound('Review group');
      const visits = await groupVisits(db, group.id);
      return c.json({ data: visits.map(({ reviewedName: _r, ...v }) => v) }, 200);
    },
  );
