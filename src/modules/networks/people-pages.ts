import { stringify } from 'csv-stringify/sync';
import { Hono } from 'hono';
import { z } from 'zod';
import { type Role, roleLabels, roles } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { can } from '../../policy.ts';
import { createPerson } from './commands/create-person.ts';
import { exportPeople } from './commands/export-people.ts';
import { grantRole } from './commands/grant-role.ts';
import { revokeRole } from './commands/revoke-role.ts';
import { type LeadershipLevel, leadershipLevelLabels, leadershipLevels } from './domain.ts';
import { type Network, networkFor, networkNav } from './pages.ts';
import { addingChoices, authorizeAdding, schoolOfNewPerson } from './people-access.ts';
import { roleOptions } from './people-domain.ts';
import { personForm, rolesForm } from './people-forms.ts';
import { findPersonInNetwork, listPeople, type PersonRow, schoolsOfMembers } from './people-queries.ts';

const PER_PAGE = 25;

const listQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(roles).optional().catch(undefined),
  school: z.coerce.number().int().positive().max(99999999).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
});

const roleText = (list: readonly Role[]) => list.map((r) => roleLabels[r]).join(', ');
const schoolText = (p: { schoolName: string | null; schoolUrn: number | null }) =>
  p.schoolUrn ? `${p.schoolName ?? 'Unknown school'} (URN ${p.schoolUrn})` : 'None';

function personPage(c: AppContext, network: Network, person: PersonRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const base = `/networks/${network.id}/people`;
  const held = (form.values?.roles as Role[] | undefined) ?? person.roles;
  return render(
    c,
    'person.njk',
    {
      title: person.fullName,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      breadcrumbs: [{ text: 'People', href: base }, { text: person.fullName }],
      person,
      rows: [
        { key: { text: 'Name' }, value: { text: person.fullName } },
        { key: { text: 'Email' }, value: { text: person.email } },
        { key: { text: 'School' }, value: { text: schoolText(person) } },
        { key: { text: 'Job title' }, value: { text: person.jobTitle ?? 'Not given' } },
        {
          key: { text: 'Leadership level' },
          value: { text: person.leadershipLevel ? leadershipLevelLabels[person.leadershipLevel as LeadershipLevel] : 'Not given' },
        },
        { key: { text: 'Roles in this network' }, value: { text: roleText(person.roles) } },
      ],
      mayManage: can(c.var.actor, 'membership.manage', { networkId: network.id }),
      mayExportData: can(c.var.actor, 'privacy.export', { networkId: network.id }),
      mayErase: can(c.var.actor, 'privacy.erase', { networkId: network.id, personId: person.id }),
      roleItems: roles.map((r) => ({ value: r, text: roleLabels[r], checked: held.includes(r) })),
      ...form,
    },
    status,
  );
}

function newPersonPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const choices = addingChoices(c.var.actor, 'person.create', network.id);
  const values = form.values ?? {};
  return render(
    c,
    'person-new.njk',
    {
      title: 'Add a person',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      backLink: `/networks/${network.id}/people`,
      ...choices,
      roleItems: [{ value: '', text: 'Choose a role' }, ...roleOptions(choices.allowedRoles, values.role as string)],
      levelItems: [
        { value: '', text: 'Not given' },
        ...leadershipLevels.map((l) => ({ value: l, text: leadershipLevelLabels[l], selected: values.leadershipLevel === l })),
      ],
      values,
      ...form,
    },
    status,
  );
}

export const peoplePages = new Hono<AppEnv>()
  .get('/networks/:networkId/people', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'person.list');
    const db = c.var.deps.database.db;
    const query = listQuery.parse(c.req.query());
    const filter = { q: query.q, role: query.role, schoolUrn: query.school };
    const [{ rows, total }, schoolList] = await Promise.all([
      listPeople(db, network.id, filter, { page: query.page, perPage: PER_PAGE }),
      schoolsOfMembers(db, network.id),
    ]);
    const base = `/networks/${network.id}/people`;
    const paging = paginationView({ page: query.page, perPage: PER_PAGE, total }, base, {
      q: query.q,
      role: query.role,
      school: query.school,
    });
    return render(c, 'people.njk', {
      title: 'People',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      query,
      ...paging,
      roleItems: [{ value: '', text: 'Any role' }, ...roleOptions(roles, query.role)],
      schoolItems: [
        { value: '', text: 'Any school' },
        ...schoolList.map((s) => ({ value: String(s.urn), text: s.name, selected: s.urn === query.school })),
      ],
      tableRows: rows.map((p) => [
        linkCell(`${base}/${p.id}`, p.fullName),
        { text: p.schoolName ?? '' },
        { text: p.jobTitle ?? '' },
        { text: roleText(p.roles) },
      ]),
      mayAdd: can(c.var.actor, 'person.create', {
        networkId: network.id,
        schoolUrn: c.var.actor?.kind === 'person' ? c.var.actor.schoolUrn : null,
      }),
      mayInvite: can(c.var.actor, 'invitation.create', {
        networkId: network.id,
        schoolUrn: c.var.actor?.kind === 'person' ? c.var.actor.schoolUrn : null,
      }),
      mayListInvitations: can(c.var.actor, 'invitation.list', { networkId: network.id }),
      mayExport: can(c.var.actor, 'person.export', { networkId: network.id }),
    });
  })
  .get('/networks/:networkId/people.csv', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'person.export');
    const { database, mailer, config } = c.var.deps;
    const rows = await inTransaction(database, (db) => exportPeople({ db, actor, mailer, config }, { networkId: network.id }));
    const csv = stringify(
      rows.map((p) => [
        p.fullName,
        p.email,
        p.schoolUrn ?? '',
        p.schoolName ?? '',
        p.jobTitle ?? '',
        p.leadershipLevel ? leadershipLevelLabels[p.leadershipLevel as LeadershipLevel] : '',
        roleText(p.roles),
      ]),
      {
        header: true,
        columns: ['Name', 'Email', 'School URN', 'School', 'Job title', 'Leadership level', 'Roles'],
        // A cell starting with = + - @ would run as a formula in a spreadsheet.
        escape_formulas: true,
        bom: true,
      },
    );
    return c.body(csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="people-${todayIso()}.csv"`,
      'Cache-Control': 'no-store',
    });
  })
  .get('/networks/:networkId/people/new', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'person.create', { schoolUrn: actor.kind === 'person' ? actor.schoolUrn : null });
    return newPersonPage(c, network);
  })
  .post('/networks/:networkId/people', async (c) => {
    const actor = signedIn(c);
    // May the actor add anyone at all? The exact check, on the person's school and role, follows validation.
    const network = await networkFor(c, 'person.create', { schoolUrn: actor.kind === 'person' ? actor.schoolUrn : null });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(personForm, body);
    if (!form.ok) return newPersonPage(c, network, { values: body, ...form }, 400);
    const input = {
      ...form.data,
      networkId: network.id,
      schoolUrn: schoolOfNewPerson(actor, 'person.create', network.id, form.data.schoolUrn),
    };
    const { database, mailer, config } = c.var.deps;
    await authorizeAdding(database.db, actor, 'person.create', network.id, input);
    try {
      const { personId } = await inTransaction(database, (db) => createPerson({ db, actor, mailer, config }, input));
      return c.redirect(`/networks/${network.id}/people/${personId}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newPersonPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/people/:personId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'person.view');
    const person = await findPersonInNetwork(c.var.deps.database.db, network.id, c.req.param('personId'));
    if (!person) throw notFound('Person');
    return personPage(c, network, person);
  })
  .post('/networks/:networkId/people/:personId/roles', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'membership.manage');
    const { database, mailer, config } = c.var.deps;
    const person = await findPersonInNetwork(database.db, network.id, c.req.param('personId'));
    if (!person) throw notFound('Person');
    // `all`: several ticked boxes arrive as an array.
    const form = validateForm(rolesForm, formFields(await c.req.parseBody({ all: true })));
    if (!form.ok) return personPage(c, network, person, form, 400);
    const wanted = form.data.roles;
    try {
      await inTransaction(database, async (db) => {
        const ctx = { db, actor, mailer, config };
        for (const role of wanted.filter((r) => !person.roles.includes(r)))
          await grantRole(ctx, { networkId: network.id, personId: person.id, role });
        for (const role of person.roles.filter((r) => !wanted.includes(r)))
          await revokeRole(ctx, { networkId: network.id, personId: person.id, role });
      });
    } catch (err) {
      const { form: failed } = commandFormErrors(err);
      return personPage(c, network, person, { values: { roles: wanted }, ...failed }, 409);
    }
    const base = `/networks/${network.id}/people`;
    return c.redirect(wanted.length > 0 ? `${base}/${person.id}` : base, 303);
  });
