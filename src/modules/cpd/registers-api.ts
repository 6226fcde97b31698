import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actorPersonId } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { networkFor } from '../networks/pages.ts';
import { sessionBookings } from './bookings-queries.ts';
import { takeRegister } from './commands/take-register.ts';
import { facilitatorInPath } from './facilitators-queries.ts';
import { registerRefusal } from './registers-domain.ts';
import { findSession } from './sessions-queries.ts';

// The register through the API, for the same people as the page: the network's admins and the session's facilitators.

const Register = z
  .object({
    sessionId: z.string().uuid(),
    title: z.string(),
    startsAt: z.string().openapi({ format: 'date-time' }),
    open: z.boolean().openapi({ description: 'Whether the register can be taken now (it opens an hour before the start)' }),
    refusal: z.string().nullable().openapi({ description: 'Why it cannot be taken now' }),
    entries: z.array(
      z.object({
        bookingId: z.string().uuid(),
        personId: z.string().uuid(),
        fullName: z.string(),
        schoolName: z.string().nullable(),
        attended: z.boolean().nullable().openapi({ description: 'Null until the register is taken' }),
      }),
    ),
  })
  .openapi('CpdRegister');
const Attendance = z
  .object({
    attendedBookingIds: z
      .array(Uuid)
      .max(10000)
      .openapi({ description: 'The confirmed bookings of the people who came; every other confirmed booking is a no-show' }),
  })
  .openapi('CpdAttendance');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const params = z.object({ networkId: Uuid, sessionId: Uuid });

/** The session in the path, for its admins or its facilitator (refused and audited otherwise); drafts have no register. */
async function registerSession(c: AppContext) {
  const personId = await facilitatorInPath(c.var.deps.database.db, c.req.param(), actorPersonId(c.var.actor));
  const network = await networkFor(c, 'cpd.register', { personId });
  const session = await findSession(c.var.deps.database.db, c.req.param('sessionId') ?? '');
  if (!session || session.networkId !== network.id || session.status === 'draft') throw notFound('Session');
  return session;
}

async function presentRegister(c: AppContext, session: NonNullable<Awaited<ReturnType<typeof findSession>>>) {
  const confirmed = (await sessionBookings(c.var.deps.database.db, session.id)).filter((b) => b.status === 'confirmed');
  const refusal = registerRefusal(session, new Date());
  return {
    sessionId: session.id,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    open: refusal == null,
    refusal,
    entries: confirmed.map((b) => ({
      bookingId: b.id,
      personId: b.personId,
      fullName: b.fullName,
      schoolName: b.schoolName,
      attended: b.attended,
    })),
  };
}

export const registersApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}/register',
      tags: ['CPD'],
      summary: 'A session’s register: everyone with a confirmed place (network admins and the session’s facilitators)',
      request: { params },
      responses: { 200: json(Register, 'The register'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      return c.json(await presentRegister(c, await registerSession(c)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}/register',
      tags: ['CPD'],
      summary: 'Take the register: who came; everyone else with a place is a no-show (audited)',
      request: { params, body: { content: { 'application/json': { schema: Attendance } }, required: true } },
      responses: { 200: json(Register, 'Saved'), 409: json(z.object({}), 'Not open yet, or not a confirmed booking'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const session = await registerSession(c);
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) =>
        takeRegister({ db, actor, mailer, config }, { sessionId: session.id, attendedBookingIds: c.req.valid('json').attendedBookingIds }),
      );
      return c.json(await presentRegister(c, session), 200);
    },
  );
