import { Hono } from 'hono';
import { deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import { inTransaction } from '../commands.ts';
import type { AppContext, AppEnv } from '../http/context.ts';
import { notFound, unauthorized } from '../http/errors.ts';
import { formErrors, formFields, validateForm } from '../http/forms.ts';
import { cookieNames } from '../http/middleware.ts';
import { render } from '../http/render.ts';
import { formatDateTime } from '../ui/format.ts';
import { findAccount, listApiTokens, listMembershipsOf } from './account-queries.ts';
import { roleLabels } from './actor.ts';
import { changePassword } from './commands/change-password.ts';
import { createApiToken } from './commands/create-api-token.ts';
import { revokeApiToken } from './commands/revoke-api-token.ts';
import { signOutEverywhere } from './commands/sign-out-everywhere.ts';
import { signInAs } from './pages.ts';

const tokenForm = z.object({
  name: z.string().trim().min(1, 'Enter a name for the token').max(100, 'Name must be 100 characters or fewer'),
});

const passwordForm = z.object({
  currentPassword: z.string().max(1000).default(''),
  newPassword: z.string().default(''),
  confirmPassword: z.string().default(''),
});

/** Messages after a redirect, keyed so that nothing from the address bar is shown as is. */
const doneMessages: Record<string, string> = {
  'password-changed': 'Your password has been saved. You have been signed out everywhere else.',
  'token-revoked': 'The token has been revoked. It no longer works.',
};

/** The signed-in person, by session only: an API token cannot change passwords or mint tokens. */
function sessionPerson(c: AppContext) {
  const actor = c.var.actor;
  if (actor?.kind !== 'person' || actor.via !== 'session') throw unauthorized();
  return actor;
}

function commandContext(c: AppContext) {
  const { mailer, config } = c.var.deps;
  return { actor: sessionPerson(c), mailer, config };
}

async function accountPage(c: AppContext, extra: Record<string, unknown> = {}, status: 200 | 400 = 200) {
  const me = sessionPerson(c);
  const db = c.var.deps.database.db;
  const account = await findAccount(db, me.personId);
  if (!account) throw unauthorized();
  const [tokens, roles] = await Promise.all([listApiTokens(db, me.personId), listMembershipsOf(db, me.personId)]);
  const done = doneMessages[c.req.query('done') ?? ''];
  return render(
    c,
    'account.njk',
    {
      title: 'Your account',
      flash: done ? { type: 'success', text: done } : undefined,
      detailRows: [
        { key: { text: 'Name' }, value: { text: account.fullName } },
        { key: { text: 'Email address' }, value: { text: account.email } },
        { key: { text: 'School' }, value: { text: account.schoolName ? `${account.schoolName} (URN ${account.schoolUrn})` : 'Not set' } },
        {
          key: { text: 'Roles' },
          value: { text: roles.length ? roles.map((r) => `${roleLabels[r.role]}, ${r.networkName}`).join('; ') : 'None' },
        },
      ],
      hasPassword: account.hasPassword,
      tokens: tokens.map((t) => ({
        id: t.id,
        name: t.name,
        prefix: t.prefix,
        created: formatDateTime(t.createdAt),
        lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never',
        revoked: t.revokedAt ? formatDateTime(t.revokedAt) : null,
      })),
      values: {},
      ...extra,
    },
    status,
  );
}

async function passwordPage(c: AppContext, extra: Record<string, unknown> = {}, status: 200 | 400 = 200) {
  const me = sessionPerson(c);
  const account = await findAccount(c.var.deps.database.db, me.personId);
  if (!account) throw unauthorized();
  const title = account.hasPassword ? 'Change your password' : 'Set a password';
  return render(c, 'account-password.njk', { title, hasPassword: account.hasPassword, backLink: '/account', ...extra }, status);
}

export const accountPages = new Hono<AppEnv>()
  .get('/account', (c) => accountPage(c))
  .get('/account/password', (c) => passwordPage(c))
  .post('/account/password', async (c) => {
    const ctx = commandContext(c);
    const form = validateForm(passwordForm, formFields(await c.req.parseBody()));
    if (!form.ok) return passwordPage(c, form, 400);
    const { database } = c.var.deps;
    const result = await inTransaction(database, (db) => changePassword({ ...ctx, db }, form.data));
    if (!result.ok) return passwordPage(c, formErrors(result.issues), 400);
    // Every session ended with the change; this browser gets a fresh one.
    return signInAs(c, ctx.actor.personId, '/account?done=password-changed');
  })
  .post('/account/sign-out-everywhere', async (c) => {
    const ctx = commandContext(c);
    const { database, config } = c.var.deps;
    await inTransaction(database, (db) => signOutEverywhere({ ...ctx, db }));
    deleteCookie(c, cookieNames(config.secureCookies).session, { path: '/', secure: config.secureCookies });
    return c.redirect('/sign-in', 303);
  })
  .post('/account/tokens', async (c) => {
    const ctx = commandContext(c);
    const body = formFields(await c.req.parseBody());
    const form = validateForm(tokenForm, body);
    if (!form.ok) return accountPage(c, { ...form, values: body }, 400);
    const created = await inTransaction(c.var.deps.database, (db) =>
      createApiToken({ ...ctx, db }, { personId: ctx.actor.personId, name: form.data.name }),
    );
    // Shown once: never cached, never logged.
    c.header('Cache-Control', 'no-store');
    return render(c, 'account-token-created.njk', { title: 'Your new API token', token: created.token, name: created.name });
  })
  .post('/account/tokens/:tokenId/revoke', async (c) => {
    const ctx = commandContext(c);
    const tokenId = c.req.param('tokenId');
    if (!z.uuid().safeParse(tokenId).success) throw notFound('Token');
    await inTransaction(c.var.deps.database, (db) => revokeApiToken({ ...ctx, db }, { tokenId }));
    return c.redirect('/account?done=token-revoked', 303);
  });
