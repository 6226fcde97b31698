import { Hono } from 'hono';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { addDevelopmentOption } from './commands/add-development-option.ts';
import { adoptDefaultFramework } from './commands/adopt-default-framework.ts';
import { retireLeadershipQuality } from './commands/retire-leadership-quality.ts';
import { saveLeadershipQuality } from './commands/save-leadership-quality.ts';
import { qualityFor } from './feedback360-access.ts';
import { type FeedbackStatus, feedbackStatusLabels } from './feedback360-domain.ts';
import { optionForm, qualityForm } from './feedback360-forms.ts';
import { listOwnFeedback } from './feedback360-queries.ts';
import {
  behaviourList,
  type OptionKind,
  optionKindLabels,
  optionKinds,
  type PathwayStatus,
  pathwayStatuses,
  pathwayStatusLabels,
} from './leadership-domain.ts';
import { listOptions, listPathway, listQualities, type QualityRow } from './leadership-queries.ts';
import { cpdSubnav } from './programmes-nav.ts';

export const leadershipBase = (networkId: string) => `/networks/${networkId}/cpd/leadership`;

const personOf = (c: AppContext) => (c.var.actor?.kind === 'person' ? c.var.actor.personId : null);

export async function hubPage(
  c: AppContext,
  network: Network,
  forms: { quality?: FormState; option?: FormState; start?: FormState } = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.database.db;
  const me = personOf(c);
  const [qualities, options, mine, pathway] = await Promise.all([
    listQualities(db, network.id),
    listOptions(db, network.id),
    me ? listOwnFeedback(db, network.id, me, { page: 1, perPage: 20 }) : { rows: [], total: 0 },
    me ? listPathway(db, network.id, me) : [],
  ]);
  const base = leadershipBase(network.id);
  const qualityName = new Map(qualities.map((q) => [q.id, q.name]));
  const optionValues = forms.option?.values ?? {};
  return render(
    c,
    'leadership.njk',
    {
      title: 'Leadership and 360',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      base,
      mayManage: can(c.var.actor, 'leadership.manage', { networkId: network.id }),
      mayOwn: me != null && can(c.var.actor, 'feedback360.own', { networkId: network.id, personId: me }),
      qualities: qualities.map((q) => ({ ...q, behaviourList: behaviourList(q.behaviours) })),
      optionRows: options.map((o) => [
        { text: o.title },
        { text: optionKindLabels[o.kind as OptionKind] },
        { text: o.qualityId ? (qualityName.get(o.qualityId) ?? 'Any') : 'Any' },
        { text: o.description },
      ]),
      feedbackRows: mine.rows.map((f) => [
        linkCell(`${base}/360/${f.id}`, f.title),
        { text: feedbackStatusLabels[f.status as FeedbackStatus] },
        { text: String(f.answered), format: 'numeric' },
      ]),
      pathway: pathway.map((p) => ({
        ...p,
        kindLabel: optionKindLabels[p.kind as OptionKind],
        statusLabel: pathwayStatusLabels[p.status as PathwayStatus],
        statusItems: pathwayStatuses.map((s) => ({ value: s, text: pathwayStatusLabels[s], selected: s === p.status })),
      })),
      kindItems: [
        { value: '', text: 'Choose a kind' },
        ...optionKinds.map((k) => ({ value: k, text: optionKindLabels[k], selected: optionValues.kind === k })),
      ],
      qualityItems: [
        { value: '', text: 'Any quality' },
        ...qualities.map((q) => ({ value: q.id, text: q.name, selected: optionValues.qualityId === q.id })),
      ],
      flash: c.req.query('done') ? { type: 'success', text: 'Saved' } : undefined,
      qualityForm: { values: {}, ...forms.quality },
      optionForm: { values: {}, ...forms.option },
      startValues: forms.start?.values ?? {},
      startErrors: forms.start?.fieldErrors ?? {},
      errors: [forms.quality, forms.option, forms.start].flatMap((f) => (f?.errors as unknown[]) ?? []),
    },
    status,
  );
}

function qualityPage(c: AppContext, network: Network, quality: QualityRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  return render(
    c,
    'leadership-quality.njk',
    {
      title: `Edit ${quality.name}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      backLink: leadershipBase(network.id),
      quality,
      values: form.values ?? { name: quality.name, behaviours: quality.behaviours },
      ...form,
    },
    status,
  );
}

export const leadershipPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/leadership', async (c) => {
    signedIn(c);
    return hubPage(c, await networkFor(c, 'leadership.view'));
  })
  .post('/networks/:networkId/cpd/leadership/framework/default', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => adoptDefaultFramework({ db, actor, mailer, config }, { networkId: network.id }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return hubPage(c, network, { quality: form }, status);
    }
    return c.redirect(`${leadershipBase(network.id)}?done=framework`, 303);
  })
  .post('/networks/:networkId/cpd/leadership/qualities', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(qualityForm, body);
    if (!form.ok) return hubPage(c, network, { quality: { values: body, ...form } }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => saveLeadershipQuality({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return hubPage(c, network, { quality: { values: body, ...failed } }, status);
    }
    return c.redirect(`${leadershipBase(network.id)}?done=quality`, 303);
  })
  .get('/networks/:networkId/cpd/leadership/qualities/:qualityId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    return qualityPage(c, network, await qualityFor(c, network));
  })
  .post('/networks/:networkId/cpd/leadership/qualities/:qualityId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    const quality = await qualityFor(c, network);
    const body = formFields(await c.req.parseBody());
    const form = validateForm(qualityForm, body);
    if (!form.ok) return qualityPage(c, network, quality, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        saveLeadershipQuality({ db, actor, mailer, config }, { networkId: network.id, quality, ...form.data }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return qualityPage(c, network, quality, { values: body, ...failed }, status);
    }
    return c.redirect(`${leadershipBase(network.id)}?done=quality`, 303);
  })
  .post('/networks/:networkId/cpd/leadership/qualities/:qualityId/retire', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    const quality = await qualityFor(c, network);
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (db) => retireLeadershipQuality({ db, actor, mailer, config }, { quality }));
    return c.redirect(`${leadershipBase(network.id)}?done=retired`, 303);
  })
  .post('/networks/:networkId/cpd/leadership/options', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(optionForm, body);
    if (!form.ok) return hubPage(c, network, { option: { values: body, ...form } }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => addDevelopmentOption({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return hubPage(c, network, { option: { values: body, ...failed } }, status);
    }
    return c.redirect(`${leadershipBase(network.id)}?done=option`, 303);
  });
