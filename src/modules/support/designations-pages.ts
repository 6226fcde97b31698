import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize, can } from '../../policy.ts';
import { leadershipLevelLabels, type Phase, phaseLabels } from '../networks/domain.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import { createDesignation } from './commands/create-designation.ts';
import { updateDesignation } from './commands/update-designation.ts';
import { withdrawDesignation } from './commands/withdraw-designation.ts';
import { designationDetailsForm, newDesignationForm } from './designations-forms.ts';
import { type DesignationRow, findDesignation, listDesignations, membersToDesignate } from './designations-queries.ts';
import { days, formItems, summaryRows, valuesOf } from './designations-view.ts';
import {
  type DesignationKind,
  type DesignationStatus,
  designationKindLabels,
  designationKindShort,
  designationKinds,
  designationStatuses,
  designationStatusLabels,
} from './domain.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 25;
const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  kind: z.enum(designationKinds).optional().catch(undefined),
  status: z.enum(designationStatuses).optional().catch(undefined),
  person: z.string().uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const base = (networkId: string) => `/networks/${networkId}/designations`;

async function newPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [{ rows: specialisms }, people] = await Promise.all([listSpecialisms(db, network.id), membersToDesignate(db, network.id)]);
  const values = form.values ?? {};
  return render(
    c,
    'designation-new.njk',
    {
      title: 'Designate a leader',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      backLink: base(network.id),
      ...formItems(values, specialisms, people),
      values,
      ...form,
    },
    status,
  );
}

async function designationPage(c: AppContext, network: Network, d: DesignationRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const { rows: specialisms } = await listSpecialisms(c.var.deps.database.db, network.id);
  const values = form.values ?? valuesOf(d);
  const mayManage = can(c.var.actor, 'designation.manage', { networkId: network.id });
  return render(
    c,
    'designation.njk',
    {
      title: `${d.fullName}: ${designationKindShort[d.kind as DesignationKind]}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      breadcrumbs: [{ text: 'Designations', href: base(network.id) }, { text: d.fullName }],
      designation: d,
      rows: summaryRows(d),
      mayEdit: mayManage && d.status !== 'withdrawn',
      mayWithdraw: mayManage && d.status === 'active',
      flash: c.req.query('done') === 'saved' && status === 200 ? { type: 'success', text: 'Designation saved' } : undefined,
      ...formItems(values, specialisms),
      values,
      ...form,
    },
    status,
  );
}

/** The designation named in the path; another network's is refused (audited there), unknown is 404. */
async function designationFor(c: AppContext, network: Network, action: 'designation.view' | 'designation.manage') {
  const d = await findDesignation(c.var.deps.database.db, c.req.param('designationId') ?? '');
  if (!d) throw notFound('Designation');
  await authorize(c.var.deps.database.db, c.var.actor, action, { networkId: d.networkId });
  if (d.networkId !== network.id) throw notFound('Designation');
  return d;
}

export const designationPages = new Hono<AppEnv>()
  .get('/networks/:networkId/designations', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'designation.view');
    const query = listQuery.parse(c.req.query());
    const filter = { ...query, personId: query.person };
    const { rows, total } = await listDesignations(c.var.deps.database.db, network.id, filter, { page: query.page, perPage: PER_PAGE });
    const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, base(network.id), {
      q: query.q,
      kind: query.kind,
      status: query.status,
      person: query.person,
    });
    return render(c, 'designations.njk', {
      title: 'Designations',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      query,
      ...paging,
      mayManage: can(c.var.actor, 'designation.manage', { networkId: network.id }),
      kindItems: [
        { value: '', text: 'Any designation' },
        ...designationKinds.map((k) => ({ value: k, text: designationKindLabels[k], selected: query.kind === k })),
      ],
      statusItems: [
        { value: '', text: 'Any status' },
        ...designationStatuses.map((s) => ({ value: s, text: designationStatusLabels[s], selected: query.status === s })),
      ],
      tableRows: rows.map((d) => [
        linkCell(`${base(network.id)}/${d.id}`, d.fullName),
        { text: designationKindShort[d.kind as DesignationKind] },
        { text: phaseLabels[d.phase as Phase] },
        { text: d.leadershipLevel ? leadershipLevelLabels[d.leadershipLevel] : '' },
        { text: d.specialisms.join(', ') },
        { text: days(d.releaseDays) },
        { text: designationStatusLabels[d.status as DesignationStatus] },
      ]),
    });
  })
  .get('/networks/:networkId/designations/new', async (c) => {
    signedIn(c);
    return newPage(c, await networkFor(c, 'designation.manage'));
  })
  .post('/networks/:networkId/designations', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'designation.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(newDesignationForm, body);
    if (!form.ok) return newPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const row = await inTransaction(database, (db) =>
        createDesignation({ db, actor, mailer, config }, { networkId: network.id, ...form.data }),
      );
      return c.redirect(`${base(network.id)}/${row.id}?done=saved`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/designations/:designationId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'designation.view');
    return designationPage(c, network, await designationFor(c, network, 'designation.view'));
  })
  .post('/networks/:networkId/designations/:designationId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'designation.manage');
    const designation = await designationFor(c, network, 'designation.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(designationDetailsForm, body);
    if (!form.ok) return designationPage(c, network, designation, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => updateDesignation({ db, actor, mailer, config }, { ...form.data, designation }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return designationPage(c, network, designation, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/${designation.id}?done=saved`, 303);
  })
  .post('/networks/:networkId/designations/:designationId/withdraw', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'designation.manage');
    const designation = await designationFor(c, network, 'designation.manage');
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => withdrawDesignation({ db, actor, mailer, config }, { designation }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return designationPage(c, network, designation, failed, status);
    }
    return c.redirect(`${base(network.id)}/${designation.id}?done=saved`, 303);
  });
