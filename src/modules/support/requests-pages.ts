import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { formatDate } from '../../kernel/ui/format.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { authorize, can } from '../../policy.ts';
import { type Phase, phaseLabels, phases } from '../networks/domain.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import { proposeForm, requestForm } from './brokerage-forms.ts';
import { statusTag } from './brokerage-view.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { raiseRequest } from './commands/raise-request.ts';
import { type DeploymentStatus, daysText } from './deployments-domain.ts';
import { designationKindShort } from './domain.ts';
import { type Ranking, rankMatches } from './matching-domain.ts';
import { listOffers } from './offers-queries.ts';
import {
  type RequestKind,
  type RequestStatus,
  requestKindLabels,
  requestKinds,
  requestStatuses,
  requestStatusLabels,
  schoolYearOf,
} from './requests-domain.ts';
import { findRequest, listRequests, matchCandidates, matchRequestOf, memberSchools, type RequestRow } from './requests-queries.ts';
import { reachKmOf } from './settings-queries.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/support/requests`;

/** An admin sees every request; anyone else only their own school's. */
const scopeOf = (c: AppContext, networkId: string) => {
  const actor = signedIn(c);
  if (can(actor, 'request.broker', { networkId })) return undefined;
  return actor.kind === 'person' ? (actor.schoolUrn ?? -1) : undefined;
};

export const requestStatusText = (r: RequestRow) =>
  r.deploymentStatus ? `Deployment ${r.deploymentStatus}` : requestStatusLabels[r.status as RequestStatus];

/** Ranked matches for a request, using the same rules as proposing and the whole allocation. */
export async function rankRequest(c: AppContext, r: RequestRow): Promise<Ranking> {
  const db = c.var.deps.database.db;
  const [candidates, reachKm] = await Promise.all([
    matchCandidates(db, r.networkId, schoolYearOf(r.preferredStartOn), r.specialismId),
    reachKmOf(db, r.networkId),
  ]);
  return rankMatches(await matchRequestOf(db, r), candidates, reachKm);
}

async function newRequestPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const actor = signedIn(c);
  const db = c.var.deps.database.db;
  const broker = can(actor, 'request.broker', { networkId: network.id });
  const [{ rows: specialisms }, { rows: offers }, { rows: schools }] = await Promise.all([
    listSpecialisms(db, network.id),
    listOffers(db, network.id, { page: 1, perPage: 200 }),
    memberSchools(db, network.id),
  ]);
  const ownUrn = actor.kind === 'person' ? actor.schoolUrn : null;
  const offerId = c.req.query('offer');
  const values = form.values ?? { kind: offerId ? 'offer' : 'known_need', offerId, schoolUrn: broker ? '' : String(ownUrn ?? '') };
  const schoolChoices = broker ? schools : schools.filter((s) => s.urn === ownUrn);
  return render(
    c,
    'requests-new.njk',
    {
      title: 'Request support',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      backLink: base(network.id),
      values,
      kindItems: requestKinds.map((k) => ({
        value: k,
        text: requestKindLabels[k],
        checked: values.kind === k,
        hint: { text: kindHints[k] },
      })),
      schoolItems: [
        ...(broker ? [{ value: '', text: 'Choose a school' }] : []),
        ...schoolChoices.map((s) => ({ value: String(s.urn), text: s.name, selected: String(values.schoolUrn) === String(s.urn) })),
      ],
      offerItems: [
        { value: '', text: 'Not from an offer' },
        ...offers.map((o) => ({ value: o.id, text: o.title, selected: values.offerId === o.id })),
      ],
      specialismItems: [
        { value: '', text: 'Choose a specialism' },
        ...specialisms.map((s) => ({ value: s.id, text: s.name, selected: values.specialismId === s.id })),
      ],
      phaseItems: [
        { value: '', text: 'Choose a phase' },
        ...phases.map((p) => ({ value: p, text: phaseLabels[p], selected: values.phase === p })),
      ],
      ...form,
    },
    status,
  );
}
const kindHints: Record<RequestKind, string> = {
  known_need: 'The school knows the specialism it needs',
  diagnostic: 'A one-day review first; its findings become the request',
  offer: 'One of the network’s published offers',
};

async function requestPage(c: AppContext, network: Network, r: RequestRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const broker = can(c.var.actor, 'request.broker', { networkId: network.id });
  const ranking = broker && r.status === 'open' && !r.deploymentId ? await rankRequest(c, r) : null;
  return render(
    c,
    'requests-show.njk',
    {
      title: `Request from ${r.schoolName}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      breadcrumbs: [{ text: 'Requests', href: base(network.id) }, { text: r.schoolName }],
      request: r,
      rows: [
        { key: { text: 'School' }, value: { text: `${r.schoolName} (URN ${r.schoolUrn})` } },
        { key: { text: 'Kind' }, value: { text: requestKindLabels[r.kind as RequestKind] + (r.offerTitle ? `: ${r.offerTitle}` : '') } },
        { key: { text: 'Specialism' }, value: { text: r.specialismName ?? 'To be found by the diagnostic' } },
        { key: { text: 'Phase' }, value: { text: phaseLabels[r.phase as Phase] } },
        { key: { text: 'Objectives' }, value: { text: r.objectives } },
        { key: { text: 'Days' }, value: { text: daysText(r.days) } },
        { key: { text: 'Preferred dates' }, value: { text: `${formatDate(r.preferredStartOn)} to ${formatDate(r.preferredEndOn)}` } },
        { key: { text: 'Status' }, value: { text: requestStatusText(r) } },
        ...(r.findings ? [{ key: { text: 'Diagnostic findings' }, value: { text: r.findings } }] : []),
      ],
      deploymentHref: r.deploymentId ? `/networks/${network.id}/support/deployments/${r.deploymentId}` : null,
      deploymentTag: r.deploymentStatus ? statusTag(r.deploymentStatus as DeploymentStatus) : null,
      ranking,
      matchItems: (ranking?.matches ?? []).map((m, i) => ({
        value: m.candidate.designationId,
        text: `${i + 1}. ${m.candidate.fullName}, ${designationKindShort[m.candidate.kind]}, ${m.candidate.schoolName ?? 'no school'} (score ${m.score})`,
        hint: { text: m.reasons.join('. ') },
        checked: form.values?.designationId === m.candidate.designationId || (!form.values && i === 0),
      })),
      excludedRows: (ranking?.excluded ?? []).map((e) => [{ text: e.candidate.fullName }, { text: e.reasons.join('; ') }]),
      ...form,
    },
    status,
  );
}

async function requestFor(c: AppContext, network: Network, action: 'request.view' | 'request.broker') {
  const r = await findRequest(c.var.deps.database.db, c.req.param('requestId') ?? '');
  if (!r) throw notFound('Request');
  await authorize(c.var.deps.database.db, c.var.actor, action, { networkId: r.networkId, schoolUrn: r.schoolUrn });
  if (r.networkId !== network.id) throw notFound('Request');
  return r;
}

export const requestPages = new Hono<AppEnv>()
  .get('/networks/:networkId/support/requests', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'request.list');
    const query = z
      .object({
        status: z.enum(requestStatuses).optional().catch(undefined),
        page: z.coerce.number().int().min(1).max(100000).catch(1).default(1),
      })
      .parse(c.req.query());
    const { rows, total } = await listRequests(
      c.var.deps.database.db,
      network.id,
      { status: query.status, schoolUrn: scopeOf(c, network.id) },
      { page: query.page, perPage: PER_PAGE },
    );
    return render(c, 'requests.njk', {
      title: 'Requests for support',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subNav: supportSubNav(c, network.id),
      ...paginationView({ page: query.page, perPage: PER_PAGE, total }, base(network.id), { status: query.status }),
      statusItems: [
        { value: '', text: 'Any status' },
        ...requestStatuses.map((s) => ({ value: s, text: requestStatusLabels[s], selected: query.status === s })),
      ],
      tableRows: rows.map((r) => [
        linkCell(`${base(network.id)}/${r.id}`, r.schoolName),
        { text: r.specialismName ?? requestKindLabels[r.kind as RequestKind] },
        { text: phaseLabels[r.phase as Phase] },
        { text: daysText(r.days) },
        { text: formatDate(r.preferredStartOn) },
        { text: requestStatusText(r) },
      ]),
    });
  })
  .get('/networks/:networkId/support/requests/new', async (c) => {
    signedIn(c);
    return newRequestPage(c, await networkFor(c, 'request.list'));
  })
  .post('/networks/:networkId/support/requests', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'request.list');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(requestForm, body);
    if (!form.ok) return newRequestPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    await authorize(database.db, actor, 'request.raise', { networkId: network.id, schoolUrn: form.data.schoolUrn });
    try {
      const r = await inTransaction(database, (db) => raiseRequest({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
      return c.redirect(`${base(network.id)}/${r.id}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newRequestPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/support/requests/:requestId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'request.list');
    return requestPage(c, network, await requestFor(c, network, 'request.view'));
  })
  .post('/networks/:networkId/support/requests/:requestId/propose', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'request.broker');
    const request = await requestFor(c, network, 'request.broker');
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(proposeForm, body);
    if (!form.ok) return requestPage(c, network, request, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const d = await inTransaction(database, (db) =>
        proposeDeployment({ db, actor, mailer, config }, { request, designationId: form.data.designationId }),
      );
      return c.redirect(`/networks/${network.id}/support/deployments/${d.id}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return requestPage(c, network, request, { values: body, ...failed }, status);
    }
  });
