import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { actorFromBearerToken, findSession } from '../auth/load-actor.ts';
import { hashSecret, newSecret, sameSecret } from '../auth/secrets.ts';
import type { AppEnv, Deps } from './context.ts';
import { HttpError } from './errors.ts';

export const cookieNames = (secure: boolean) => ({
  // __Host- pins the cookie to this origin (no Domain, Path=/, Secure); only possible over HTTPS.
  session: secure ? '__Host-alliance_session' : 'alliance_session',
  csrf: secure ? '__Host-alliance_csrf' : 'alliance_csrf',
});

export const provideDeps = (deps: Deps) =>
  createMiddleware<AppEnv>(async (c, next) => {
    c.set('deps', deps);
    c.set('actor', null);
    c.set('sessionId', null);
    c.set('csrfToken', '');
    let ip = 'unknown';
    if (deps.config.TRUST_PROXY) ip = c.req.header('x-forwarded-for')?.split(',')[0]?.trim() || ip;
    else {
      try {
        ip = getConnInfo(c).remote.address ?? ip;
      } catch {
        // in-process requests (tests) have no socket
      }
    }
    c.set('clientIp', ip);
    await next();
  });

/** Security headers, with a per-response nonce for the few scripts the layout loads. */
export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  // JSON answers load nothing: they get the strictest policy and no nonce (the API's hot path).
  const api = c.req.path.startsWith('/api/');
  const nonce = api ? '' : randomBytes(16).toString('base64');
  c.set('cspNonce', nonce);
  await next();
  c.header(
    'Content-Security-Policy',
    api
      ? "default-src 'none'; frame-ancestors 'none'"
      : `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'same-origin');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  if (c.var.deps.config.secureCookies) c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
});

/** Who is asking: a bearer token (API), else the session cookie. Anonymous requests get a CSRF cookie for the sign-in forms. */
export const identify = createMiddleware<AppEnv>(async (c, next) => {
  const { database, config, identities } = c.var.deps;
  const names = cookieNames(config.secureCookies);
  const authorization = c.req.header('authorization');
  if (authorization) {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
    const identity = token
      ? await identities.through(`token:${hashSecret(token)}`, async () => {
          const actor = await actorFromBearerToken(database.db, token);
          return actor && { actor, sessionCsrfToken: null, expiresAt: null };
        })
      : null;
    if (!identity) throw new HttpError(401, 'Invalid token', 'The bearer token is unknown or revoked.');
    c.set('actor', identity.actor);
    return next();
  }
  const sessionId = getCookie(c, names.session);
  const session = sessionId
    ? await identities.through(
        `session:${hashSecret(sessionId)}`,
        async () => {
          const found = await findSession(database.db, sessionId);
          return found && { actor: found.actor, sessionCsrfToken: found.csrfToken, expiresAt: found.expiresAt };
        },
        (identity) => identity.expiresAt ?? 0,
      )
    : null;
  if (session?.sessionCsrfToken && sessionId) {
    c.set('actor', session.actor);
    c.set('sessionId', sessionId);
    c.set('csrfToken', session.sessionCsrfToken);
  } else {
    let token = getCookie(c, names.csrf);
    if (!token || token.length < 32) {
      token = newSecret();
      setCookie(c, names.csrf, token, { httpOnly: true, sameSite: 'Lax', secure: config.secureCookies, path: '/' });
    }
    c.set('csrfToken', token);
  }
  await next();
});

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request made with cookies must come from our own origin and carry the CSRF token
 * (form field `_csrf` or header `X-CSRF-Token`). Bearer-token requests carry no cookies, so need neither.
 */
export const csrfProtection = createMiddleware<AppEnv>(async (c, next) => {
  if (safeMethods.has(c.req.method) || (c.var.actor?.kind === 'person' && c.var.actor.via === 'token')) return next();
  // An API call with neither token nor session has nothing to forge: let the route answer 401.
  if (c.req.path.startsWith('/api/') && !c.var.sessionId) return next();
  const { config } = c.var.deps;
  const origin = c.req.header('origin');
  if (origin && origin !== new URL(config.appUrl).origin && origin !== new URL(c.req.url).origin) {
    throw new HttpError(403, 'Request refused', 'The request came from another site.');
  }
  let sent = c.req.header('x-csrf-token');
  if (!sent) {
    const type = c.req.header('content-type') ?? '';
    if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      sent = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
  }
  if (!sent || !c.var.csrfToken || !sameSecret(sent, c.var.csrfToken)) {
    throw new HttpError(
      403,
      'Request refused',
      'The form has expired or did not come from Alliance. Go back, reload the page and try again.',
    );
  }
  await next();
});
