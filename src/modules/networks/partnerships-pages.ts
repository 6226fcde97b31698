import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { changePartnership } from './commands/change-partnership.ts';
import { proposePartnership } from './commands/propose-partnership.ts';
import { networkFor } from './pages.ts';
import { partnershipForStep } from './partnerships-access.ts';
import { type PartnershipStep, partnershipSteps } from './partnerships-domain.ts';
import { partnershipForm } from './settings-forms.ts';
import { settingsPage } from './settings-view.ts';

const isStep = (s: string): s is PartnershipStep => (partnershipSteps as readonly string[]).includes(s);

/**
 * Partnerships between networks, on the settings page: an admin proposes; the other network's admins
 * accept or decline; the proposer may withdraw; either side ends an active one.
 */
export const partnershipPages = new Hono<AppEnv>()
  .post('/networks/:networkId/settings/partnerships', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const { database, mailer, config } = c.var.deps;
    const body = formFields(await c.req.parseBody());
    const form = validateForm(partnershipForm, body);
    if (!form.ok) return settingsPage(c, network, { values: body, ...form }, 400);
    try {
      await inTransaction(database, (db) =>
        proposePartnership(
          { db, actor, mailer, config },
          { networkId: network.id, partnerNetworkId: form.data.partnerNetworkId, message: form.data.partnershipMessage },
        ),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=partnership-proposed#partnerships`, 303);
  })
  .post('/networks/:networkId/settings/partnerships/:partnershipId/:step', async (c) => {
    const actor = signedIn(c);
    const step = c.req.param('step');
    if (!isStep(step)) throw notFound();
    const network = await networkFor(c, 'network.manage');
    const { database, mailer, config } = c.var.deps;
    const partnership = await partnershipForStep(database.db, actor, c.req.param('partnershipId'), network.id, step);
    try {
      await inTransaction(database, (db) =>
        changePartnership({ db, actor, mailer, config }, { partnershipId: partnership.id, networkId: network.id, step, on: todayIso() }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, failed, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=partnership-${step}#partnerships`, 303);
  });
