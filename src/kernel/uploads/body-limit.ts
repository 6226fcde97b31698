import { bodyLimit } from 'hono/body-limit';
import { HttpError } from '../http/errors.ts';

/** A size as people say it: '10 MB', '1.5 MB', '512 KB'. */
const megabytes = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/**
 * Refuse a request body over `maxBytes` with 413 before anything reads it into memory: a declared
 * Content-Length over the limit is refused unread, a chunked body is counted as it streams and dropped at
 * the limit. Mount it ahead of the CSRF check (which parses form bodies), for pages and API alike.
 */
export function uploadLimit(maxBytes: number, what = 'file', shownBytes = maxBytes) {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError(413, 'The file is too large', `The ${what} must be ${megabytes(shownBytes)} or smaller.`);
    },
  });
}

export { megabytes };
