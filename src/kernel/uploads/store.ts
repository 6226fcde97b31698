import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { people } from '../../modules/networks/schema.ts';
import type { Db } from '../db/client.ts';
import { HttpError } from '../http/errors.ts';
import { megabytes } from './body-limit.ts';
import { checkContentType } from './content-type.ts';
import { safeFileName } from './file-names.ts';
import { uploadContents, uploads } from './schema.ts';

export interface UploadLimits {
  /** One file. */
  maxFileBytes: number;
  /** What one person may keep in all. */
  quotaBytes: number;
}

/** This installation's limits, from its settings (UPLOAD_MAX_FILE_MB, UPLOAD_QUOTA_MB; 10 MB and 200 MB by default). */
export function uploadLimitsOf(config: Pick<Config, 'UPLOAD_MAX_FILE_MB' | 'UPLOAD_QUOTA_MB'>): UploadLimits {
  return {
    maxFileBytes: Math.round(config.UPLOAD_MAX_FILE_MB * 1024 * 1024),
    quotaBytes: Math.round(config.UPLOAD_QUOTA_MB * 1024 * 1024),
  };
}

/** The limits with the default settings. */
export const uploadLimits: UploadLimits = uploadLimitsOf({ UPLOAD_MAX_FILE_MB: 10, UPLOAD_QUOTA_MB: 200 });

export interface NewUpload {
  ownerId: string;
  networkId: string;
  /** The name the browser sent: only its cleaned last segment is kept, for display. */
  fileName: string;
  bytes: Uint8Array;
}

/** A refusal naming the form field, so pages and API can say why. */
const refused = (status: 400 | 409 | 413, message: string, path = 'file') =>
  new HttpError(status, status === 413 ? 'The file is too large' : 'The file cannot be uploaded', message, [{ path, message }]);

/**
 * Check and keep an uploaded file: size, the content against the allow-list and the name's extension, and
 * the owner's quota (under a lock on the owner's row, so two uploads at once cannot both squeeze in).
 * Call inside the transaction of the command that attaches the file.
 */
export async function storeUpload(db: Db, input: NewUpload, limits = uploadLimits, path = 'file') {
  const size = input.bytes.byteLength;
  if (size === 0) throw refused(400, 'The selected file is empty', path);
  if (size > limits.maxFileBytes) throw refused(413, `The file must be ${megabytes(limits.maxFileBytes)} or smaller`, path);
  const fileName = safeFileName(input.fileName);
  const type = await checkContentType(input.bytes, fileName);
  if (!type.ok) throw refused(400, type.reason, path);
  await db.select({ id: people.id }).from(people).where(eq(people.id, input.ownerId)).for('update');
  const used = await usedBytes(db, input.ownerId);
  if (used + size > limits.quotaBytes) {
    throw refused(
      409,
      `You have used ${megabytes(used)} of your ${megabytes(limits.quotaBytes)} for files: remove some before adding this one (${megabytes(size)})`,
      path,
    );
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const [row] = await db
    .insert(uploads)
    .values({ ownerId: input.ownerId, networkId: input.networkId, fileName, contentType: type.mime, sizeBytes: size, sha256 })
    .returning();
  await db.insert(uploadContents).values({ uploadId: row!.id, bytes: input.bytes });
  return row!;
}

export async function usedBytes(db: Db, ownerId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string>`coalesce(sum(${uploads.sizeBytes}), 0)` })
    .from(uploads)
    .where(eq(uploads.ownerId, ownerId));
  return Number(row?.total ?? 0);
}

export async function findUpload(db: Db, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row ?? null;
}

export async function uploadBytes(db: Db, id: string): Promise<Uint8Array | null> {
  const [row] = await db.select({ bytes: uploadContents.bytes }).from(uploadContents).where(eq(uploadContents.uploadId, id));
  return row?.bytes ?? null;
}

export async function deleteUpload(db: Db, id: string) {
  await db.delete(uploads).where(eq(uploads.id, id));
}

export type Upload = typeof uploads.$inferSelect;
