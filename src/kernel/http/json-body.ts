import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** application/json or any application/<x>+json, with or without parameters. */
const jsonType = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const multipartType = /^multipart\/form-data\s*(;|$)/i;
/** API routes that take a file: they accept multipart/form-data (and say so in the OpenAPI document). */
const multipartRoutes: RegExp[] = [];

/**
 * Declare an API route (OpenAPI form, e.g. /networks/{networkId}/files, without /api/v1) as taking a file
 * as multipart/form-data; returns the path for createRoute. Its size limit is mounted in app.ts.
 */
export function multipartRoute<P extends string>(path: P): P {
  multipartRoutes.push(new RegExp(`^/api/v1${path.replace(/\{\w+\}/g, '[^/]+')}$`));
  return path;
}

/**
 * The API reads JSON bodies, and files (multipart/form-data only) on the routes declared with multipartRoute().
 * A write sent as anything else (a form, text, XML) is refused with 415 before validation, saying what the route
 * takes; otherwise the zod-openapi validator would skip the body and see `{}`.
 * A write with no Content-Type (an action without a body) goes on to the route.
 */
export const requireJsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header('content-type');
  // A route that takes a file takes multipart/form-data only; every other route, JSON only.
  const takesFiles = multipartRoutes.some((r) => r.test(c.req.path));
  const fits = (t: string) => (takesFiles ? multipartType : jsonType).test(t.trim());
  if (writeMethods.has(c.req.method) && type && !fits(type)) {
    const accepted = takesFiles ? 'multipart/form-data (the file and its fields)' : 'application/json only';
    throw new HttpError(
      415,
      'Unsupported media type',
      `This route accepts request bodies as ${accepted}; this request was sent as ${type.split(';')[0]!.trim().slice(0, 100)}.`,
    );
  }
  await next();
});
