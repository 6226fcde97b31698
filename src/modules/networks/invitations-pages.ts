import { Hono } from 'hono';
import { z } from 'zod';
import { roleLabels } from '../../kernel/auth/actor.ts';
import { signInAs } from '../../kernel/auth/pages.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize } from '../../policy.ts';
import { acceptInvitation } from './commands/accept-invitation.ts';
import { invitePerson } from './commands/invite-person.ts';
import { revokeInvitation } from './commands/revoke-invitation.ts';
import { findInvitation, findInvitationByToken, listPendingInvitations } from './invitations-queries.ts';
import { type Network, networkFor, networkNav } from './pages.ts';
import { addingChoices, authorizeAdding, schoolOfNewPerson } from './people-access.ts';
import { type InvitationState, invitationState, roleOptions } from './people-domain.ts';
import { invitationForm } from './people-forms.ts';

const PER_PAGE = 50;

const ownSchool = (c: AppContext) => (c.var.actor?.kind === 'person' ? c.var.actor.schoolUrn : null);

function invitePage(
  c: AppContext,
  network: Network,
  form: { values?: Record<string, unknown> } & Record<string, unknown> = {},
  status: 200 | 400 | 409 = 200,
) {
  const choices = addingChoices(c.var.actor, 'invitation.create', network.id);
  const values = form.values ?? {};
  return render(
    c,
    'invitation-new.njk',
    {
      title: 'Invite someone',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      backLink: `/networks/${network.id}/people`,
      ...choices,
      roleItems: [{ value: '', text: 'Choose a role' }, ...roleOptions(choices.allowedRoles, values.role as string)],
      values,
      ...form,
    },
    status,
  );
}

const invalidTitles: Record<Exclude<InvitationState, 'pending'> | 'unknown', string> = {
  expired: 'This invitation has expired',
  revoked: 'This invitation has been withdrawn',
  accepted: 'This invitation has already been used',
  unknown: 'This invitation link is not valid',
};
const invalidInvitation = (c: AppContext, state: keyof typeof invalidTitles) =>
  render(c, 'invitation-invalid.njk', { title: invalidTitles[state], state }, 400);

export const invitationPages = new Hono<AppEnv>()
  .get('/networks/:networkId/invitations', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'invitation.list');
    const page = z.coerce
      .number()
      .int()
      .min(1)
      .max(100000)
      .catch(1)
      .parse(c.req.query('page') ?? 1);
    const { rows, total } = await listPendingInvitations(c.var.deps.database.db, network.id, { page, perPage: PER_PAGE });
    return render(c, 'invitations.njk', {
      title: 'Pending invitations',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      invitations: rows.map((i) => ({ ...i, roleLabel: roleLabels[i.role] })),
      ...paginationView({ page, perPage: PER_PAGE, total }, `/networks/${network.id}/invitations`, {}),
    });
  })
  .get('/networks/:networkId/invitations/new', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'invitation.create', { schoolUrn: ownSchool(c) });
    return invitePage(c, network);
  })
  .post('/networks/:networkId/invitations', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'invitation.create', { schoolUrn: ownSchool(c) });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(invitationForm, body);
    if (!form.ok) return invitePage(c, network, { values: body, ...form }, 400);
    const input = {
      ...form.data,
      networkId: network.id,
      schoolUrn: schoolOfNewPerson(actor, 'invitation.create', network.id, form.data.schoolUrn),
    };
    const { database, mailer, config } = c.var.deps;
    await authorizeAdding(database.db, actor, 'invitation.create', network.id, input);
    try {
      await inTransaction(database, (db) => invitePerson({ db, actor, mailer, config }, input));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return invitePage(c, network, { values: body, ...failed }, status);
    }
    return render(c, 'invitation-sent.njk', {
      title: 'Invitation sent',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      email: input.email,
      roleLabel: roleLabels[input.role],
    });
  })
  .post('/networks/:networkId/invitations/:invitationId/revoke', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'invitation.revoke');
    const { database, mailer, config } = c.var.deps;
    const invitation = await findInvitation(database.db, c.req.param('invitationId'));
    if (!invitation) throw notFound('Invitation');
    // Another network's invitation: refused (and audited) unless the actor runs that network too.
    await authorize(database.db, actor, 'invitation.revoke', { networkId: invitation.networkId });
    if (invitation.networkId !== network.id) throw notFound('Invitation');
    try {
      await inTransaction(database, (db) => revokeInvitation({ db, actor, mailer, config }, { invitationId: invitation.id }));
    } catch (err) {
      commandFormErrors(err);
    }
    return c.redirect(`/networks/${network.id}/invitations`, 303);
  })
  // The link opens a page with a button, so that mail scanners that follow links do not spend it.
  .get('/invitations/accept', async (c) => {
    const token = c.req.query('token') ?? '';
    const found = token ? await findInvitationByToken(c.var.deps.database.db, token) : null;
    if (!found) return invalidInvitation(c, 'unknown');
    const state = invitationState(found.invitation, new Date());
    if (state !== 'pending') return invalidInvitation(c, state);
    return render(c, 'invitation-accept.njk', {
      title: `Join ${found.networkName}`,
      token,
      networkName: found.networkName,
      invitedByName: found.invitedByName,
      fullName: found.invitation.fullName,
      email: found.invitation.email,
      roleLabel: roleLabels[found.invitation.role],
      schoolName: found.schoolName,
      expiresAt: found.invitation.expiresAt,
    });
  })
  .post('/invitations/accept', async (c) => {
    const body = formFields(await c.req.parseBody());
    const token = typeof body.token === 'string' ? body.token : '';
    if (!token) return invalidInvitation(c, 'unknown');
    const { database, mailer, config } = c.var.deps;
    const outcome = await inTransaction(database, (db) => acceptInvitation({ db, mailer, config }, { token }));
    if (!outcome.ok) return invalidInvitation(c, outcome.state);
    return signInAs(c, outcome.personId, `/networks/${outcome.networkId}`);
  });
