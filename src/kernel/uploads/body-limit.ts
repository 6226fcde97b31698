import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { HttpError } from '../http/errors.ts';

/** A size as people say it: '10 MB', '1.5 MB', '512 KB'. */
const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Refuse a request body over `maxBytes` with 413 before anything reads it into memory: a declared
 * Content-Length over the limit is refused unread, a chunked body is counted as it streams and dropped at
 * the limit. Mount it ahead of the CSRF check (which parses form bodies), for pages and API alike.
 * A declared length within the limit leaves the body untouched: wrapping it in a counting stream that the
 * route then never reads (a 415, a 403 before the body) held the connection until the server dropped it,
 * and with it the client's next request on that connection.
 */
export function uploadLimit(maxBytes: number, what = 'file', shownBytes = maxBytes) {
  const tooLarge = () => new HttpError(413, 'The file is too large', `The ${what} must be ${megabytes(shownBytes)} or smaller.`);
  const counted = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return createMiddleware(async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next);
    if (Number(declared) > maxBytes) throw tooLarge();
    await next();
  });
}

export { megabytes };
