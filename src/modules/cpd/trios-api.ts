import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { assignTrioSle } from './commands/assign-trio-sle.ts';
import { createProposedTrios } from './commands/create-proposed-trios.ts';
import { evaluateTrio } from './commands/evaluate-trio.ts';
import { recordTrioCycle } from './commands/record-trio-cycle.ts';
import { replaceTrioMember } from './commands/replace-trio-member.ts';
import { signUpForTrio } from './commands/sign-up-for-trio.ts';
import { withdrawTrioSignup } from './commands/withdraw-trio-signup.ts';
import { signupFor, trioFor } from './trios-access.ts';
import { trioCycleKinds } from './trios-domain.ts';
import { cyclesOf, findTrio, listTrios, membersOf, type TrioView } from './trios-queries.ts';

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

const trioPath = z.object({ networkId: Uuid, trioId: Uuid });
const halfDays = z
  .number()
  .min(0)
  .max(50)
  .refine((d) => Number.isInteger(d * 2), 'Whole or half days');
const Proposal = z.object({ sleDays: halfDays.openapi({ description: 'Days of the SLE’s time each trio takes' }) }).openapi('TrioProposal');
const ProposalResult = z
  .object({ trioIds: z.array(z.string().uuid()), unplacedSignupIds: z.array(z.string().uuid()) })
  .openapi('TrioProposalResult');
const SleChoice = z.object({ designationId: Uuid, sleDays: halfDays }).openapi('TrioSle');
const Replacement = z
  .object({
    personId: Uuid.openapi({ description: 'The member who leaves' }),
    signupId: Uuid.openapi({ description: 'The sign-up who joins' }),
  })
  .openapi('TrioReplacement');
const Evaluation = z
  .object({ evaluation: z.string().trim().min(1).max(4000), finished: z.boolean().default(false) })
  .openapi('TrioEvaluation');

function trioWrite<S extends z.ZodType>(part: string, method: 'put' | 'post', summary: string, schema: S) {
  return createRoute({
    method,
    path: `/networks/{networkId}/trios/{trioId}/${part}`,
    tags: ['Trios'],
    summary,
    request: { params: trioPath, body: { content: { 'application/json': { schema } }, required: true } },
    responses: { 200: json(Trio, 'Saved'), 409: json(z.object({}), 'Refused, with the reason'), ...problemResponses },
  });
}

/** Run a command on the trio in the path for those allowed `action`, and answer with the trio as it now is. */
async function writeTrio(
  c: AppContext,
  action: 'trio.record' | 'trio.manage',
  command: (ctx: Parameters<typeof recordTrioCycle>[0], trio: TrioView) => Promise<unknown>,
) {
  const actor = signedIn(c);
  const network = await networkFor(c, 'trio.view');
  const { trio } = await trioFor(c, network, action);
  const { database, mailer, config } = c.var.deps;
  await inTransaction(database, (db) => command({ db, actor, mailer, config }, trio));
  const after = (await findTrio(database.db, trio.id))!;
  return present(after, await membersOf(database.db, [after.id]));
}

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
      const { trio, members } = await trioFor(c, network, 'trio.view');
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
      const { trio } = await trioFor(c, network, 'trio.record');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) => recordTrioCycle({ db, actor, mailer, config }, { trio, ...c.req.valid('json') }));
      return c.json({ id: row.id, kind: row.kind as (typeof trioCycleKinds)[number], heldOn: row.heldOn, notes: row.notes }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/trio-signups/{signupId}/withdraw',
      tags: ['Trios'],
      summary: 'Withdraw your sign-up while you are not yet in a trio',
      request: { params: z.object({ networkId: Uuid, signupId: Uuid }) },
      responses: {
        200: json(z.object({ withdrawn: z.literal(true) }), 'Withdrawn'),
        409: json(z.object({}), 'Already in a trio'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const signup = await signupFor(c, await networkFor(c, 'trio.view'));
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => withdrawTrioSignup({ db, actor, mailer, config }, { signup }));
      return c.json({ withdrawn: true as const }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/trios/proposal',
      tags: ['Trios'],
      summary: 'Form the trios Alliance proposes from the sign-ups, each SLE giving these days (network admins)',
      request: { params: z.object({ networkId: Uuid }), body: { content: { 'application/json': { schema: Proposal } }, required: true } },
      responses: { 201: json(ProposalResult, 'Formed'), 409: json(z.object({}), 'No trio can be formed'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'trio.manage');
      const { database, mailer, config } = c.var.deps;
      const result = await inTransaction(database, (db) =>
        createProposedTrios({ db, actor, mailer, config }, { networkId: network.id, sleDays: c.req.valid('json').sleDays }),
      );
      return c.json({ trioIds: result.created, unplacedSignupIds: result.unplaced }, 201);
    },
  )
  .openapi(
    trioWrite('sle', 'put', 'Give the trio its SLE and their days (network admins); refused past the SLE’s days left', SleChoice),
    async (c) => c.json(await writeTrio(c, 'trio.manage', (ctx, trio) => assignTrioSle(ctx, { trio, ...c.req.valid('json') })), 200),
  )
  .openapi(trioWrite('members', 'post', 'Swap a member for someone waiting from another school (network admins)', Replacement), async (c) =>
    c.json(await writeTrio(c, 'trio.manage', (ctx, trio) => replaceTrioMember(ctx, { trio, ...c.req.valid('json') })), 200),
  )
  .openapi(
    trioWrite('evaluation', 'put', 'Record the trio’s evaluation, and finish it if done (its members, its SLE, admins)', Evaluation),
    async (c) => c.json(await writeTrio(c, 'trio.record', (ctx, trio) => evaluateTrio(ctx, { trio, ...c.req.valid('json') })), 200),
  );
