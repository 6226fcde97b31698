import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Development outbox: mail kept here (and logged) when no SMTP server is configured. */
export const outboxMessages = pgTable('outbox_messages', {
  id: uuid('id').primaryKey().defaultRandom(),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
