import type { ErrorHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isUnstorableText } from '../db/errors.ts';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';
import { problem } from './problem.ts';
import { render } from './render.ts';

const wantsJson = (path: string, accept: string | undefined) => path.startsWith('/api/') || (accept ?? '').includes('application/json');

/** Known errors keep their status; anything else is logged and answered 500 without internals. */
export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  let status = 500;
  let title = 'Sorry, there is a problem with the service';
  let detail: string | undefined = 'Try again later.';
  let fields: HttpError['fields'];
  if (err instanceof HttpError) {
    ({ status, title, detail, fields } = err);
  } else if (err instanceof HTTPException) {
    status = err.status;
    title = err.status === 413 ? 'Payload too large' : err.message || 'Bad request';
    detail = err.status === 413 ? 'The upload is larger than allowed.' : err.message;
  } else if (isUnstorableText(err)) {
    // Text the database cannot hold (a NUL character) can only come from the request: refuse it, never a 500.
    status = 400;
    title = 'Invalid request';
    detail = 'The text contains a character that cannot be stored (such as the NUL character \\u0000).';
  } else {
    c.var.deps?.log.error('unhandled error', { path: c.req.path, error: String(err), stack: err instanceof Error ? err.stack : undefined });
  }
  if (wantsJson(c.req.path, c.req.header('accept')) || !c.var.deps) return problem(c, status, title, detail, fields);
  if (status === 401) return c.redirect(`/sign-in?next=${encodeURIComponent(c.req.path)}`, 303);
  return render(c, 'error.njk', { title, detail }, status as 400);
};
