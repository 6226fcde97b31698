import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { authorize } from '../../policy.ts';
import { addStrategicPartner } from './commands/add-strategic-partner.ts';
import { removeStrategicPartner } from './commands/remove-strategic-partner.ts';
import { updateNetwork } from './commands/update-network.ts';
import { networkFor } from './pages.ts';
import { networkDetailsForm, strategicPartnerForm } from './settings-forms.ts';
import { findStrategicPartner } from './settings-queries.ts';
import { settingsPage } from './settings-view.ts';

const commandContext = (c: AppContext) => {
  const { mailer, config } = c.var.deps;
  return { actor: signedIn(c), mailer, config };
};

/** Network settings (network admins): details, lead school and strategic partners. Partnerships: partnerships-pages.ts. */
export const settingsPages = new Hono<AppEnv>()
  .get('/networks/:networkId/settings', async (c) => {
    signedIn(c);
    return settingsPage(c, await networkFor(c, 'network.manage'));
  })
  .post('/networks/:networkId/settings', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(networkDetailsForm, body);
    if (!form.ok) return settingsPage(c, network, { values: body, ...form }, 400);
    try {
      await inTransaction(c.var.deps.database, (db) =>
        updateNetwork({ ...commandContext(c), db }, { networkId: network.id, ...form.data }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=details`, 303);
  })
  .post('/networks/:networkId/settings/strategic-partners', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(strategicPartnerForm, body);
    if (!form.ok) return settingsPage(c, network, { values: body, ...form }, 400);
    const { partnerName: name, partnerKind: kind } = form.data;
    try {
      await inTransaction(c.var.deps.database, (db) =>
        addStrategicPartner({ ...commandContext(c), db }, { networkId: network.id, name, kind }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return settingsPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`/networks/${network.id}/settings?done=partner-added`, 303);
  })
  .post('/networks/:networkId/settings/strategic-partners/:partnerId/remove', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'network.manage');
    const db = c.var.deps.database.db;
    const partner = await findStrategicPartner(db, c.req.param('partnerId'));
    if (!partner) throw notFound('Strategic partner');
    // Another network's partner: refused and audited there, unless the actor manages that network too.
    await authorize(db, actor, 'network.manage', { networkId: partner.networkId });
    if (partner.networkId !== network.id) throw notFound('Strategic partner');
    await inTransaction(c.var.deps.database, (tx) =>
      removeStrategicPartner({ ...commandContext(c), db: tx }, { networkId: network.id, partnerId: partner.id }),
    );
    return c.redirect(`/networks/${network.id}/settings?done=partner-removed`, 303);
  });
