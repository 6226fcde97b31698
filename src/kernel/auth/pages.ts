import { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { formErrors, formFields, validateForm } from '../http/forms.ts';
import { cookieNames } from '../http/middleware.ts';
import { render } from '../http/render.ts';
import { endSession, SESSION_HOURS, startSession } from './sessions.ts';
import { redeemMagicLink, requestMagicLink, signInWithPassword } from './sign-in.ts';

const emailField = z
  .string()
  .trim()
  .min(1, 'Enter your email address')
  .max(254)
  .pipe(z.email('Enter an email address in the correct format, like name@school.org.uk'));

const passwordSignIn = z.object({
  email: emailField,
  password: z.string().min(1, 'Enter your password').max(1000),
});

/** Only same-site paths are followed after sign-in, never another host. */
export const safeNext = (next: unknown) => (typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/');

export async function signInAs(c: AppContext, personId: string, next: string) {
  const { database, config } = c.var.deps;
  const names = cookieNames(config.secureCookies);
  const old = c.var.sessionId;
  if (old) await endSession(database.db, old);
  const { sessionId } = await startSession(database.db, personId);
  setCookie(c, names.session, sessionId, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: config.secureCookies,
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
  await recordAudit(database.db, null, {
    action: 'auth.signed_in',
    subjectType: 'person',
    subjectId: personId,
    detail: { ip: c.var.clientIp },
  });
  return c.redirect(safeNext(next), 303);
}

export const authPages = new Hono<AppEnv>()
  .get('/sign-in', (c) => {
    if (c.var.actor) return c.redirect('/', 303);
    return render(c, 'sign-in.njk', { title: 'Sign in', next: safeNext(c.req.query('next')), values: {} });
  })
  .post('/sign-in/email', async (c) => {
    const body = formFields(await c.req.parseBody());
    const next = safeNext(body.next);
    const form = validateForm(z.object({ email: emailField }), body);
    if (!form.ok) return render(c, 'sign-in.njk', { title: 'Sign in', next, values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    const outcome = await requestMagicLink(database.db, mailer, config.appUrl, form.data.email, c.var.clientIp);
    c.var.deps.log.info('sign-in attempt', { method: 'email link', outcome, ip: c.var.clientIp });
    if (outcome === 'throttled') {
      return render(
        c,
        'sign-in.njk',
        {
          title: 'Sign in',
          next,
          values: body,
          ...formErrors([{ path: 'email', message: 'Too many attempts. Wait 15 minutes, then try again.' }]),
        },
        429,
      );
    }
    return render(c, 'check-email.njk', { title: 'Check your email', email: form.data.email });
  })
  .post('/sign-in/password', async (c) => {
    const body = formFields(await c.req.parseBody());
    const next = safeNext(body.next);
    const form = validateForm(passwordSignIn, body);
    const again = (errors: ReturnType<typeof formErrors>, status: 400 | 401 | 429) =>
      render(c, 'sign-in.njk', { title: 'Sign in', next, values: { email: body.email }, ...errors, passwordOpen: true }, status);
    if (!form.ok) return again(form, 400);
    const outcome = await signInWithPassword(c.var.deps.database.db, form.data.email, form.data.password, c.var.clientIp);
    // Every attempt in the log (never the address or password): the audit log holds the person.
    c.var.deps.log.info('sign-in attempt', { method: 'password', outcome: outcome.result, ip: c.var.clientIp });
    if (outcome.result === 'throttled')
      return again(
        formErrors([{ path: 'email', message: 'Too many attempts. Wait 15 minutes, then try again, or sign in with an email link.' }]),
        429,
      );
    if (outcome.result === 'wrong')
      return again(formErrors([{ path: 'password', message: 'The email address or password is not right' }]), 401);
    return signInAs(c, outcome.personId, next);
  })
  // The link opens a page with a button, so that mail scanners that follow links do not spend it.
  .get('/sign-in/link', (c) => render(c, 'confirm-link.njk', { title: 'Sign in to Alliance', token: c.req.query('token') ?? '' }))
  .post('/sign-in/link', async (c) => {
    const body = formFields(await c.req.parseBody());
    const personId = typeof body.token === 'string' ? await redeemMagicLink(c.var.deps.database.db, body.token) : null;
    if (!personId) return render(c, 'link-expired.njk', { title: 'That sign-in link has expired or been used' }, 400);
    return signInAs(c, personId, '/');
  })
  .post('/sign-out', async (c) => {
    const { database, config } = c.var.deps;
    if (c.var.sessionId) await endSession(database.db, c.var.sessionId);
    deleteCookie(c, cookieNames(config.secureCookies).session, { path: '/', secure: config.secureCookies });
    return c.redirect('/sign-in', 303);
  });
