import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import { phases } from '../networks/domain.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { recordTrioCycle } from './commands/record-trio-cycle.ts';
import { signUpForTrio } from './commands/sign-up-for-trio.ts';
import { participantSubject } from './development-policy.ts';
import { trioCycleKinds } from './trios-domain.ts';
import { cyclesOf, findTrio, listTrios, membersOf, type TrioView, trioParticipants } from './trios-queries.ts';

const IsoDate = z.iso.date().openapi({ example: '2026-03-14' });
const Member = z.object({ personId: z.string().uuid(), fullName: z.string(), schoolUrn: z.number().int(), schoolName: z.string() });
const Cycle = z.object({ id: z.string().uuid(), kind: z.enum(trioCycleKinds), heldOn: IsoDate, notes: z.string() }).openapi('TrioCycle');
const Trio = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    phase: z.enum(phases),
    focusId: z.string().uuid(),
    focus: z.string(),
    status: z.enum(['active', 'completed']),
    sleDesignationId: z.string().uuid().nullable(),
    sleName: z.string().nullable(),
    sleDays: z.number(),
    evaluation: z.string().nullable(),
    members: z.array(Member),
  })
  .openapi('Trio');
const TrioDetail = Trio.extend({ cycles: z.array(Cycle) }).openapi('TrioDetail');
const NewSignup = z
  .object({ phase: z.enum(phases), focusId: Uuid.openapi({ description: 'A specialism: the focus of the trio' }) })
  .openapi('NewTrioSignup');
const Signup = z
  .object({ id: z.string().uuid(), phase: z.enum(phases), focusId: z.string().uuid(), schoolUrn: z.number().int() })
  .openapi('TrioSignup');
const NewCycle = z
  .object({ kind: z.enum(trioCycleKinds), heldOn: IsoDate, notes: z.string().trim().min(1).max(4000) })
  .openapi('NewTrioCycle');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (t: TrioView, members: Awaited<ReturnType<typeof membersOf>>) => ({
  id: t.id,
  name: t.name,
  phase: t.phase as (typeof phases)[number],
  focusId: t.focusId,
  focus: t.focus,
  status: t.status as 'active' | 'completed',
  sleDesignationId: t.sleDesignationId,
  sleName: t.sleName,
  sleDays: Number(t.sleDays),
  evaluation: t.evaluation,
  members: members
    .filter((m) => m.trioId === t.id)
    .map(({ personId, fullName, schoolUrn, schoolName }) => ({ personId, fullName, schoolUrn, schoolName })),
});

async function trioFor(c: AppContext, network: Network, action: 'trio.view' | 'trio.record', id: string) {
  const db = c.var.deps.database.db;
  const trio = await findTrio(db, id);
  if (!trio) throw notFound('Trio');
  const members = await membersOf(db, [trio.id]);
  await authorize(db, c.var.actor, action, participantSubject(trio.networkId, trioParticipants(trio, members), c.var.actor));
  if (trio.networkId !== network.id) throw notFound('Trio');
  return { trio, members };
}

const trioPath = z.object({ networkId: Uuid, trioId: Uuid });

export const triosApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/trios',
      tags: ['Trios'],
      summary: 'The network’s trios, newest first',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Trio), meta: pageMeta }), 'A page of trios'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'trio.view');
      const { page, perPage } = c.req.valid('query');
      const db = c.var.deps.database.db;
      const { rows, total } = await listTrios(db, network.id, { page, perPage });
      const members = await membersOf(
        db,
        rows.map((t) => t.id),
      );
      return c.json({ data: rows.map((t) => present(t, members)), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/trio-signups',
      tags: ['Trios'],
      summary: 'Sign yourself up for a trio, from your own school',
      request: { params: z.object({ networkId: Uuid }), body: { content: { 'application/json': { schema: NewSignup } }, required: true } },
      responses: { 201: json(Signup, 'Signed up'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'trio.signup', { personId: actor.kind === 'person' ? actor.personId : null });
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        signUpForTrio({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json({ id: row.id, phase: row.phase, focusId: row.focusId, schoolUrn: row.schoolUrn }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/trios/{trioId}',
      tags: ['Trios'],
      summary: 'A trio with its members and cycles',
      request: { params: trioPath },
      responses: { 200: json(TrioDetail, 'The trio'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'trio.view');
      const { trio, members } = await trioFor(c, network, 'trio.view', c.req.valid('param').trioId);
      const cycles = await cyclesOf(c.var.deps.database.db, trio.id);
      return c.json(
        {
          ...present(trio, members),
          cycles: cycles.map(({ id, kind, heldOn, notes }) => ({ id, kind: kind as (typeof trioCycleKinds)[number], heldOn, notes })),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/trios/{trioId}/cycles',
      tags: ['Trios'],
      summary: 'Record a cycle of the trio’s work (its members, its SLE, network admins)',
      request: { params: trioPath, body: { content: { 'application/json': { schema: NewCycle } }, required: true } },
      responses: { 201: json(Cycle, 'Recorded'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'trio.view');
      const { trio } = await trioFor(c, network, 'trio.record', c.req.valid('param').trioId);
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) => recordTrioCycle({ db, actor, mailer, config }, { trio, ...c.req.valid('json') }));
      return c.json({ id: row.id, kind: row.kind as (typeof trioCycleKinds)[number], heldOn: row.heldOn, notes: row.notes }, 201);
    },
  );
