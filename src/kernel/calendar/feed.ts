import { eq } from 'drizzle-orm';
import ical, { ICalEventStatus } from 'ical-generator';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import type { Db } from '../db/client.ts';
import { calendarFeeds } from './schema.ts';

// A person's private calendar feed (iCal): modules register the events they hold for a person, the
// kernel serves them all at one secret URL that calendar apps poll. The kernel knows no module.

export interface CalendarEvent {
  /** Stable across polls, so that calendar apps update rather than duplicate. */
  id: string;
  title: string;
  start: Date;
  end: Date;
  location?: string | null;
  url?: string | null;
  description?: string | null;
  cancelled?: boolean;
}

export type CalendarSource = (db: Db, personId: string, appUrl: string) => Promise<CalendarEvent[]>;

const sources = new Map<string, CalendarSource>();

/** Add a module's events to every person's feed (called once, when the module is loaded). */
export function registerCalendarSource(name: string, source: CalendarSource) {
  sources.set(name, source);
}

/** The iCal text of a person's feed: every registered source's events. */
export async function calendarFeed(db: Db, personId: string, appUrl: string): Promise<string> {
  const calendar = ical({ name: 'Alliance', prodId: { company: 'Alliance', product: 'alliance', language: 'EN' }, timezone: 'UTC' });
  const host = new URL(appUrl).hostname;
  for (const source of sources.values()) {
    for (const e of await source(db, personId, appUrl)) {
      calendar.createEvent({
        id: `${e.id}@${host}`,
        summary: e.title,
        start: e.start,
        end: e.end,
        location: e.location ?? null,
        url: e.url ?? null,
        description: e.description ?? null,
        status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}

/** A new secret feed link for the person; any earlier link stops working. Returns the token (shown once). */
export async function renewFeedToken(db: Db, personId: string): Promise<string> {
  const token = newSecret();
  await db
    .insert(calendarFeeds)
    .values({ personId, tokenHash: hashSecret(token) })
    .onConflictDoUpdate({ target: calendarFeeds.personId, set: { tokenHash: hashSecret(token), createdAt: new Date() } });
  return token;
}

export async function personForFeedToken(db: Db, token: string): Promise<string | null> {
  const [row] = await db
    .select({ personId: calendarFeeds.personId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.tokenHash, hashSecret(token)));
  return row?.personId ?? null;
}

export async function hasFeed(db: Db, personId: string): Promise<boolean> {
  const [row] = await db.select({ personId: calendarFeeds.personId }).from(calendarFeeds).where(eq(calendarFeeds.personId, personId));
  return Boolean(row);
}
