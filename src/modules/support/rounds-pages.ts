import { Hono } from 'hono';
import { z } from 'zod';
import type { Actor } from '../../kernel/auth/actor.ts';
import { inTransaction } from '../../kernel/commands.ts';
import { todayIso } from '../../kernel/dates.ts';
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
import { applyToRound } from './commands/apply-to-round.ts';
import { createRound } from './commands/create-round.ts';
import { decideApplication } from './commands/decide-application.ts';
import { endorseApplication } from './commands/endorse-application.ts';
import { recordRoundReview } from './commands/record-round-review.ts';
import { recordRoundTraining } from './commands/record-round-training.ts';
import { scoreApplication } from './commands/score-application.ts';
import { designationKindLabels, designationKindShort, designationKinds } from './domain.ts';
import { defaultCriteria, panelResult, roundPhase, trainingKindLabels, trainingKinds } from './rounds-domain.ts';
import { applyForm, decisionForm, endorseForm, newRoundForm, reviewForm, scoreForm, trainingForm } from './rounds-forms.ts';
import {
  type ApplicationDetail,
  findApplication,
  findRound,
  listApplications,
  listRounds,
  type RoundDetail,
  roundReviews,
  roundTrainings,
} from './rounds-queries.ts';
import { applicationRows, applicationTag, roundRows, roundStatusTag } from './rounds-view.ts';
import { supportSubNav } from './support-nav.ts';

const PER_PAGE = 25;
const base = (networkId: string) => `/networks/${networkId}/rounds`;
const list = (v: unknown) => (Array.isArray(v) ? v : v ? [v] : []);
const chrome = (c: AppContext, network: Network) => ({
  currentNetwork: network,
  nav: networkNav(c, network.id),
  subNav: supportSubNav(c, network.id),
});

/** The round named in the path; another network's is refused (audited there), unknown is 404. */
async function roundFor(c: AppContext, network: Network) {
  const round = await findRound(c.var.deps.database.db, c.req.param('roundId') ?? '');
  if (!round) throw notFound('Designation round');
  await authorize(c.var.deps.database.db, c.var.actor, 'round.view', { networkId: round.networkId });
  if (round.networkId !== network.id) throw notFound('Designation round');
  return round;
}

type ApplicationAction = 'application.view' | 'application.endorse' | 'application.score' | 'application.decide';
const subjectOf = (a: { networkId: string; schoolUrn: number; personId: string }) => ({
  networkId: a.networkId,
  schoolUrn: a.schoolUrn,
  personId: a.personId,
});
/** The applicant reads their own application; the panel and their own head read it by their roles. */
const viewAction = (actor: Actor | null, a: { personId: string }) =>
  actor?.kind === 'person' && actor.personId === a.personId ? 'application.own' : 'application.view';

async function applicationFor(c: AppContext, round: RoundDetail, action: ApplicationAction) {
  const db = c.var.deps.database.db;
  const a = await findApplication(db, c.req.param('applicationId') ?? '');
  if (!a || a.roundId !== round.id) throw notFound('Application');
  await authorize(db, c.var.actor, action === 'application.view' ? viewAction(c.var.actor, a) : action, subjectOf(a));
  return a;
}

async function newRoundPage(c: AppContext, network: Network, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const { rows: specialisms } = await listSpecialisms(c.var.deps.database.db, network.id);
  const values = form.values ?? { kind: 'sle', criteria: defaultCriteria.sle.join('\n'), maxScore: '4' };
  const chosen = list(values.specialismIds);
  const chosenPhases = list(values.phases);
  return render(
    c,
    'round-new.njk',
    {
      title: 'Open a designation round',
      ...chrome(c, network),
      backLink: base(network.id),
      values,
      kindItems: designationKinds.map((k) => ({ value: k, text: designationKindLabels[k], selected: values.kind === k })),
      phaseItems: phases.map((p) => ({ value: p, text: phaseLabels[p], checked: chosenPhases.includes(p) })),
      specialismItems: specialisms.map((s) => ({ value: s.id, text: s.name, checked: chosen.includes(s.id) })),
      ...form,
    },
    status,
  );
}

async function roundPage(
  c: AppContext,
  network: Network,
  round: RoundDetail,
  form: FormState & { section?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const db = c.var.deps.database.db;
  const actor = c.var.actor;
  const sees = (a: { networkId: string; schoolUrn: number; personId: string }) => can(actor, viewAction(actor, a), subjectOf(a));
  const mayManage = can(actor, 'round.manage', { networkId: network.id });
  const [applications, trainings, reviews] = await Promise.all([
    listApplications(db, round.id),
    roundTrainings(db, round.id),
    roundReviews(db, round.id),
  ]);
  const visible = applications.filter(sees);
  const designated = applications.filter((a) => a.status === 'designated');
  const phase = roundPhase(round, todayIso());
  const mine = actor?.kind === 'person' ? applications.find((a) => a.personId === actor.personId) : undefined;
  const values = form.values ?? {};
  return render(
    c,
    'round.njk',
    {
      title: round.title,
      ...chrome(c, network),
      breadcrumbs: [{ text: 'Designation rounds', href: base(network.id) }, { text: round.title }],
      round,
      statusTag: roundStatusTag(phase),
      rows: roundRows(round),
      mayApply: phase === 'open' && !mine && can(actor, 'round.apply', { networkId: network.id }),
      mine: mine ? { href: `${base(network.id)}/${round.id}/applications/${mine.id}`, tag: applicationTag(mine.status) } : null,
      applicationRows: visible.map((a) => [
        linkCell(`${base(network.id)}/${round.id}/applications/${a.id}`, a.fullName),
        { text: a.schoolName },
        { text: phaseLabels[a.phase as Phase] },
        { text: a.specialisms.join(', ') },
        { html: `<strong class="govuk-tag ${applicationTag(a.status).classes}">${applicationTag(a.status).text}</strong>` },
      ]),
      mayManage,
      trainings: trainings.map((t) => ({
        ...t,
        kindLabel: trainingKindLabels[t.kind],
        attended: designated.filter((d) => t.attendees.includes(d.id)).map((d) => d.fullName),
      })),
      attendeeItems: designated.map((d) => ({ value: d.id, text: d.fullName, checked: list(values.attendeeIds).includes(d.id) })),
      trainingKindItems: trainingKinds.map((k) => ({ value: k, text: trainingKindLabels[k], checked: (values.kind ?? 'induction') === k })),
      reviews,
      values,
      section: form.section,
      ...form,
    },
    status,
  );
}

async function applyPage(c: AppContext, network: Network, round: RoundDetail, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const { rows: all } = await listSpecialisms(c.var.deps.database.db, network.id);
  const offered = round.specialismIds.length ? all.filter((s) => round.specialismIds.includes(s.id)) : all;
  const values = form.values ?? {};
  const chosen = list(values.specialismIds);
  return render(
    c,
    'round-apply.njk',
    {
      title: `Apply: ${round.title}`,
      ...chrome(c, network),
      backLink: `${base(network.id)}/${round.id}`,
      round,
      kindShort: designationKindShort[round.kind],
      phaseItems: [
        { value: '', text: 'Choose a phase' },
        ...round.phases.map((p) => ({ value: p, text: phaseLabels[p as Phase], selected: values.phase === p })),
      ],
      specialismItems: offered.map((s) => ({ value: s.id, text: s.name, checked: chosen.includes(s.id) })),
      criteria: round.criteria.map((cr) => ({ ...cr, field: `statement-${cr.position}`, value: values[`statement-${cr.position}`] })),
      values,
      ...form,
    },
    status,
  );
}

async function applicationPage(
  c: AppContext,
  network: Network,
  round: RoundDetail,
  a: ApplicationDetail,
  form: FormState = {},
  status: 200 | 400 | 409 = 200,
) {
  const actor = c.var.actor;
  const self = actor?.kind === 'person' && actor.personId === a.personId;
  const subject = subjectOf(a);
  const mayScore = !self && a.status === 'endorsed' && can(actor, 'application.score', subject);
  const mayDecide = can(actor, 'application.decide', subject) && ['submitted', 'endorsed', 'not_endorsed'].includes(a.status);
  const seesPanel = can(actor, 'application.score', subject) || can(actor, 'application.decide', subject);
  const result = panelResult(round.criteria, a.scores);
  const myScores = actor?.kind === 'person' ? a.scores.filter((s) => s.scorerId === actor.personId) : [];
  const values =
    form.values ??
    Object.fromEntries(myScores.map((s) => [`score-${round.criteria.find((cr) => cr.id === s.criterionId)?.position}`, String(s.score)]));
  const done = c.req.query('done');
  return render(
    c,
    'round-application.njk',
    {
      title: `${a.fullName}: ${round.title}`,
      ...chrome(c, network),
      breadcrumbs: [
        { text: 'Designation rounds', href: base(network.id) },
        { text: round.title, href: `${base(network.id)}/${round.id}` },
        { text: a.fullName },
      ],
      application: a,
      round,
      tag: applicationTag(a.status),
      rows: applicationRows(a),
      statements: round.criteria.map((cr) => ({
        title: cr.title,
        text: a.statements.find((s) => s.criterionId === cr.id)?.statement ?? '',
      })),
      mayEndorse: !self && a.status === 'submitted' && can(actor, 'application.endorse', subject),
      mayScore,
      mayDecide,
      panelComplete: result.complete,
      panelRows: seesPanel
        ? round.criteria.map((cr) => {
            const p = result.per.find((x) => x.criterionId === cr.id)!;
            return [
              { text: cr.title },
              { text: p.mean === null ? 'Not scored' : `${p.mean} of ${cr.maxScore}`, format: 'numeric' },
              { text: String(p.scorers), format: 'numeric' },
            ];
          })
        : null,
      panelTotal: `${result.total} of ${result.max}`,
      scoreFields: round.criteria.map((cr) => ({ ...cr, field: `score-${cr.position}`, value: values[`score-${cr.position}`] })),
      designationHref: a.designationId ? `/networks/${network.id}/designations/${a.designationId}` : null,
      flash: status === 200 && done ? { type: 'success', text: done === 'applied' ? 'Application sent' : 'Saved' } : undefined,
      values,
      ...form,
    },
    status,
  );
}

const paging = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1).default(1) });

async function postForm(c: AppContext) {
  return formFields(await c.req.parseBody({ all: true }));
}

export const roundPages = new Hono<AppEnv>()
  .get('/networks/:networkId/rounds', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'round.view');
    const { page } = paging.parse(c.req.query());
    const { rows, total } = await listRounds(c.var.deps.database.db, network.id, { page, perPage: PER_PAGE });
    const today = todayIso();
    return render(c, 'rounds.njk', {
      title: 'Designation rounds',
      ...chrome(c, network),
      ...paginationView({ page, perPage: PER_PAGE, total }, base(network.id), {}),
      mayManage: can(c.var.actor, 'round.manage', { networkId: network.id }),
      tableRows: rows.map((r) => {
        const tag = roundStatusTag(roundPhase(r, today));
        return [
          linkCell(`${base(network.id)}/${r.id}`, r.title),
          { text: designationKindShort[r.kind] },
          { text: r.phases.map((p) => phaseLabels[p as Phase]).join(', ') },
          { text: `${formatDate(r.opensOn)} to ${formatDate(r.closesOn)}` },
          { text: String(r.applications), format: 'numeric' },
          { html: `<strong class="govuk-tag ${tag.classes}">${tag.text}</strong>` },
        ];
      }),
    });
  })
  .get('/networks/:networkId/rounds/new', async (c) => {
    signedIn(c);
    return newRoundPage(c, await networkFor(c, 'round.manage'));
  })
  .post('/networks/:networkId/rounds', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.manage');
    const body = await postForm(c);
    const form = validateForm(newRoundForm, body);
    if (!form.ok) return newRoundPage(c, network, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const round = await inTransaction(database, (db) =>
        createRound({ db, actor, mailer, config }, { networkId: network.id, ...form.data }),
      );
      return c.redirect(`${base(network.id)}/${round.id}`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return newRoundPage(c, network, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/rounds/:roundId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'round.view');
    return roundPage(c, network, await roundFor(c, network));
  })
  .get('/networks/:networkId/rounds/:roundId/apply', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'round.apply');
    return applyPage(c, network, await roundFor(c, network));
  })
  .post('/networks/:networkId/rounds/:roundId/apply', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.apply');
    const round = await roundFor(c, network);
    const body = await postForm(c);
    const form = validateForm(applyForm(round.criteria), body);
    if (!form.ok) return applyPage(c, network, round, { values: body, ...form }, 400);
    const data = form.data as Record<string, unknown> & { phase: Phase; leadershipYears: number; specialismIds: string[] };
    const statements = Object.fromEntries(round.criteria.map((cr) => [cr.id, String(data[`statement-${cr.position}`] ?? '')]));
    const { database, mailer, config } = c.var.deps;
    try {
      const a = await inTransaction(database, (db) =>
        applyToRound(
          { db, actor, mailer, config },
          { round, phase: data.phase, leadershipYears: data.leadershipYears, specialismIds: data.specialismIds, statements },
        ),
      );
      return c.redirect(`${base(network.id)}/${round.id}/applications/${a.id}?done=applied`, 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return applyPage(c, network, round, { values: body, ...failed }, status);
    }
  })
  .get('/networks/:networkId/rounds/:roundId/applications/:applicationId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'round.view');
    const round = await roundFor(c, network);
    return applicationPage(c, network, round, await applicationFor(c, round, 'application.view'));
  })
  .post('/networks/:networkId/rounds/:roundId/applications/:applicationId/endorse', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.view');
    const round = await roundFor(c, network);
    const a = await applicationFor(c, round, 'application.endorse');
    const body = await postForm(c);
    const form = validateForm(endorseForm, body);
    if (!form.ok) return applicationPage(c, network, round, a, { values: body, ...form }, 400);
    const d = form.data;
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        endorseApplication(
          { db, actor, mailer, config },
          d.decision === 'endorse'
            ? { application: a, endorse: true, releaseDays: d.releaseDays, note: d.note }
            : { application: a, endorse: false, note: d.note },
        ),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return applicationPage(c, network, round, a, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/${round.id}/applications/${a.id}?done=saved`, 303);
  })
  .post('/networks/:networkId/rounds/:roundId/applications/:applicationId/score', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.view');
    const round = await roundFor(c, network);
    const a = await applicationFor(c, round, 'application.score');
    const body = await postForm(c);
    const form = validateForm(scoreForm(round.criteria), body);
    if (!form.ok) return applicationPage(c, network, round, a, { values: body, ...form }, 400);
    const data = form.data as Record<string, unknown> & { comment: string | null };
    const scores = Object.fromEntries(round.criteria.map((cr) => [cr.id, Number(data[`score-${cr.position}`])]));
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        scoreApplication({ db, actor, mailer, config }, { application: a, round, scores, comment: data.comment }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return applicationPage(c, network, round, a, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/${round.id}/applications/${a.id}?done=saved`, 303);
  })
  .post('/networks/:networkId/rounds/:roundId/applications/:applicationId/decision', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.view');
    const round = await roundFor(c, network);
    const a = await applicationFor(c, round, 'application.decide');
    const body = await postForm(c);
    const form = validateForm(decisionForm, body);
    if (!form.ok) return applicationPage(c, network, round, a, { values: body, ...form }, 400);
    const d = form.data;
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        decideApplication(
          { db, actor, mailer, config },
          d.decision === 'designate'
            ? { application: a, round, designate: true, feedback: d.feedback }
            : { application: a, round, designate: false, feedback: d.feedback },
        ),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return applicationPage(c, network, round, a, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/${round.id}/applications/${a.id}?done=saved`, 303);
  })
  .post('/networks/:networkId/rounds/:roundId/trainings', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.manage');
    const round = await roundFor(c, network);
    const body = await postForm(c);
    const form = validateForm(trainingForm, body);
    if (!form.ok) return roundPage(c, network, round, { values: body, ...form, section: 'training' }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => recordRoundTraining({ db, actor, mailer, config }, { round, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return roundPage(c, network, round, { values: body, ...failed, section: 'training' }, status);
    }
    return c.redirect(`${base(network.id)}/${round.id}#training`, 303);
  })
  .post('/networks/:networkId/rounds/:roundId/reviews', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'round.manage');
    const round = await roundFor(c, network);
    const body = await postForm(c);
    const form = validateForm(reviewForm, body);
    if (!form.ok) return roundPage(c, network, round, { values: body, ...form, section: 'review' }, 400);
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (db) => recordRoundReview({ db, actor, mailer, config }, { round, ...form.data }));
    return c.redirect(`${base(network.id)}/${round.id}#reviews`, 303);
  });
