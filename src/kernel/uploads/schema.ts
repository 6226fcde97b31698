import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { networks, people } from '../../modules/networks/schema.ts';

/** Raw bytes: node-postgres gives a Buffer, PGlite a Uint8Array; both are Uint8Array to the app. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * An uploaded file's record (ADR 7: stored in the database). The stored name is the row's id, never the
 * uploader's path; `file_name` is a cleaned display name used only in Content-Disposition. The type is the
 * one sniffed from the content, not the one claimed. The owner's total size counts against their quota.
 */
export const uploads = pgTable(
  'uploads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    networkId: uuid('network_id')
      .notNull()
      .references(() => networks.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('uploads_owner_idx').on(t.ownerId),
    index('uploads_network_idx').on(t.networkId),
    check('uploads_size_positive', sql`${t.sizeBytes} > 0`),
    check(
      'uploads_file_name_safe',
      sql`${t.fileName} <> '' and position('/' in ${t.fileName}) = 0 and position('\\' in ${t.fileName}) = 0`,
    ),
  ],
);

/** The bytes, apart from the record so that listings never load them. */
export const uploadContents = pgTable('upload_contents', {
  uploadId: uuid('upload_id')
    .primaryKey()
    .references(() => uploads.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
});
