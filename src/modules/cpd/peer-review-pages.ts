import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { createReviewGroup } from './commands/create-review-group.ts';
import { recordReviewVisit } from './commands/record-review-visit.ts';
import { groupFor, visitFor } from './peer-review-access.ts';
import { actionList, type ReviewFramework, reviewFrameworkAreas, reviewFrameworkLabels, reviewFrameworks } from './peer-review-domain.ts';
import { groupForm, visitForm } from './peer-review-forms.ts';
import { type findVisit, groupMembers, groupVisits, headsToGroup, listGroups, type ReviewGroupRow } from './peer-review-queries.ts';
import { cpdSubnav } from './programmes-nav.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/cpd/peer-review`;
const me = (c: AppContext) => (c.var.actor?.kind === 'person' ? c.var.actor.personId : null);
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

async function listPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const { page } = pageQuery.parse(c.req.query());
  const mayManage = can(c.var.actor, 'peerReview.manage', { networkId: network.id });
  // The admin sees every group (who is in it, never what it finds); a head sees their own groups.
  const { rows, total } = await listGroups(db, network.id, mayManage ? null : me(c), { page, perPage: PER_PAGE });
  const members = await groupMembers(
    db,
    rows.map((g) => g.id),
  );
  const person = me(c);
  const values = form.values ?? {};
  const chosen = new Set([values.memberIds ?? []].flat());
  return render(
    c,
    'peer-review.njk',
    {
      title: 'Heads’ peer review',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      base: base(network.id),
      mayManage,
      ...paginationView({ page, perPage: PER_PAGE, total }, base(network.id), {}),
      groupRows: rows.map((g) => {
        const inGroup = members.filter((m) => m.groupId === g.id);
        const mine = person != null && inGroup.some((m) => m.personId === person);
        return [
          mine ? linkCell(`${base(network.id)}/${g.id}`, g.name) : { text: g.name },
          { text: reviewFrameworkLabels[g.framework as ReviewFramework] },
          { text: inGroup.map((m) => `${m.fullName} (${m.schoolName})`).join('; ') },
        ];
      }),
      frameworkItems: [
        { value: '', text: 'Choose a framework' },
        ...reviewFrameworks.map((f) => ({ value: f, text: reviewFrameworkLabels[f], selected: values.framework === f })),
      ],
      headItems: mayManage
        ? (await headsToGroup(db, network.id)).map((h) => ({
            value: h.id,
            text: `${h.fullName} (${h.schoolName})`,
            checked: chosen.has(h.id),
          }))
        : [],
      values,
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: 'Review group created' } : undefined,
      ...form,
    },
    status,
  );
}

/** The group in the path, for its heads only: anyone else (the admin included) is refused and audited. */
async function visitPage(
  c: AppContext,
  network: Network,
  group: ReviewGroupRow,
  found: NonNullable<Awaited<ReturnType<typeof findVisit>>>,
  form: FormState = {},
  status: 200 | 400 = 200,
) {
  const { visit } = found;
  const values = form.values ?? {
    visitOn: visit.visitOn ?? '',
    focus: visit.focus ?? '',
    findings: visit.findings ?? '',
    agreedActions: visit.agreedActions ?? '',
  };
  return render(
    c,
    'peer-review-visit.njk',
    {
      title: `Review of ${found.schoolName}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      breadcrumbs: [
        { text: 'Heads’ peer review', href: base(network.id) },
        { text: group.name, href: `${base(network.id)}/${group.id}` },
        { text: found.schoolName },
      ],
      action: `${base(network.id)}/${group.id}/visits/${visit.id}`,
      found,
      frameworkLabel: reviewFrameworkLabels[group.framework as ReviewFramework],
      areas: reviewFrameworkAreas[group.framework as ReviewFramework],
      actions: actionList(visit.agreedActions),
      values,
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: 'Visit saved' } : undefined,
      ...form,
    },
    status,
  );
}

export const peerReviewPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/peer-review', async (c) => {
    signedIn(c);
    return listPage(c, await networkFor(c, 'leadership.view'));
  })
  .post('/networks/:networkId/cpd/peer-review', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'peerReview.manage');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(groupForm, body);
    if (!form.ok) return listPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => createReviewGroup({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return listPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}?done=created`, 303);
  })
  .get('/networks/:networkId/cpd/peer-review/:groupId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const { group, members } = await groupFor(c, network);
    const visits = await groupVisits(c.var.deps.database.db, group.id);
    const path = `${base(network.id)}/${group.id}`;
    return render(c, 'peer-review-group.njk', {
      title: group.name,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      breadcrumbs: [{ text: 'Heads’ peer review', href: base(network.id) }, { text: group.name }],
      group,
      frameworkLabel: reviewFrameworkLabels[group.framework as ReviewFramework],
      members,
      visitRows: visits.map((v) => [
        linkCell(`${path}/visits/${v.id}`, `${v.schoolName} (${v.reviewedName})`),
        { text: v.leadName },
        { text: v.visitOn ?? 'Not yet set' },
        { text: v.focus ?? '' },
        { text: v.findings ? 'Recorded' : 'Not yet' },
      ]),
    });
  })
  .get('/networks/:networkId/cpd/peer-review/:groupId/visits/:visitId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const { group } = await groupFor(c, network);
    return visitPage(c, network, group, await visitFor(c, network, group));
  })
  .post('/networks/:networkId/cpd/peer-review/:groupId/visits/:visitId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const { group } = await groupFor(c, network);
    const found = await visitFor(c, network, group);
    const body = formFields(await c.req.parseBody());
    const form = validateForm(visitForm, body);
    if (!form.ok) return visitPage(c, network, group, found, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (db) => recordReviewVisit({ db, actor, mailer, config }, { visit: found.visit, ...form.data }));
    return c.redirect(`${base(network.id)}/${group.id}/visits/${found.visit.id}?done=saved`, 303);
  });
