import { Hono } from 'hono';
import { z } from 'zod';
import { actorPersonId } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, optionalText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDateTime } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { bookingAction, visibleBookings } from './bookings-access.ts';
import { type BookingStatus, bookingStatusLabels, cancelRefusal, formatPence, isOpen } from './bookings-domain.ts';
import { invoicePdf } from './bookings-invoice.ts';
import { type BookingRow, findBooking, listBookings } from './bookings-queries.ts';
import { answerOffer } from './commands/answer-offer.ts';
import { cancelBooking } from './commands/cancel-booking.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { cpdBase, cpdFrame } from './programmes-pages.ts';
import { certificatePdf } from './registers-certificate.ts';
import { feedbackRefusal, ratingLabels } from './registers-domain.ts';
import { expireOffersOnRead } from './sessions-pages.ts';

const PER_PAGE = 25;
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });
const feedbackForm = z.object({
  rating: z.coerce.number({ error: 'Select how useful the session was' }).int().min(1, 'Select how useful the session was').max(5),
  comment: optionalText('Comment', 2000),
});
type Status = 200 | 400 | 409;

/** The booking named in the path, checked against the actor (another network's is refused and audited there). */
export async function bookingFor(c: AppContext, network: Network): Promise<BookingRow> {
  const actor = signedIn(c);
  const db = c.var.deps.database.db;
  const booking = await findBooking(db, c.req.param('bookingId') ?? '');
  if (!booking) throw notFound('Booking');
  await authorize(db, actor, bookingAction(actor, booking), {
    networkId: booking.networkId,
    personId: booking.personId,
    schoolUrn: booking.schoolUrn,
  });
  if (booking.networkId !== network.id) throw notFound('Booking');
  return booking;
}

const flashes: Record<string, string> = {
  confirmed: 'Booked: your place is confirmed',
  waiting: 'The session is full: you are on the waiting list',
  cancelled: 'Booking cancelled',
  accepted: 'Place accepted: your booking is confirmed',
  declined: 'Offer declined: the place goes to the next person waiting',
  feedback: 'Thank you for your feedback',
};

async function bookingPage(c: AppContext, network: Network, b: BookingRow, form: FormState = {}, status: Status = 200) {
  const now = new Date();
  const actor = signedIn(c);
  const done = c.req.query('done');
  const base = `${cpdBase(network.id)}/bookings/${b.id}`;
  const rows = [
    { key: { text: 'Session' }, value: { html: linkCell(`${cpdBase(network.id)}/sessions/${b.sessionId}`, b.sessionTitle).html } },
    { key: { text: 'Programme' }, value: { text: b.programmeTitle } },
    { key: { text: 'When' }, value: { text: formatDateTime(b.startsAt) } },
    { key: { text: 'Who' }, value: { text: `${b.fullName}${b.schoolName ? `, ${b.schoolName}` : ''}` } },
    { key: { text: 'Status' }, value: { text: bookingStatusLabels[b.status as BookingStatus] } },
    { key: { text: 'Price' }, value: { text: b.pricePence > 0 ? formatPence(b.pricePence) : 'Free' } },
  ];
  if (b.status === 'waiting')
    rows.push({ key: { text: 'Place in the queue' }, value: { text: `Number ${b.position} in order of booking` } });
  if (b.attended != null) rows.push({ key: { text: 'Attendance' }, value: { text: b.attended ? 'Attended' : 'Did not attend' } });
  const own = actorPersonId(actor) === b.personId;
  return render(
    c,
    'bookings-show.njk',
    {
      title: `Booking: ${b.sessionTitle}`,
      ...cpdFrame(c, network),
      breadcrumbs: [{ text: 'Bookings', href: `${cpdBase(network.id)}/bookings` }, { text: b.sessionTitle }],
      booking: b,
      base,
      rows,
      flash: done && status === 200 ? { type: 'success', text: flashes[done] ?? 'Saved' } : undefined,
      offer: b.status === 'offered' && b.offerExpiresAt ? { until: formatDateTime(b.offerExpiresAt) } : null,
      mayCancel: !cancelRefusal(b.status, b.startsAt, now),
      certificate: b.status === 'confirmed' && b.attended === true,
      invoice: b.invoiceNumber != null,
      nextSteps: isOpen(b.status) || b.attended ? b.nextSteps : null,
      mayGiveFeedback: own && !feedbackRefusal(b, now),
      ratingItems: [5, 4, 3, 2, 1].map((r) => ({
        value: String(r),
        text: ratingLabels[r],
        checked: String(form.values?.rating ?? b.feedbackRating ?? '') === String(r),
      })),
      values: form.values ?? { comment: b.feedbackComment ?? '' },
      ...form,
    },
    status,
  );
}

export const bookingPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/bookings', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const { page } = pageQuery.parse(c.req.query());
    const { scope, filter } = visibleBookings(actor, network.id);
    const { rows, total } = await listBookings(c.var.deps.database.db, network.id, filter, { page, perPage: PER_PAGE });
    return render(c, 'bookings-list.njk', {
      title: scope === 'all' ? 'All bookings' : scope === 'school' ? 'Your school’s bookings' : 'Your bookings',
      ...cpdFrame(c, network),
      ...paginationView({ page, perPage: PER_PAGE, total }, `${cpdBase(network.id)}/bookings`, {}),
      tableRows: rows.map((b) => [
        linkCell(`${cpdBase(network.id)}/bookings/${b.id}`, b.sessionTitle),
        { text: formatDateTime(b.startsAt) },
        { text: b.fullName },
        { text: bookingStatusLabels[b.status as BookingStatus] },
      ]),
    });
  })
  .get('/networks/:networkId/cpd/bookings/:bookingId', async (c) => {
    const network = await networkFor(c, 'cpd.view');
    const first = await bookingFor(c, network);
    if (first.status === 'offered') await expireOffersOnRead(c, first.sessionId);
    return bookingPage(c, network, (await findBooking(c.var.deps.database.db, first.id))!);
  })
  .post('/networks/:networkId/cpd/bookings/:bookingId/:answer{cancel|accept|decline}', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const booking = await bookingFor(c, network);
    const answer = c.req.param('answer');
    const { database, mailer, config } = c.var.deps;
    const ctx = { actor, mailer, config };
    try {
      if (answer === 'cancel') await inTransaction(database, (db) => cancelBooking({ ...ctx, db }, { bookingId: booking.id }));
      else {
        const result = await inTransaction(database, (db) =>
          answerOffer({ ...ctx, db }, { bookingId: booking.id, accept: answer === 'accept' }),
        );
        if (!result.ok) {
          const fresh = (await findBooking(database.db, booking.id))!;
          return bookingPage(c, network, fresh, { errors: [{ text: result.message, href: '#main-content' }] }, 409);
        }
      }
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return bookingPage(c, network, booking, form, status);
    }
    const done = answer === 'cancel' ? 'cancelled' : answer === 'accept' ? 'accepted' : 'declined';
    return c.redirect(`${cpdBase(network.id)}/bookings/${booking.id}?done=${done}`, 303);
  })
  .post('/networks/:networkId/cpd/bookings/:bookingId/feedback', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const booking = await bookingFor(c, network);
    await authorize(c.var.deps.database.db, actor, 'cpd.feedback', { networkId: network.id, personId: booking.personId });
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(feedbackForm, body);
    if (!form.ok) return bookingPage(c, network, booking, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => giveFeedback({ db, actor, mailer, config }, { booking, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return bookingPage(c, network, booking, { values: body, ...failed }, status);
    }
    return c.redirect(`${cpdBase(network.id)}/bookings/${booking.id}?done=feedback`, 303);
  })
  .get('/networks/:networkId/cpd/bookings/:bookingId/:file{certificate\\.pdf|invoice\\.pdf}', async (c) => {
    const network = await networkFor(c, 'cpd.view');
    const booking = await bookingFor(c, network);
    const db = c.var.deps.database.db;
    const pdf =
      c.req.param('file') === 'certificate.pdf' ? await certificatePdf(db, network, booking) : await invoicePdf(db, network, booking);
    if (!pdf) throw notFound(c.req.param('file') === 'certificate.pdf' ? 'Certificate' : 'Invoice');
    return c.body(new Uint8Array(pdf.bytes), 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdf.fileName}"`,
    });
  });
