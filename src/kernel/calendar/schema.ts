import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../../modules/networks/schema.ts';

/** A person's private calendar feed link: only the SHA-256 of its token is kept; a new link replaces the old. */
export const calendarFeeds = pgTable('calendar_feeds', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
