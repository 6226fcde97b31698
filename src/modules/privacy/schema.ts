import { sql } from 'drizzle-orm';
import { check, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks } from '../networks/schema.ts';

/** A network's privacy settings: how long former members' personal data is kept (null: no automatic deletion). */
export const privacySettings = pgTable(
  'privacy_settings',
  {
    networkId: uuid('network_id')
      .primaryKey()
      .references(() => networks.id, { onDelete: 'cascade' }),
    retentionMonths: integer('retention_months'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('privacy_settings_retention_range', sql`${t.retentionMonths} is null or ${t.retentionMonths} between 1 and 600`)],
);
