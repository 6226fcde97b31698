import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formErrors, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { areaBase, areaPage } from './cohorts-access.ts';
import { saveFrameworkVersion } from './commands/save-framework.ts';
import { type FrameworkContent, nextStandardCode, withStandardAdded, withStandardRemoved } from './framework-domain.ts';
import { ctxOf, frameworkFor } from './framework-pages.ts';
import { contentOf, type LoadedFramework } from './framework-queries.ts';

// Adding and removing standards: each change saves a new version of the framework (cohorts keep theirs).

const NEW_GROUP = 'new';

const standardForm = z
  .object({
    group: z.string({ error: 'Choose a group' }).min(1, 'Choose a group'),
    newGroup: z.string().trim().max(200, 'The group name must be 200 characters or fewer').default(''),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,10}$/, 'Enter a code of up to 10 letters, numbers, dots or dashes, such as S11'),
    title: z.string().trim().min(1, 'Enter the title').max(200, 'The title must be 200 characters or fewer'),
    description: z.string().trim().max(2000, 'The description must be 2000 characters or fewer').default(''),
  })
  .refine((v) => v.group !== NEW_GROUP || v.newGroup !== '', { path: ['newGroup'], message: 'Enter the name of the new group' });

async function save(c: AppContext, network: Network, content: FrameworkContent, changeNote: string) {
  await inTransaction(c.var.deps.database, (db) => saveFrameworkVersion(ctxOf(c)(db), { networkId: network.id, content, changeNote }));
}

function newStandardPage(c: AppContext, network: Network, framework: LoadedFramework, form: FormState = {}, status: 200 | 400 = 200) {
  const values = (form.values ?? { code: nextStandardCode(contentOf(framework)) }) as Record<string, string>;
  return render(
    c,
    'lp-framework-standard-new.njk',
    {
      title: 'Add a standard',
      ...areaPage(c, network, 'framework'),
      backLink: `${areaBase(network.id)}/framework`,
      framework,
      groupItems: [
        ...framework.groups.map((g) => ({ value: g.name, text: g.name, checked: values.group === g.name })),
        { value: NEW_GROUP, text: 'A new group', checked: values.group === NEW_GROUP },
      ],
      values,
      ...form,
    },
    status,
  );
}

function removePage(c: AppContext, network: Network, framework: LoadedFramework, form: FormState = {}, status: 200 | 400 = 200) {
  const standard = framework.standards.find((s) => s.code === c.req.param('code'));
  if (!standard) throw notFound('Standard');
  return render(
    c,
    'lp-framework-standard-remove.njk',
    {
      title: `Remove ${standard.code}`,
      ...areaPage(c, network, 'framework'),
      backLink: `${areaBase(network.id)}/framework`,
      framework,
      standard,
      action: `${areaBase(network.id)}/framework/standards/${encodeURIComponent(standard.code)}/remove`,
      ...form,
    },
    status,
  );
}

export const frameworkStandardPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/framework/standards/new', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.manage');
    return newStandardPage(c, network, await frameworkFor(c, network));
  })
  .post('/networks/:networkId/accreditation/framework/standards', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.manage');
    const framework = await frameworkFor(c, network);
    const fields = formFields(await c.req.parseBody());
    const parsed = validateForm(standardForm, fields);
    if (!parsed.ok) return newStandardPage(c, network, framework, { ...parsed, values: fields }, 400);
    const { group, newGroup, code, title, description } = parsed.data;
    if (framework.standards.some((s) => s.code.toLowerCase() === code.toLowerCase()))
      return newStandardPage(
        c,
        network,
        framework,
        { ...formErrors([{ path: 'code', message: `${code} is taken: choose another code` }]), values: fields },
        400,
      );
    const content = withStandardAdded(contentOf(framework), group === NEW_GROUP ? newGroup : group, { code, title, description });
    try {
      await save(c, network, content, `Added ${code} ${title}`);
    } catch (err) {
      const refused = commandFormErrors(err);
      return newStandardPage(c, network, framework, { ...refused.form, values: fields }, 400);
    }
    return c.redirect(`${areaBase(network.id)}/framework?done=saved`, 303);
  })
  .get('/networks/:networkId/accreditation/framework/standards/:code/remove', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.manage');
    return removePage(c, network, await frameworkFor(c, network));
  })
  .post('/networks/:networkId/accreditation/framework/standards/:code/remove', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpFramework.manage');
    const framework = await frameworkFor(c, network);
    const standard = framework.standards.find((s) => s.code === c.req.param('code'));
    if (!standard) throw notFound('Standard');
    try {
      await save(c, network, withStandardRemoved(contentOf(framework), standard.code), `Removed ${standard.code} ${standard.title}`);
    } catch (err) {
      // Typically the pass rule would ask for more standards than remain: say so, and where to change it.
      const refused = commandFormErrors(err);
      const reasons = (refused.form.errors ?? []).map((e) => ({ path: 'main-content', message: e.text }));
      return removePage(c, network, framework, formErrors(reasons), 400);
    }
    return c.redirect(`${areaBase(network.id)}/framework?done=saved`, 303);
  });
