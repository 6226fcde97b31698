import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { saveCpdSettings } from './commands/save-cpd-settings.ts';
import { cpdSettingsDefaults } from './cpd-settings-domain.ts';
import { cpdSettingsForm } from './cpd-settings-forms.ts';
import { cpdSettingsOf } from './cpd-settings-queries.ts';
import { cpdBase, cpdFrame } from './programmes-pages.ts';

// The network's CPD settings page (network admins): targets, the hold on a freed place, the follow-up's timing.

async function settingsPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 = 200) {
  const current = await cpdSettingsOf(c.var.deps.database.db, network.id);
  const values = form.values ?? Object.fromEntries(Object.entries(current).map(([k, v]) => [k, String(v)]));
  return render(
    c,
    'cpd-settings.njk',
    {
      title: 'CPD settings',
      ...cpdFrame(c, network),
      values,
      defaults: cpdSettingsDefaults,
      flash: c.req.query('done') === 'saved' && status === 200 ? { type: 'success', text: 'CPD settings saved' } : undefined,
      ...form,
    },
    status,
  );
}

export const cpdSettingsPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/settings', async (c) => {
    signedIn(c);
    return settingsPage(c, await networkFor(c, 'cpd.manage'));
  })
  .post('/networks/:networkId/cpd/settings', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'cpd.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(cpdSettingsForm, body);
    if (!form.ok) return settingsPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => saveCpdSettings({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { form: failed } = commandFormErrors(err);
      return settingsPage(c, network, { values: body, ...failed }, 400);
    }
    return c.redirect(`${cpdBase(network.id)}/settings?done=saved`, 303);
  });
