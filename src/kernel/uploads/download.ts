import type { Context } from 'hono';
import type { Db } from '../db/client.ts';
import { notFound } from '../http/errors.ts';
import { type Upload, uploadBytes } from './store.ts';

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Serve a stored file as a download, never inline: the sniffed type, nosniff, a sandboxing CSP and no
 * caching by shared caches. Call only after the access check.
 */
export async function sendUpload(c: Context, db: Db, upload: Upload) {
  const bytes = await uploadBytes(db, upload.id);
  if (!bytes) throw notFound('File');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': upload.contentType,
    'Content-Length': String(bytes.byteLength),
    'Content-Disposition': contentDisposition(upload.fileName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cache-Control': 'private, no-store',
  });
}
