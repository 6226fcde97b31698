import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { changeSessionStatus } from './commands/change-session-status.ts';
import { createProgramme } from './commands/create-programme.ts';
import { createSession } from './commands/create-session.ts';
import { updateProgramme } from './commands/update-programme.ts';
import { updateSession } from './commands/update-session.ts';
import { findProgramme, listProgrammes, type ProgrammeRow } from './programmes-queries.ts';
import { sessionSlots, sessionStatuses } from './sessions-domain.ts';
import { findSession, listSessions, type SessionRow } from './sessions-queries.ts';

const Pence = z.number().int().min(0).max(10_000_000);
const Programme = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    description: z.string().nullable(),
    themes: z.array(z.string()),
    memberPricePence: Pence.openapi({ description: 'Per session, for staff of member schools (normally 0)' }),
    otherPricePence: Pence.openapi({ description: 'Per session, for everyone else' }),
  })
  .openapi('CpdProgramme');
const NewProgramme = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).nullable().default(null),
    themes: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    memberPricePence: Pence.default(0),
    otherPricePence: Pence.default(0),
  })
  .openapi('NewCpdProgramme');
const Session = z
  .object({
    id: z.string().uuid(),
    programmeId: z.string().uuid(),
    programmeTitle: z.string(),
    title: z.string(),
    theme: z.string().nullable(),
    slot: z.enum(sessionSlots),
    startsAt: z.string().openapi({ format: 'date-time' }),
    endsAt: z.string().openapi({ format: 'date-time' }),
    venue: z.string().nullable(),
    hostSchoolUrn: z.number().int().nullable(),
    onlineUrl: z.string().nullable(),
    facilitators: z.string().nullable().openapi({ description: 'Facilitators from outside Alliance, in words' }),
    facilitatorPeople: z
      .array(z.object({ personId: z.string().uuid(), fullName: z.string() }))
      .openapi({ description: 'Facilitators on Alliance (members of the network or a partner network): they take the register' }),
    capacity: z.number().int(),
    placesTaken: z.number().int().openapi({ description: 'Confirmed places and places on offer' }),
    waiting: z.number().int(),
    status: z.enum(sessionStatuses),
    nextSteps: z.string().nullable(),
  })
  .openapi('CpdSession');
const sessionFields = z.object({
  title: z.string().trim().min(1).max(200),
  theme: z.string().trim().max(100).nullable().default(null),
  slot: z.enum(sessionSlots),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  venue: z.string().trim().min(1).max(200).nullable().default(null),
  hostSchoolUrn: z.number().int().positive().nullable().default(null),
  onlineUrl: z.url().max(500).nullable().default(null),
  facilitators: z.string().trim().max(300).nullable().default(null),
  facilitatorIds: z
    .array(Uuid)
    .max(10)
    .default([])
    .openapi({ description: 'People on Alliance who facilitate: members of the network or of a partner network' }),
  capacity: z.number().int().min(1).max(10000),
});
/** The rules across fields, for a new session and a changed one alike. */
const sessionRules = <
  T extends z.ZodType<{ startsAt: string; endsAt: string; venue: string | null; hostSchoolUrn: number | null; onlineUrl: string | null }>,
>(
  schema: T,
) =>
  schema
    .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ['endsAt'], message: 'Must be after startsAt' })
    .refine((s) => s.venue || s.hostSchoolUrn != null || s.onlineUrl, {
      path: ['venue'],
      message: 'Give a venue, a host school or an online link',
    });
const NewSession = sessionRules(sessionFields.extend({ publish: z.boolean().default(false) })).openapi('NewCpdSession');
const SessionChange = sessionRules(
  sessionFields.extend({
    nextSteps: z.string().trim().max(2000).nullable().default(null).openapi({ description: 'Recommended next steps, given at the end' }),
  }),
).openapi('CpdSessionChange');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
export const presentSession = (s: SessionRow) => ({
  ...s,
  slot: s.slot as (typeof sessionSlots)[number],
  status: s.status as (typeof sessionStatuses)[number],
  startsAt: s.startsAt.toISOString(),
  endsAt: s.endsAt.toISOString(),
});
const networkParams = z.object({ networkId: Uuid });
const sessionParams = z.object({ networkId: Uuid, sessionId: Uuid });
const programmeParams = z.object({ networkId: Uuid, programmeId: Uuid });
const presentProgramme = ({ id, title, description, themes, memberPricePence, otherPricePence }: ProgrammeRow) => ({
  id,
  title,
  description,
  themes,
  memberPricePence,
  otherPricePence,
});

/** The session in this network (drafts included: only admins call this), else 404. */
async function sessionIn(c: AppContext, networkId: string, sessionId: string) {
  const s = await findSession(c.var.deps.database.db, sessionId);
  if (!s || s.networkId !== networkId) throw notFound('Session');
  return s;
}

function statusRoute(change: 'publish' | 'cancel') {
  return createRoute({
    method: 'post',
    path: `/networks/{networkId}/cpd/sessions/{sessionId}/${change}`,
    tags: ['CPD'],
    summary:
      change === 'publish'
        ? 'Publish a draft session: members can book (network admins)'
        : 'Cancel a session: every open booking is cancelled, invoices voided and the people told (network admins)',
    request: { params: sessionParams },
    responses: {
      200: json(Session, change === 'publish' ? 'Published' : 'Cancelled'),
      409: json(z.object({}), 'Not possible now'),
      ...problemResponses,
    },
  });
}

async function changeStatus(c: AppContext, to: 'published' | 'cancelled') {
  const actor = signedIn(c);
  const network = await networkFor(c, 'cpd.manage');
  const session = await sessionIn(c, network.id, c.req.param('sessionId') ?? '');
  const { database, mailer, config } = c.var.deps;
  await inTransaction(database, (db) => changeSessionStatus({ db, actor, mailer, config }, { sessionId: session.id, to }));
  return presentSession((await findSession(database.db, session.id))!);
}

async function programmeIn(c: AppContext, network: Network, id: string) {
  const p = await findProgramme(c.var.deps.database.db, id);
  if (!p || p.networkId !== network.id) throw notFound('Programme');
  return p;
}

export const sessionsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/programmes',
      tags: ['CPD'],
      summary: 'The network’s CPD programmes, by title',
      request: { params: networkParams, query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Programme), meta: pageMeta }), 'A page of programmes'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listProgrammes(c.var.deps.database.db, network.id, { page, perPage });
      const data = rows.map(({ id, title, description, themes, memberPricePence, otherPricePence }) => ({
        id,
        title,
        description,
        themes,
        memberPricePence,
        otherPricePence,
      }));
      return c.json({ data, meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/cpd/programmes',
      tags: ['CPD'],
      summary: 'Create a programme (network admins)',
      request: { params: networkParams, body: { content: { 'application/json': { schema: NewProgramme } }, required: true } },
      responses: { 201: json(Programme, 'Created'), 409: json(z.object({}), 'A programme with this title exists'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        createProgramme({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(presentProgramme(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/programmes/{programmeId}',
      tags: ['CPD'],
      summary: 'A programme',
      request: { params: programmeParams },
      responses: { 200: json(Programme, 'The programme'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      return c.json(presentProgramme(await programmeIn(c, network, c.req.valid('param').programmeId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/cpd/programmes/{programmeId}',
      tags: ['CPD'],
      summary: 'Change a programme (network admins); bookings already made keep their price',
      request: { params: programmeParams, body: { content: { 'application/json': { schema: NewProgramme } }, required: true } },
      responses: { 200: json(Programme, 'Saved'), 409: json(z.object({}), 'A programme with this title exists'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const programme = await programmeIn(c, network, c.req.valid('param').programmeId);
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        updateProgramme({ db, actor, mailer, config }, { programmeId: programme.id, ...c.req.valid('json') }),
      );
      return c.json(presentProgramme(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/sessions',
      tags: ['CPD'],
      summary: 'Sessions: upcoming soonest first, or past most recent first (drafts for admins only)',
      request: {
        params: networkParams,
        query: PageQuery.extend({ when: z.enum(['upcoming', 'past']).default('upcoming'), programmeId: Uuid.optional() }),
      },
      responses: { 200: json(z.object({ data: z.array(Session), meta: pageMeta }), 'A page of sessions'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const { page, perPage, when, programmeId } = c.req.valid('query');
      const publishedOnly = !can(c.var.actor, 'cpd.manage', { networkId: network.id });
      const { rows, total } = await listSessions(
        c.var.deps.database.db,
        network.id,
        { when, programmeId, publishedOnly },
        { page, perPage },
      );
      return c.json({ data: rows.map(presentSession), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/cpd/programmes/{programmeId}/sessions',
      tags: ['CPD'],
      summary: 'Add a session to a programme, as a draft or published (network admins)',
      request: {
        params: z.object({ networkId: Uuid, programmeId: Uuid }),
        body: { content: { 'application/json': { schema: NewSession } }, required: true },
      },
      responses: { 201: json(Session, 'Created'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const programme = await programmeIn(c, network, c.req.valid('param').programmeId);
      const input = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        createSession(
          { db, actor, mailer, config },
          {
            ...input,
            startsAt: new Date(input.startsAt),
            endsAt: new Date(input.endsAt),
            networkId: network.id,
            programmeId: programme.id,
          },
        ),
      );
      return c.json(presentSession((await findSession(database.db, row.id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}',
      tags: ['CPD'],
      summary: 'Change a session (network admins): never below the places taken; added places go to the waiting list',
      request: { params: sessionParams, body: { content: { 'application/json': { schema: SessionChange } }, required: true } },
      responses: { 200: json(Session, 'Saved'), 409: json(z.object({}), 'Cancelled, or fewer places than taken'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const session = await sessionIn(c, network.id, c.req.valid('param').sessionId);
      const input = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) =>
        updateSession(
          { db, actor, mailer, config },
          { ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), sessionId: session.id },
        ),
      );
      return c.json(presentSession((await findSession(database.db, session.id))!), 200);
    },
  )
  .openapi(statusRoute('publish'), async (c) => c.json(await changeStatus(c, 'published'), 200))
  .openapi(statusRoute('cancel'), async (c) => c.json(await changeStatus(c, 'cancelled'), 200))
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}',
      tags: ['CPD'],
      summary: 'A session, with its places',
      request: { params: z.object({ networkId: Uuid, sessionId: Uuid }) },
      responses: { 200: json(Session, 'The session'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const s = await findSession(c.var.deps.database.db, c.req.valid('param').sessionId);
      if (!s || s.networkId !== network.id || (s.status === 'draft' && !can(c.var.actor, 'cpd.manage', { networkId: network.id })))
        throw notFound('Session');
      return c.json(presentSession(s), 200);
    },
  );
