import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { actorPersonId } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { conflict, notFound } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { authorizeBooking, bookingAction, visibleBookings } from './bookings-access.ts';
import { bookingStatuses } from './bookings-domain.ts';
import { type BookingRow, findBooking, listBookings, sessionBookings } from './bookings-queries.ts';
import { answerOffer } from './commands/answer-offer.ts';
import { bookSession } from './commands/book-session.ts';
import { cancelBooking } from './commands/cancel-booking.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { cpdReport } from './cpd-reports.ts';
import { currentSchoolYear } from './cpd-reports-queries.ts';
import { findSession } from './sessions-queries.ts';

const Booking = z
  .object({
    id: z.string().uuid(),
    sessionId: z.string().uuid(),
    personId: z.string().uuid(),
    fullName: z.string(),
    schoolUrn: z.number().int().nullable(),
    status: z.enum(bookingStatuses),
    position: z.number().int().openapi({ description: 'Arrival order within the session; the waiting list is served lowest first' }),
    pricePence: z.number().int(),
    offerExpiresAt: z.string().nullable().openapi({ format: 'date-time' }),
    attended: z.boolean().nullable(),
    feedbackRating: z.number().int().nullable(),
  })
  .openapi('CpdBooking');
const NewBooking = z
  .object({
    personId: Uuid.optional().openapi({ description: 'Whom to book; yourself when left out (school leaders may book their staff)' }),
  })
  .openapi('NewCpdBooking');
const Feedback = z
  .object({
    rating: z.number().int().min(1).max(5).openapi({ description: 'How useful the session was, 5 (very) to 1 (not at all)' }),
    comment: z.string().trim().max(2000).nullable().default(null),
  })
  .openapi('CpdFeedback');
const Figures = z.object({
  bookings: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  rated: z.number().int(),
  positivePercent: z.number().int().nullable(),
  followUpsSent: z.number().int(),
  followUpsAnswered: z.number().int(),
  withEffect: z.number().int(),
});
const Report = z
  .object({
    year: z.string(),
    kpi: z.object({
      days: z.number(),
      targetDays: z.number(),
      daysMet: z.boolean(),
      positivePercent: z.number().int().nullable(),
      targetPositivePercent: z.number().int(),
      positiveMet: z.boolean(),
    }),
    programmes: z.array(
      Figures.extend({
        id: z.string().uuid(),
        title: z.string(),
        sessions: z.number().int(),
        delivered: z.number().int(),
        days: z.number(),
      }),
    ),
    schools: z.array(Figures.extend({ urn: z.number().int().nullable(), name: z.string() })),
  })
  .openapi('CpdReport');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (b: BookingRow) => ({
  id: b.id,
  sessionId: b.sessionId,
  personId: b.personId,
  fullName: b.fullName,
  schoolUrn: b.schoolUrn,
  status: b.status as (typeof bookingStatuses)[number],
  position: b.position,
  pricePence: b.pricePence,
  offerExpiresAt: b.offerExpiresAt?.toISOString() ?? null,
  attended: b.attended,
  feedbackRating: b.feedbackRating,
});
const bookingParams = z.object({ networkId: Uuid, bookingId: Uuid });

/** The booking in the path, if the actor may act on it (own, their school's staff, or an admin). */
async function bookingIn(c: AppContext, network: Network, id: string) {
  const actor = signedIn(c);
  const db = c.var.deps.database.db;
  const b = await findBooking(db, id);
  if (!b) throw notFound('Booking');
  await authorize(db, actor, bookingAction(actor, b), { networkId: b.networkId, personId: b.personId, schoolUrn: b.schoolUrn });
  if (b.networkId !== network.id) throw notFound('Booking');
  return b;
}

const offerRoute = (answer: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/networks/{networkId}/cpd/bookings/{bookingId}/${answer}`,
    tags: ['CPD'],
    summary: answer === 'accept' ? 'Accept a place offered from the waiting list' : 'Decline a place offered (it goes to the next in line)',
    request: { params: bookingParams },
    responses: { 200: json(Booking, 'The booking'), 409: json(z.object({}), 'No offer open, or it has expired'), ...problemResponses },
  });

async function answer(c: AppContext, bookingId: string, accept: boolean) {
  const actor = signedIn(c);
  const network = await networkFor(c, 'cpd.view');
  const b = await bookingIn(c, network, bookingId);
  const { database, mailer, config } = c.var.deps;
  const result = await inTransaction(database, (db) => answerOffer({ db, actor, mailer, config }, { bookingId: b.id, accept }));
  if (!result.ok) throw conflict('bookingId', result.message);
  return present((await findBooking(database.db, b.id))!);
}

export const bookingsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}/bookings',
      tags: ['CPD'],
      summary: 'Book a place (or join the waiting list when full): never more confirmed than places',
      request: {
        params: z.object({ networkId: Uuid, sessionId: Uuid }),
        body: { content: { 'application/json': { schema: NewBooking } }, required: true },
      },
      responses: {
        201: json(Booking, 'Booked: status confirmed, or waiting with its place in the queue'),
        409: json(z.object({}), 'Already booked, or the session is cancelled or has started'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const { sessionId } = c.req.valid('param');
      const db0 = c.var.deps.database.db;
      const session = await findSession(db0, sessionId);
      if (!session || session.networkId !== network.id) throw notFound('Session');
      const personId = c.req.valid('json').personId ?? actorPersonId(actor);
      if (!personId) throw notFound('Person');
      await authorizeBooking(db0, actor, network.id, personId);
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) => bookSession({ db, actor, mailer, config }, { sessionId, personId }));
      return c.json(present((await findBooking(db0, row.id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/sessions/{sessionId}/bookings',
      tags: ['CPD'],
      summary: 'A session’s bookings: places first, then the waiting list in order (network admins)',
      request: { params: z.object({ networkId: Uuid, sessionId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Booking), meta: pageMeta }), 'A page of bookings'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.manage');
      const { sessionId } = c.req.valid('param');
      const { page, perPage } = c.req.valid('query');
      const session = await findSession(c.var.deps.database.db, sessionId);
      if (!session || session.networkId !== network.id) throw notFound('Session');
      const all = await sessionBookings(c.var.deps.database.db, sessionId);
      const data = all.slice((page - 1) * perPage, page * perPage).map(present);
      return c.json({ data, meta: { page, perPage, total: all.length } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/bookings',
      tags: ['CPD'],
      summary: 'Bookings you may see, newest session first: your own; a school leader’s school’s; every booking for admins',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Booking), meta: pageMeta }), 'A page of bookings'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listBookings(c.var.deps.database.db, network.id, visibleBookings(actor, network.id).filter, {
        page,
        perPage,
      });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/cpd/bookings/{bookingId}/feedback',
      tags: ['CPD'],
      summary: 'Rate a session you attended, once it has ended (your own booking only)',
      request: { params: bookingParams, body: { content: { 'application/json': { schema: Feedback } }, required: true } },
      responses: { 200: json(Booking, 'Thank you'), 409: json(z.object({}), 'Not ended, or you were not there'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const b = await bookingIn(c, network, c.req.valid('param').bookingId);
      await authorize(c.var.deps.database.db, actor, 'cpd.feedback', { networkId: network.id, personId: b.personId });
      const { rating, comment } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => giveFeedback({ db, actor, mailer, config }, { booking: b, rating, comment }));
      return c.json(present((await findBooking(database.db, b.id))!), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/bookings/{bookingId}',
      tags: ['CPD'],
      summary: 'A booking (your own, your staff’s, or any for admins)',
      request: { params: bookingParams },
      responses: { 200: json(Booking, 'The booking'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      return c.json(present(await bookingIn(c, network, c.req.valid('param').bookingId)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/cpd/bookings/{bookingId}/cancel',
      tags: ['CPD'],
      summary: 'Cancel a booking; a place it held is offered to the next in line',
      request: { params: bookingParams },
      responses: { 200: json(Booking, 'Cancelled'), 409: json(z.object({}), 'Not open, or the session has started'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'cpd.view');
      const b = await bookingIn(c, network, c.req.valid('param').bookingId);
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => cancelBooking({ db, actor, mailer, config }, { bookingId: b.id }));
      return c.json(present((await findBooking(database.db, b.id))!), 200);
    },
  )
  .openapi(offerRoute('accept'), async (c) => c.json(await answer(c, c.req.valid('param').bookingId, true), 200))
  .openapi(offerRoute('decline'), async (c) => c.json(await answer(c, c.req.valid('param').bookingId, false), 200))
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/cpd/reports',
      tags: ['CPD'],
      summary: 'The school year’s CPD figures by programme and school, and days and feedback against the target',
      request: { params: z.object({ networkId: Uuid }), query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
      responses: { 200: json(Report, 'The report'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'cpd.report');
      const r = await cpdReport(c.var.deps.database.db, network.id, c.req.valid('query').year ?? currentSchoolYear());
      return c.json({ year: r.yearLabel, kpi: r.kpi, programmes: r.programmes, schools: r.schools }, 200);
    },
  );
