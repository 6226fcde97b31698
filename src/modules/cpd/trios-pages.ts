import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { paginationView } from '../../kernel/ui/pagination.ts';
import { can } from '../../policy.ts';
import { type Phase, phaseLabels, phases } from '../networks/domain.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { listSpecialisms } from '../networks/specialisms-queries.ts';
import { assignTrioSle } from './commands/assign-trio-sle.ts';
import { createProposedTrios } from './commands/create-proposed-trios.ts';
import { evaluateTrio } from './commands/evaluate-trio.ts';
import { recordTrioCycle } from './commands/record-trio-cycle.ts';
import { replaceTrioMember } from './commands/replace-trio-member.ts';
import { signUpForTrio } from './commands/sign-up-for-trio.ts';
import { withdrawTrioSignup } from './commands/withdraw-trio-signup.ts';
import { participantSubject } from './development-policy.ts';
import { cpdSubnav } from './programmes-nav.ts';
import { signupFor, trioFor } from './trios-access.ts';
import { DEFAULT_SLE_DAYS, km, proposeTrios, type TrioCycleKind, trioCycleKindLabels, trioCycleKinds } from './trios-domain.ts';
import { cycleForm, evaluationForm, proposalForm, replaceForm, signupForm, sleForm } from './trios-forms.ts';
import {
  cyclesOf,
  listSignups,
  listTrios,
  membersOf,
  openSignupOf,
  sleCandidates,
  type TrioView,
  trioParticipants,
  unplacedSignups,
} from './trios-queries.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/cpd/trios`;
const me = (c: AppContext) => (c.var.actor?.kind === 'person' ? c.var.actor.personId : null);
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

async function trioListPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const { page } = pageQuery.parse(c.req.query());
  const person = me(c);
  const mayManage = can(c.var.actor, 'trio.manage', { networkId: network.id });
  const [{ rows, total }, { rows: foci }, mine, signups] = await Promise.all([
    listTrios(db, network.id, { page, perPage: PER_PAGE }),
    listSpecialisms(db, network.id),
    person ? openSignupOf(db, network.id, person) : null,
    mayManage ? listSignups(db, network.id, { page: 1, perPage: 200 }) : null,
  ]);
  const members = await membersOf(
    db,
    rows.map((t) => t.id),
  );
  const values = form.values ?? {};
  return render(
    c,
    'trios.njk',
    {
      title: 'Trios',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      base: base(network.id),
      mayManage,
      maySignUp: person != null && can(c.var.actor, 'trio.signup', { networkId: network.id, personId: person }),
      mine,
      ...paginationView({ page, perPage: PER_PAGE, total }, base(network.id), {}),
      trioRows: rows.map((t) => [
        linkCell(`${base(network.id)}/${t.id}`, t.name),
        {
          text: members
            .filter((m) => m.trioId === t.id)
            .map((m) => `${m.fullName} (${m.schoolName})`)
            .join('; '),
        },
        { text: t.sleName ?? 'None yet' },
        { text: String(t.cycles), format: 'numeric' },
        { text: t.status === 'active' ? 'Running' : 'Finished' },
      ]),
      signupRows: (signups?.rows ?? []).map((s) => [
        { text: s.fullName },
        { text: s.schoolName },
        { text: phaseLabels[s.phase as Phase] },
        { text: s.focus },
        { text: s.trioId ? 'In a trio' : 'Waiting' },
      ]),
      phaseItems: [
        { value: '', text: 'Choose a phase' },
        ...phases.map((p) => ({ value: p, text: phaseLabels[p], selected: values.phase === p })),
      ],
      focusItems: [
        { value: '', text: 'Choose a focus' },
        ...foci.map((s) => ({ value: s.id, text: s.name, selected: values.focusId === s.id })),
      ],
      values,
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: 'Saved' } : undefined,
      ...form,
    },
    status,
  );
}

async function proposalPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [signups, sles, { rows: foci }] = await Promise.all([
    unplacedSignups(db, network.id),
    sleCandidates(db, network.id, todayIso()),
    listSpecialisms(db, network.id),
  ]);
  const values = form.values ?? { sleDays: String(DEFAULT_SLE_DAYS) };
  const days = Number(values.sleDays) > 0 ? Number(values.sleDays) : DEFAULT_SLE_DAYS;
  const proposal = proposeTrios(signups, sles, days);
  const names = new Map(
    (await listSignups(db, network.id, { page: 1, perPage: 1000 })).rows.map((s) => [s.id, `${s.fullName} (${s.schoolName})`]),
  );
  const focus = new Map(foci.map((f) => [f.id, f.name]));
  const sleName = new Map(sles.map((s) => [s.designationId, `${s.fullName} (${s.daysLeft} days left)`]));
  return render(
    c,
    'trios-proposal.njk',
    {
      title: 'Propose trios',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      breadcrumbs: [{ text: 'Trios', href: base(network.id) }, { text: 'Propose trios' }],
      base: base(network.id),
      proposalRows: proposal.trios.map((t) => [
        { text: `${focus.get(t.focusId)} (${phaseLabels[t.phase]})` },
        { text: t.signupIds.map((id) => names.get(id)).join('; ') },
        { text: km(t.travel), format: 'numeric' },
        { text: t.sleDesignationId ? sleName.get(t.sleDesignationId)! : 'No SLE with this focus and days left' },
      ]),
      unplaced: proposal.unplaced.map((id) => names.get(id)),
      values,
      ...form,
    },
    status,
  );
}

async function trioPage(
  c: AppContext,
  network: Network,
  trio: TrioView,
  forms: Record<string, FormState> = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.database.db;
  const members = await membersOf(db, [trio.id]);
  const subject = participantSubject(network.id, trioParticipants(trio, members), c.var.actor);
  const mayManage = can(c.var.actor, 'trio.manage', { networkId: network.id });
  const [cycles, waiting, sles] = await Promise.all([
    cyclesOf(db, trio.id),
    mayManage ? unplacedSignups(db, network.id) : [],
    mayManage ? sleCandidates(db, network.id, todayIso()) : [],
  ]);
  const names = mayManage
    ? new Map((await listSignups(db, network.id, { page: 1, perPage: 1000 })).rows.map((s) => [s.id, `${s.fullName} (${s.schoolName})`]))
    : new Map();
  const all = Object.values(forms);
  return render(
    c,
    'trio.njk',
    {
      title: trio.name,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      breadcrumbs: [{ text: 'Trios', href: base(network.id) }, { text: trio.name }],
      base: `${base(network.id)}/${trio.id}`,
      trio,
      phaseLabel: phaseLabels[trio.phase as Phase],
      members,
      cycles: cycles.map((x) => ({ ...x, kindLabel: trioCycleKindLabels[x.kind as TrioCycleKind] })),
      mayRecord: can(c.var.actor, 'trio.record', subject) && trio.status === 'active',
      mayEvaluate: can(c.var.actor, 'trio.record', subject),
      mayManage,
      kindItems: [
        { value: '', text: 'Choose' },
        ...trioCycleKinds.map((k) => ({ value: k, text: trioCycleKindLabels[k], selected: forms.cycle?.values?.kind === k })),
      ],
      memberItems: members.map((m) => ({ value: m.personId, text: m.fullName })),
      waitingItems: [
        { value: '', text: 'Choose' },
        ...waiting
          .filter((s) => s.phase === trio.phase && s.focusId === trio.focusId)
          .map((s) => ({ value: s.id, text: names.get(s.id) ?? s.id })),
      ],
      sleItems: [
        { value: '', text: 'Choose an SLE' },
        ...sles
          .filter((s) => s.specialismIds.includes(trio.focusId))
          .map((s) => ({
            value: s.designationId,
            text: `${s.fullName} (${s.daysLeft} days left)`,
            selected: s.designationId === trio.sleDesignationId,
          })),
      ],
      forms: {
        cycle: { values: {}, ...forms.cycle },
        evaluation: { values: { evaluation: trio.evaluation ?? '' }, ...forms.evaluation },
        replace: { values: {}, ...forms.replace },
        sle: { values: { sleDays: String(trio.sleDays || DEFAULT_SLE_DAYS) }, ...forms.sle },
      },
      errors: all.flatMap((f) => (f.errors as unknown[]) ?? []),
      flash: c.req.query('done') && status === 200 ? { type: 'success', text: 'Saved' } : undefined,
    },
    status,
  );
}

type TrioAction = 'trio.record' | 'trio.manage';
/** One trio form: validate, authorize, run the command, and show the trio again with any message under `key`. */
function trioPost<S extends z.ZodType>(
  action: TrioAction,
  key: string,
  schema: S,
  command: (ctx: Parameters<typeof recordTrioCycle>[0], trio: TrioView, data: z.infer<S>) => Promise<unknown>,
) {
  return async (c: AppContext) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'trio.view');
    const { trio } = await trioFor(c, network, action);
    const body = formFields(await c.req.parseBody());
    const form = validateForm(schema, body);
    if (!form.ok) return trioPage(c, network, trio, { [key]: { values: body, ...form } }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => command({ db, actor, mailer, config }, trio, form.data));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return trioPage(c, network, trio, { [key]: { values: body, ...failed } }, status);
    }
    return c.redirect(`${base(network.id)}/${trio.id}?done=${key}`, 303);
  };
}

export const trioPages = new Hono<AppEnv>()
  .get('/networks/:networkId/cpd/trios', async (c) => {
    signedIn(c);
    return trioListPage(c, await networkFor(c, 'trio.view'));
  })
  .post('/networks/:networkId/cpd/trios/signups', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'trio.signup', { personId: me(c) });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(signupForm, body);
    if (!form.ok) return trioListPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => signUpForTrio({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return trioListPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}?done=signup`, 303);
  })
  .post('/networks/:networkId/cpd/trios/signups/:signupId/withdraw', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'trio.view');
    const { database, mailer, config } = c.var.deps;
    const signup = await signupFor(c, network);
    try {
      await inTransaction(database, (db) => withdrawTrioSignup({ db, actor, mailer, config }, { signup }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return trioListPage(c, network, form, status);
    }
    return c.redirect(`${base(network.id)}?done=withdrawn`, 303);
  })
  .get('/networks/:networkId/cpd/trios/proposal', async (c) => {
    signedIn(c);
    return proposalPage(c, await networkFor(c, 'trio.manage'));
  })
  .post('/networks/:networkId/cpd/trios/proposal', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'trio.manage');
    const body = formFields(await c.req.parseBody());
    const form = validateForm(proposalForm, body);
    if (!form.ok) return proposalPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        createProposedTrios({ db, actor, mailer, config }, { networkId: network.id, sleDays: form.data.sleDays }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return proposalPage(c, network, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}?done=created`, 303);
  })
  .get('/networks/:networkId/cpd/trios/:trioId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'trio.view');
    const { trio } = await trioFor(c, network, 'trio.view');
    return trioPage(c, network, trio);
  })
  .post(
    '/networks/:networkId/cpd/trios/:trioId/cycles',
    trioPost('trio.record', 'cycle', cycleForm, (ctx, trio, d) => recordTrioCycle(ctx, { trio, ...d })),
  )
  .post(
    '/networks/:networkId/cpd/trios/:trioId/evaluation',
    trioPost('trio.record', 'evaluation', evaluationForm, (ctx, trio, d) => evaluateTrio(ctx, { trio, ...d })),
  )
  .post(
    '/networks/:networkId/cpd/trios/:trioId/members',
    trioPost('trio.manage', 'replace', replaceForm, (ctx, trio, d) => replaceTrioMember(ctx, { trio, ...d })),
  )
  .post(
    '/networks/:networkId/cpd/trios/:trioId/sle',
    trioPost('trio.manage', 'sle', sleForm, (ctx, trio, d) => assignTrioSle(ctx, { trio, ...d })),
  );
