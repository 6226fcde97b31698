import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import type { AppContext, AppEnv } from '../../kernel/http/context.ts';
import { HttpError, notFound, unauthorized } from '../../kernel/http/errors.ts';
import { formErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { authorize } from '../../policy.ts';
import { createPartnership } from './commands/create-partnership.ts';
import { endPartnership } from './commands/end-partnership.ts';
import { networkFor } from './pages.ts';
import { findPartnership } from './partnerships-queries.ts';
import { commandFormErrors } from './people-forms.ts';
import { findNetwork, isUuid } from './queries.ts';
import { todayIso } from './settings-domain.ts';
import { partnershipForm } from './settings-forms.ts';
import { settingsPage } from './settings-view.ts';

const signedIn = (c: AppContext) => {
  if (!c.var.actor) throw unauthorized();
  return c.var.actor;
};

/**
 * Partnerships between networks, on the settings page. Until proposals with the other side's consent
 * exist, a person who is network admin in both networks starts one directly; either side's admin ends it.
 */
export const partnershipPages = new Hono<AppEnv>()
  .post('/networks/:networkId/settings/partnerships', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const { database, mailer, config } = c.var.deps;
    const body = formFields(await c.req.parseBody());
    const form = validateForm(partnershipForm, body);
    if (!form.ok) return settingsPage(c, network, { values: body, ...form }, 400);
    const partner = await findNetwork(database.db, form.data.partnerNetworkId);
    if (partner && partner.id !== network.id) {
      try {
        // Acting for the other network too: refused (and audited there) unless an admin of both.
        await authorize(database.db, actor, 'network.manage', { networkId: partner.id });
      } catch (err) {
        if (!(err instanceof HttpError && err.status === 403)) throw err;
        const message = `Only someone who is a network admin of both ${network.name} and ${partner.name} can start this partnership`;
        return settingsPage(c, network, { values: body, ...formErrors([{ path: 'partnerNetworkId', message }]) }, 403);
      }
    }
    try {
      await inTransaction(database, (db) =>
        createPartnership(
          { db, actor, mailer, config },
          { networkId: network.id, partnerNetworkId: form.data.partnerNetworkId, startedOn: todayIso() },
        ),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=partnership-started`, 303);
  })
  .post('/networks/:networkId/settings/partnerships/:partnerNetworkId/end', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const { database, mailer, config } = c.var.deps;
    const partnerNetworkId = c.req.param('partnerNetworkId');
    if (!isUuid(partnerNetworkId) || !(await findPartnership(database.db, network.id, partnerNetworkId))) throw notFound('Partnership');
    try {
      await inTransaction(database, (db) =>
        endPartnership({ db, actor, mailer, config }, { networkId: network.id, partnerNetworkId, endedOn: todayIso() }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, failed, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=partnership-ended`, 303);
  });
