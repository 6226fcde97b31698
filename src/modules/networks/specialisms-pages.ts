import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { forbidden, notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, requiredText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { authorize, can } from '../../policy.ts';
import { addSpecialism } from './commands/add-specialism.ts';
import { removeSpecialism } from './commands/remove-specialism.ts';
import { type Network, networkFor, networkNav } from './pages.ts';
import { type SpecialismArea, specialismAreas } from './specialisms.ts';
import { isShared, specialismAreaKeys } from './specialisms-domain.ts';
import { findSpecialism, listSpecialisms } from './specialisms-queries.ts';

export const specialismForm = z.object({
  name: requiredText('Enter the name of the specialism', 'Name', 100),
  area: z.enum(specialismAreaKeys, { error: 'Select the area it belongs to' }),
});

const doneMessages: Record<string, string> = { added: 'Specialism added', removed: 'Specialism removed' };

/** The taxonomy grouped by area. Shown whole: it is reference data of a few dozen rows (own additions are capped). */
async function specialismsPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const { rows } = await listSpecialisms(c.var.deps.database.db, network.id);
  const values = form.values ?? {};
  const done = doneMessages[c.req.query('done') ?? ''];
  return render(
    c,
    'specialisms.njk',
    {
      title: 'Specialisms',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      flash: done && status === 200 ? { type: 'success', text: done } : undefined,
      mayManage: can(c.var.actor, 'specialism.manage', { networkId: network.id }),
      groups: specialismAreaKeys.map((area) => ({
        area,
        label: specialismAreas[area],
        rows: rows.filter((r) => r.area === area).map((r) => ({ id: r.id, name: r.name, code: r.code, own: !isShared(r) })),
      })),
      ownCount: rows.filter((r) => !isShared(r)).length,
      areaItems: specialismAreaKeys.map((a) => ({ value: a, text: specialismAreas[a as SpecialismArea], checked: values.area === a })),
      values,
      ...form,
    },
    status,
  );
}

export const specialismPages = new Hono<AppEnv>()
  .get('/networks/:networkId/specialisms', async (c) => {
    signedIn(c);
    return specialismsPage(c, await networkFor(c, 'specialism.view'));
  })
  .post('/networks/:networkId/specialisms', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'specialism.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(specialismForm, body);
    if (!form.ok) return specialismsPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => addSpecialism({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return specialismsPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`/networks/${network.id}/specialisms?done=added`, 303);
  })
  .post('/networks/:networkId/specialisms/:specialismId/remove', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'specialism.manage');
    const { database, mailer, config } = c.var.deps;
    const specialism = await findSpecialism(database.db, c.req.param('specialismId'));
    if (!specialism) throw notFound('Specialism');
    if (specialism.networkId === null) throw forbidden('Shared specialisms are reference data: no network can remove them.');
    // Another network's own specialism: refused and audited there, unless the actor manages that network too.
    await authorize(database.db, actor, 'specialism.manage', { networkId: specialism.networkId });
    if (specialism.networkId !== network.id) throw notFound('Specialism');
    await inTransaction(database, (db) =>
      removeSpecialism({ db, actor, mailer, config }, { networkId: network.id, specialismId: specialism.id }),
    );
    return c.redirect(`/networks/${network.id}/specialisms?done=removed`, 303);
  });
