import { Hono } from 'hono';
import { z } from 'zod';
import { actorPersonId, operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDateTime } from '../../kernel/ui/format.ts';
import { escapeHtml, linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { authorizeBooking } from './bookings-access.ts';
import { type BookingStatus, bookingStatusLabels, formatPence } from './bookings-domain.ts';
import { openBookingOf, sessionBookings, staffOf } from './bookings-queries.ts';
import { bookSession } from './commands/book-session.ts';
import { changeSessionStatus } from './commands/change-session-status.ts';
import { createSession } from './commands/create-session.ts';
import { expireOffers } from './commands/expire-offers.ts';
import { updateSession } from './commands/update-session.ts';
import { type FacilitatorChoice, facilitatorChoices, sessionsFacilitatedBy } from './facilitators-queries.ts';
import { cpdBase, cpdFrame, priceText, programmeFor } from './programmes-pages.ts';
import { bookingRefusal, sessionSlotLabels, sessionSlots } from './sessions-domain.ts';
import { newSessionForm, sessionForm } from './sessions-forms.ts';
import { findSession, listSessions, memberSchools, type SessionRow } from './sessions-queries.ts';
import { sessionSummaryRows, sessionTableRows, sessionValues } from './sessions-view.ts';

const PER_PAGE = 25;
const listQuery = z.object({
  when: z.enum(['upcoming', 'past']).catch('upcoming').default('upcoming'),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});
const bookBody = z.object({ personId: z.string().uuid('Select the person to book').optional() });
type Status = 200 | 400 | 409;

/** Offers past their time limit are closed when anyone looks at the session (the CLI also sweeps them). */
export async function expireOffersOnRead(c: AppContext, sessionId: string) {
  const { database, mailer, config } = c.var.deps;
  await inTransaction(database, (db) => expireOffers({ db, actor: operatorActor('offer-expiry'), mailer, config }, { sessionId }));
}

/** The session named in the path, in this network; drafts are shown only to those who manage CPD. */
export async function sessionFor(c: AppContext, network: Network): Promise<SessionRow> {
  const id = c.req.param('sessionId') ?? '';
  const session = await findSession(c.var.deps.database.db, id);
  if (!session || session.networkId !== network.id) throw notFound('Session');
  if (session.status === 'draft' && !can(c.var.actor, 'cpd.manage', { networkId: network.id })) throw notFound('Session');
  return session;
}

const asList = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []).filter((x) => typeof x === 'string' && x);

async function formItems(c: AppContext, network: Network, values: Record<string, unknown>, current: SessionRow['facilitatorPeople'] = []) {
  const db = c.var.deps.database.db;
  const [schools, choices] = await Promise.all([memberSchools(db, network.id), facilitatorChoices(db, network.id)]);
  const chosen = [...new Set(asList(values.facilitatorIds))];
  const names = new Map([...current.map((p) => [p.personId, p.fullName] as const), ...choices.map((p) => [p.id, p.fullName] as const)]);
  const label = (p: FacilitatorChoice) => (p.partnerName ? `${p.fullName} (${p.partnerName})` : p.fullName);
  return {
    facilitatorCurrentItems: chosen.map((id) => ({ value: id, text: names.get(id) ?? 'Someone no longer in this network', checked: true })),
    facilitatorAddItems: [
      { value: '', text: 'Choose a person' },
      ...choices.filter((p) => !chosen.includes(p.id)).map((p) => ({ value: p.id, text: label(p) })),
    ],
    slotItems: sessionSlots.map((s) => ({ value: s, text: sessionSlotLabels[s], checked: values.slot === s })),
    schoolItems: [
      { value: '', text: 'No host school' },
      ...schools.map((s) => ({ value: String(s.urn), text: s.name, selected: String(values.hostSchoolUrn ?? '') === String(s.urn) })),
    ],
  };
}

async function newPage(c: AppContext, network: Network, form: FormState = {}, status: Status = 200) {
  const programme = await programmeFor(c, network);
  const values = form.values ?? { slot: 'twilight', startTime: '16:00', endTime: '17:30', capacity: '30' };
  return render(
    c,
    'sessions-new.njk',
    {
      title: `New session: ${programme.title}`,
      ...cpdFrame(c, network),
      backLink: `${cpdBase(network.id)}/programmes/${programme.id}`,
      programme,
      ...(await formItems(c, network, values)),
      values,
      ...form,
    },
    status,
  );
}

async function sessionPage(c: AppContext, network: Network, session: SessionRow, form: FormState = {}, status: Status = 200) {
  const actor = signedIn(c);
  const db = c.var.deps.database.db;
  const me = actorPersonId(actor);
  const networkId = network.id;
  const mayManage = can(actor, 'cpd.manage', { networkId });
  const mayBookStaff =
    !mayManage &&
    actor.kind === 'person' &&
    actor.schoolUrn != null &&
    can(actor, 'cpd.bookStaff', { networkId, schoolUrn: actor.schoolUrn });
  const [mine, bookings, staff] = await Promise.all([
    me ? openBookingOf(db, session.id, me) : null,
    mayManage || mayBookStaff ? sessionBookings(db, session.id) : [],
    mayBookStaff && actor.kind === 'person' ? staffOf(db, networkId, actor.schoolUrn!) : [],
  ]);
  const refusal = bookingRefusal(session, new Date());
  const visible = mayManage ? bookings : bookings.filter((b) => actor.kind === 'person' && b.schoolUrn === actor.schoolUrn);
  const open = visible.filter((b) => ['confirmed', 'offered', 'waiting'].includes(b.status));
  const full = session.placesTaken >= session.capacity;
  const done = c.req.query('done');
  return render(
    c,
    'sessions-show.njk',
    {
      title: session.title,
      ...cpdFrame(c, network),
      breadcrumbs: [
        { text: 'Sessions', href: cpdBase(networkId) },
        { text: session.programmeTitle, href: `${cpdBase(networkId)}/programmes/${session.programmeId}` },
        { text: session.title },
      ],
      session,
      rows: [...sessionSummaryRows(session), { key: { text: 'Price' }, value: { text: priceText(session) } }],
      flash: done && status === 200 ? { type: 'success', text: flashes[done] ?? 'Saved' } : undefined,
      refusal,
      mine: mine
        ? { ...mine, href: `${cpdBase(networkId)}/bookings/${mine.id}`, label: bookingStatusLabels[mine.status as BookingStatus] }
        : null,
      mayBookSelf: !refusal && !mine && me != null && can(actor, 'cpd.book', { networkId, personId: me }),
      bookLabel: full ? 'Join the waiting list' : 'Book a place',
      staffItems: [
        { value: '', text: 'Choose a member of staff' },
        ...staff.filter((p) => p.id !== me).map((p) => ({ value: p.id, text: p.fullName })),
      ],
      mayBookStaff: mayBookStaff && !refusal && staff.length > 0,
      mayManage,
      mayRegister:
        session.status === 'published' &&
        can(actor, 'cpd.register', { networkId, personId: session.facilitatorPeople.some((p) => p.personId === me) ? me : null }),
      bookingRows: open.map((b) => [
        { text: String(b.position), format: 'numeric' },
        mayManage ? linkCell(`${cpdBase(networkId)}/bookings/${b.id}`, b.fullName) : { text: b.fullName },
        { text: b.schoolName ?? 'No school given' },
        {
          text:
            bookingStatusLabels[b.status as BookingStatus] +
            (b.status === 'offered' && b.offerExpiresAt ? ` until ${formatDateTime(b.offerExpiresAt)}` : ''),
        },
        { text: b.pricePence > 0 ? formatPence(b.pricePence) : 'Free' },
      ]),
      ...form,
    },
    status,
  );
}

const flashes: Record<string, string> = {
  created: 'Session created',
  saved: 'Session saved',
  published: 'Session published: members can now book',
  cancelled: 'Session cancelled; everyone booked has been told',
  booked: 'Booked',
};

export const sessionPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const query = listQuery.parse(c.req.query());
    const mayManage = can(c.var.actor, 'cpd.manage', { networkId: network.id });
    const { rows, total } = await listSessions(
      c.var.deps.database.db,
      network.id,
      { when: query.when, publishedOnly: !mayManage },
      { page: query.page, perPage: PER_PAGE },
    );
    const me = actorPersonId(c.var.actor);
    // Sessions the actor facilitates, here or in a partner network: upcoming, and those of the last two weeks.
    const facilitating = me ? await sessionsFacilitatedBy(c.var.deps.database.db, me, new Date(Date.now() - 14 * 86_400_000)) : [];
    return render(c, 'sessions-list.njk', {
      title: query.when === 'past' ? 'Past CPD sessions' : 'Upcoming CPD sessions',
      ...cpdFrame(c, network),
      facilitatingRows: facilitating.map((s) => [
        s.networkId === network.id ? linkCell(`${cpdBase(s.networkId)}/sessions/${s.id}`, s.title) : { text: s.title },
        { text: s.networkId === network.id ? 'This network' : s.networkName },
        { text: formatDateTime(s.startsAt) },
        { text: s.status === 'cancelled' ? 'Cancelled' : `${s.confirmed} booked` },
        s.status === 'cancelled'
          ? { text: '' }
          : {
              html: `<a class="govuk-link" href="${escapeHtml(`${cpdBase(s.networkId)}/sessions/${s.id}/register`)}">Register<span class="govuk-visually-hidden"> for ${escapeHtml(s.title)}</span></a>`,
            },
      ]),
      query,
      ...paginationView({ page: query.page, perPage: PER_PAGE, total }, cpdBase(network.id), { when: query.when }),
      tableRows: sessionTableRows(network.id, rows, { showProgramme: true }),
      mayManage,
    });
  })
  .get('/networks/:networkId/cpd/programmes/:programmeId/sessions/new', async (c) => {
    signedIn(c);
    return newPage(c, await networkFor(c, 'cpd.manage'));
  })
  .post('/networks/:networkId/cpd/programmes/:programmeId/sessions', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const programme = await programmeFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(newSessionForm, body);
    if (!form.ok) return newPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const { nextSteps: _unused, ...details } = form.data;
      const row = await inTransaction(database, (db) =>
        createSession({ db, actor, mailer, config }, { ...details, networkId: network.id, programmeId: programme.id }),
      );
      return c.redirect(`${cpdBase(network.id)}/sessions/${row.id}?done=created`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/cpd/sessions/:sessionId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const first = await sessionFor(c, network);
    await expireOffersOnRead(c, first.id);
    return sessionPage(c, network, (await findSession(c.var.deps.database.db, first.id))!);
  })
  .get('/networks/:networkId/cpd/sessions/:sessionId/edit', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const session = await sessionFor(c, network);
    return editPage(c, network, session);
  })
  .post('/networks/:networkId/cpd/sessions/:sessionId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const session = await sessionFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(sessionForm, body);
    if (!form.ok) return editPage(c, network, session, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => updateSession({ db, actor, mailer, config }, { ...form.data, sessionId: session.id }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return editPage(c, network, session, { values: body, ...failed }, status);
    }
    return c.redirect(`${cpdBase(network.id)}/sessions/${session.id}?done=saved`, 303);
  })
  .post('/networks/:networkId/cpd/sessions/:sessionId/:change{publish|cancel}', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const session = await sessionFor(c, network);
    const to = c.req.param('change') === 'publish' ? 'published' : 'cancelled';
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => changeSessionStatus({ db, actor, mailer, config }, { sessionId: session.id, to }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return sessionPage(c, network, session, form, status);
    }
    return c.redirect(`${cpdBase(network.id)}/sessions/${session.id}?done=${to}`, 303);
  })
  .post('/networks/:networkId/cpd/sessions/:sessionId/bookings', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.view');
    const session = await sessionFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(bookBody, body);
    if (!form.ok) return sessionPage(c, network, session, { values: body, ...form }, 400);
    const db0 = c.var.deps.database.db;
    const personId = form.data.personId ?? actorPersonId(actor);
    if (!personId) throw notFound('Person');
    await authorizeBooking(db0, actor, network.id, personId);
    const { database, mailer, config } = c.var.deps;
    try {
      const booking = await inTransaction(database, (db) =>
        bookSession({ db, actor, mailer, config }, { sessionId: session.id, personId }),
      );
      return c.redirect(`${cpdBase(network.id)}/bookings/${booking.id}?done=${booking.status}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return sessionPage(c, network, (await findSession(db0, session.id))!, { values: body, ...failed }, status);
    }
  });

async function editPage(c: AppContext, network: Network, session: SessionRow, form: FormState = {}, status: Status = 200) {
  const values = form.values ?? sessionValues(session);
  return render(
    c,
    'sessions-edit.njk',
    {
      title: `Change ${session.title}`,
      ...cpdFrame(c, network),
      backLink: `${cpdBase(network.id)}/sessions/${session.id}`,
      session,
      ...(await formItems(c, network, values, session.facilitatorPeople)),
      values,
      ...form,
    },
    status,
  );
}
