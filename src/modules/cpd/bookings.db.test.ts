import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testTarget } from '../../../test/support/database.ts';
import { loadConfig } from '../../config.ts';
import { operatorActor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import type { Database } from '../../kernel/db/client.ts';
import { sqlState } from '../../kernel/db/errors.ts';
import { addSchoolToNetwork, makeCpdProgramme, makeCpdSession, makeMember, makeNetwork, makeSchool } from '../../seed/factories.ts';
import { bookSession } from './commands/book-session.ts';
import { cancelBooking } from './commands/cancel-booking.ts';
import { expireOffers } from './commands/expire-offers.ts';
import { updateSession } from './commands/update-session.ts';
import { cpdBookings, cpdInvoices, cpdSessions } from './schema.ts';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', APP_URL: 'http://localhost' });
const mailer = { local: false, send: async () => {} };

let database: Database;
let networkId: string;
let memberSchool: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const network = await makeNetwork(database.db);
  networkId = network.id;
  memberSchool = (await makeSchool(database.db)).urn;
  await addSchoolToNetwork(database.db, networkId, memberSchool);
});
afterAll(() => database.close());

const ctx = () => ({ actor: operatorActor('test'), mailer, config });
const book = (sessionId: string, personId: string) =>
  inTransaction(database, (db) => bookSession({ ...ctx(), db }, { sessionId, personId }));

async function bookingsOf(sessionId: string) {
  return database.db.select().from(cpdBookings).where(eq(cpdBookings.sessionId, sessionId)).orderBy(asc(cpdBookings.position));
}

describe('booking a session', () => {
  it('confirms exactly the capacity and puts everyone else on the waiting list in arrival order, however many book at once', async () => {
    const programme = await makeCpdProgramme(database.db, networkId);
    const session = await makeCpdSession(database.db, programme, { capacity: 10 });
    const people = await Promise.all(
      Array.from({ length: 50 }, () => makeMember(database.db, networkId, 'participant', { schoolUrn: memberSchool })),
    );
    const results = await Promise.allSettled(people.map((p) => book(session.id, p.id)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const rows = await bookingsOf(session.id);
    expect(rows).toHaveLength(50);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // The first ten to arrive hold the places; the other forty wait behind them in the order they came.
    expect(rows.slice(0, 10).every((r) => r.status === 'confirmed')).toBe(true);
    expect(rows.slice(10).every((r) => r.status === 'waiting')).toBe(true);
    const [s] = await database.db.select().from(cpdSessions).where(eq(cpdSessions.id, session.id));
    expect(s!.placesTaken).toBe(10);
  });

  it('offers a freed place to the first in line, and passes it on when the offer expires', async () => {
    const programme = await makeCpdProgramme(database.db, networkId);
    const session = await makeCpdSession(database.db, programme, { capacity: 1 });
    const [a, b, c] = await Promise.all(
      [1, 2, 3].map(() => makeMember(database.db, networkId, 'participant', { schoolUrn: memberSchool })),
    );
    const first = await book(session.id, a!.id);
    await book(session.id, b!.id);
    await book(session.id, c!.id);
    await inTransaction(database, (db) => cancelBooking({ ...ctx(), db }, { bookingId: first.id }));
    let rows = await bookingsOf(session.id);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'offered', 'waiting']);

    await database.db
      .update(cpdBookings)
      .set({ offerExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(cpdBookings.id, rows[1]!.id));
    const { expired } = await inTransaction(database, (db) => expireOffers({ ...ctx(), db }));
    expect(expired).toBe(1);
    rows = await bookingsOf(session.id);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'expired', 'offered']);
    const [s] = await database.db.select().from(cpdSessions).where(eq(cpdSessions.id, session.id));
    expect(s!.placesTaken).toBe(1);
  });

  it('charges staff of schools outside the network, with an invoice, and voids it on cancellation', async () => {
    const programme = await makeCpdProgramme(database.db, networkId, { otherPricePence: 4500 });
    const session = await makeCpdSession(database.db, programme);
    const outsider = await makeMember(database.db, networkId, 'participant', { schoolUrn: (await makeSchool(database.db)).urn });
    const insider = await makeMember(database.db, networkId, 'participant', { schoolUrn: memberSchool });
    const charged = await book(session.id, outsider.id);
    const free = await book(session.id, insider.id);
    expect([charged.pricePence, free.pricePence]).toEqual([4500, 0]);
    const invoices = await database.db.select().from(cpdInvoices).where(eq(cpdInvoices.networkId, networkId));
    expect(invoices.filter((i) => i.bookingId === charged.id).map((i) => i.amountPence)).toEqual([4500]);
    expect(invoices.some((i) => i.bookingId === free.id)).toBe(false);
    await inTransaction(database, (db) => cancelBooking({ ...ctx(), db }, { bookingId: charged.id }));
    const [voided] = await database.db.select().from(cpdInvoices).where(eq(cpdInvoices.bookingId, charged.id));
    expect(voided!.voidedAt).not.toBeNull();
  });

  it('refuses a double booking, a cancelled or past session, and capacity below the places taken, keeping what was there', async () => {
    const programme = await makeCpdProgramme(database.db, networkId);
    const session = await makeCpdSession(database.db, programme, { capacity: 3 });
    const people = await Promise.all([1, 2].map(() => makeMember(database.db, networkId, 'participant', { schoolUrn: memberSchool })));
    await book(session.id, people[0]!.id);
    await book(session.id, people[1]!.id);
    await expect(book(session.id, people[0]!.id)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already booked/) });

    const details = {
      sessionId: session.id,
      title: session.title,
      theme: null,
      slot: session.slot,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      venue: session.venue,
      hostSchoolUrn: null,
      onlineUrl: null,
      facilitators: null,
      facilitatorIds: [],
      nextSteps: null,
    };
    await expect(inTransaction(database, (db) => updateSession({ ...ctx(), db }, { ...details, capacity: 1 }))).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/2 places are already taken/),
    });
    expect(await bookingsOf(session.id)).toHaveLength(2);

    const cancelled = await makeCpdSession(database.db, programme, { status: 'cancelled' });
    await expect(book(cancelled.id, people[0]!.id)).rejects.toMatchObject({ message: expect.stringMatching(/cancelled/) });
    const past = await makeCpdSession(database.db, programme, {
      startsAt: new Date(Date.now() - 86_400_000),
      endsAt: new Date(Date.now() - 80_000_000),
    });
    await expect(book(past.id, people[0]!.id)).rejects.toMatchObject({ message: expect.stringMatching(/already started/) });
  });

  it('is guarded by the database itself: a booking written past capacity is refused by its CHECK', async () => {
    const programme = await makeCpdProgramme(database.db, networkId);
    const session = await makeCpdSession(database.db, programme, { capacity: 1 });
    const [a, b] = await Promise.all([1, 2].map(() => makeMember(database.db, networkId, 'participant')));
    const row = (personId: string, position: number) => ({
      networkId,
      sessionId: session.id,
      personId,
      status: 'confirmed' as const,
      position,
    });
    await database.db.insert(cpdBookings).values(row(a!.id, 1));
    const err = await database.db
      .insert(cpdBookings)
      .values(row(b!.id, 2))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlState(err)).toBe('23514');
    expect(testTarget).toMatch(/pglite|postgresql/);
  });
});
