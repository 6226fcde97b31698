import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { formFields, requiredText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { authorize } from '../../policy.ts';
import { networkFor, networkNav } from '../networks/pages.ts';
import { erasePerson } from './commands/erase-person.ts';
import { exportPersonData } from './commands/export-person-data.ts';
import { setRetention } from './commands/set-retention.ts';
import { retainedOnErasure, retentionChoices } from './domain.ts';
import { isMemberOf, personData, retentionOf } from './queries.ts';

/** A JSON file download: machine-readable, never rendered by the browser. */
export function jsonDownload(c: AppContext, data: unknown, name: string) {
  return c.body(JSON.stringify(data, null, 2), 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"`,
    'Cache-Control': 'no-store',
  });
}

/** The person named in the path, who must be a member of the network (else 404). */
async function memberOf(c: AppContext, networkId: string) {
  const personId = c.req.param('personId') ?? '';
  if (!z.uuid().safeParse(personId).success || !(await isMemberOf(c.var.deps.database.db, networkId, personId))) throw notFound('Person');
  return personId;
}

const eraseForm = z.object({ reason: requiredText('Enter why the person is being erased', 'Reason', 500) });
const retentionForm = z.object({
  retentionMonths: z.enum(['none', ...retentionChoices.map(String)], { message: 'Choose how long to keep former members’ data' }),
});
const retentionItems = (current: string) => [
  ...retentionChoices.map((m) => ({
    value: String(m),
    text: `${m / 12} year${m === 12 ? '' : 's'} after they leave`,
    checked: current === String(m),
  })),
  { value: 'none', text: 'Do not delete automatically', checked: current === 'none' },
];
const retained = Object.entries(retainedOnErasure).map(([table, reason]) => ({
  key: { text: table.replaceAll('_', ' ') },
  value: { text: reason },
}));

export const privacyPages = new Hono<AppEnv>()
  .get('/account/data-export', async (c) => {
    const actor = signedIn(c);
    if (actor.kind !== 'person') throw notFound('Person');
    const { database, mailer, config } = c.var.deps;
    const data = await inTransaction(database, (db) =>
      exportPersonData({ db, actor, mailer, config }, { personId: actor.personId, networkId: null, via: 'page' }),
    );
    return jsonDownload(c, data, 'your-alliance-data.json');
  })
  .get('/networks/:networkId/people/:personId/data-export', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'privacy.export');
    const personId = await memberOf(c, network.id);
    const { database, mailer, config } = c.var.deps;
    const data = await inTransaction(database, (db) =>
      exportPersonData({ db, actor, mailer, config }, { personId, networkId: network.id, via: 'page' }),
    );
    return jsonDownload(c, data, `person-${personId}.json`);
  })
  .get('/networks/:networkId/people/:personId/erase', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'privacy.export');
    const personId = await memberOf(c, network.id);
    await authorize(c.var.deps.database.db, c.var.actor, 'privacy.erase', { networkId: network.id, personId });
    const person = (await personData(c.var.deps.database.db, personId))!.tables.people![0]!;
    return render(c, 'erase.njk', {
      title: `Erase ${person.full_name}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      person,
      retained,
      values: {},
    });
  })
  .post('/networks/:networkId/people/:personId/erase', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'privacy.export');
    const personId = await memberOf(c, network.id);
    const db = c.var.deps.database.db;
    await authorize(db, actor, 'privacy.erase', { networkId: network.id, personId });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(eraseForm, body);
    if (!form.ok) {
      const person = (await personData(db, personId))!.tables.people![0]!;
      return render(
        c,
        'erase.njk',
        {
          title: `Erase ${person.full_name}`,
          currentNetwork: network,
          nav: networkNav(c, network.id),
          person,
          retained,
          values: body,
          ...form,
        },
        400,
      );
    }
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (tx) => erasePerson({ db: tx, actor, mailer, config }, { personId, reason: form.data.reason }));
    return c.redirect(`/networks/${network.id}/people`, 303);
  })
  .get('/networks/:networkId/privacy', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'privacy.manage');
    const months = await retentionOf(c.var.deps.database.db, network.id);
    return render(c, 'privacy-settings.njk', {
      title: 'Privacy',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      items: retentionItems(months === null ? 'none' : String(months)),
      retained,
    });
  })
  .post('/networks/:networkId/privacy', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'privacy.manage');
    const form = validateForm(retentionForm, formFields(await c.req.parseBody()));
    if (!form.ok) {
      return render(
        c,
        'privacy-settings.njk',
        { title: 'Privacy', currentNetwork: network, nav: networkNav(c, network.id), items: retentionItems(''), retained, ...form },
        400,
      );
    }
    const retentionMonths = form.data.retentionMonths === 'none' ? null : Number(form.data.retentionMonths);
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (db) => setRetention({ db, actor, mailer, config }, { networkId: network.id, retentionMonths }));
    return c.redirect(`/networks/${network.id}/privacy`, 303);
  });
