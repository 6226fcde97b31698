import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** application/json or any application/<x>+json, with or without parameters. */
const jsonType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The API reads JSON bodies only. A write sent as anything else (a form, text, XML) is refused with
 * 415 before validation; otherwise the zod-openapi validator would skip the body and see `{}`.
 * A write with no Content-Type (an action without a body) goes on to the route.
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type');
  if (writeMethods.has(c.req.method) && type && !jsonType.test(type.trim())) {
    throw new HttpError(
      415,
      'Unsupported media type',
      `The API accepts request bodies as application/json only; this request was sent as ${type.split(';')[0]!.trim().slice(0, 100)}.`,
    );
  }
  await next();
});
