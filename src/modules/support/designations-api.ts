import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, Problem, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import { leadershipLevels, phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { createDesignation } from './commands/create-designation.ts';
import { updateDesignation } from './commands/update-designation.ts';
import { withdrawDesignation } from './commands/withdraw-designation.ts';
import { type DesignationRow, findDesignation, listDesignations } from './designations-queries.ts';
import { designationKinds, designationStatuses } from './domain.ts';

const IsoDate = z.iso.date().openapi({ example: '2025-09-01' });
const Kind = z.enum(designationKinds).openapi('DesignationKind');
const Phase = z.enum(phases).openapi('Phase');
const Designation = z
  .object({
    id: z.string().uuid(),
    personId: z.string().uuid(),
    fullName: z.string(),
    schoolUrn: z.number().int().nullable(),
    leadershipLevel: z.enum(leadershipLevels).nullable().openapi({ description: 'The leader’s leadership level' }),
    kind: Kind,
    phase: Phase,
    releaseDays: z.number().openapi({ description: 'Days a year the leader’s own school releases them (halves allowed)' }),
    startsOn: IsoDate,
    endsOn: IsoDate,
    reviewOn: IsoDate.nullable(),
    status: z.enum(designationStatuses),
    specialismIds: z.array(z.string().uuid()),
  })
  .openapi('Designation');
const NewDesignation = z
  .object({
    personId: Uuid.openapi({ description: 'A member of the network' }),
    kind: Kind,
    phase: Phase,
    releaseDays: z.number().positive().max(190).multipleOf(0.5),
    startsOn: IsoDate,
    endsOn: IsoDate.openapi({ description: 'After startsOn; current up to, not including, this date' }),
    reviewOn: IsoDate.nullable().default(null),
    specialismIds: z.array(Uuid).min(1).max(50).openapi({ description: 'Shared specialisms or the network’s own' }),
  })
  .openapi('NewDesignation');
const DesignationChange = NewDesignation.omit({ personId: true }).openapi('DesignationChange');
const conflictResponse = {
  409: {
    description: 'Refused by a rule (withdrawn; release days below the days already allocated in a school year)',
    content: { 'application/problem+json': { schema: Problem } },
  },
};
const DesignationPage = z.object({ data: z.array(Designation), meta: pageMeta });
const ListQuery = PageQuery.extend({ kind: Kind.optional(), status: z.enum(designationStatuses).optional(), personId: Uuid.optional() });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (d: DesignationRow) => ({
  id: d.id,
  personId: d.personId,
  fullName: d.fullName,
  schoolUrn: d.schoolUrn,
  leadershipLevel: d.leadershipLevel,
  kind: d.kind as z.infer<typeof Kind>,
  phase: d.phase as z.infer<typeof Phase>,
  releaseDays: Number(d.releaseDays),
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  reviewOn: d.reviewOn,
  status: d.status as (typeof designationStatuses)[number],
  specialismIds: d.specialismIds,
});

/** The designation in this network, after the policy decision on it (404 for another network's). */
async function designationIn(c: AppContext, networkId: string, id: string, action: 'designation.view' | 'designation.manage') {
  const d = await findDesignation(c.var.deps.database.db, id);
  if (!d) throw notFound('Designation');
  await authorize(c.var.deps.database.db, c.var.actor, action, { networkId: d.networkId });
  if (d.networkId !== networkId) throw notFound('Designation');
  return d;
}

export const designationsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/designations',
      tags: ['Designations'],
      summary: 'The network’s designations, newest term first',
      request: { params: z.object({ networkId: Uuid }), query: ListQuery },
      responses: { 200: json(DesignationPage, 'A page of designations'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'designation.view');
      const { page, perPage, kind, status, personId } = c.req.valid('query');
      const { rows, total } = await listDesignations(c.var.deps.database.db, network.id, { kind, status, personId }, { page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/designations',
      tags: ['Designations'],
      summary: 'Designate a member of the network (network admins)',
      request: {
        params: z.object({ networkId: Uuid }),
        body: { content: { 'application/json': { schema: NewDesignation } }, required: true },
      },
      responses: { 201: json(Designation, 'Designated'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'designation.manage');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        createDesignation({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(present((await findDesignation(database.db, row.id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/designations/{designationId}',
      tags: ['Designations'],
      summary: 'One designation',
      request: { params: z.object({ networkId: Uuid, designationId: Uuid }) },
      responses: { 200: json(Designation, 'The designation'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'designation.view');
      return c.json(present(await designationIn(c, network.id, c.req.valid('param').designationId, 'designation.view')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/designations/{designationId}',
      tags: ['Designations'],
      summary: 'Change a designation (network admins); 409 when release days would fall below the days already allocated',
      request: {
        params: z.object({ networkId: Uuid, designationId: Uuid }),
        body: { content: { 'application/json': { schema: DesignationChange } }, required: true },
      },
      responses: { 200: json(Designation, 'Changed'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'designation.manage');
      const designation = await designationIn(c, network.id, c.req.valid('param').designationId, 'designation.manage');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => updateDesignation({ db, actor, mailer, config }, { ...c.req.valid('json'), designation }));
      return c.json(present((await findDesignation(database.db, designation.id))!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/designations/{designationId}/withdrawal',
      tags: ['Designations'],
      summary: 'Withdraw an active designation (network admins); 409 when it is not active',
      request: { params: z.object({ networkId: Uuid, designationId: Uuid }) },
      responses: { 200: json(Designation, 'Withdrawn'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'designation.manage');
      const designation = await designationIn(c, network.id, c.req.valid('param').designationId, 'designation.manage');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => withdrawDesignation({ db, actor, mailer, config }, { designation }));
      return c.json(present((await findDesignation(database.db, designation.id))!), 200);
    },
  );
