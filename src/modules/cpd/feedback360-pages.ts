import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { addPathwayItem } from './commands/add-pathway-item.ts';
import { answerFeedback360, feedbackClosed, linkUnknown, linkUsed } from './commands/answer-feedback360.ts';
import { closeFeedback360 } from './commands/close-feedback360.ts';
import { inviteFeedback360Rater } from './commands/invite-feedback360-rater.ts';
import { saveSelfRating } from './commands/save-self-rating.ts';
import { startFeedback360 } from './commands/start-feedback360.ts';
import { updatePathwayItem } from './commands/update-pathway-item.ts';
import { feedbackFor, me, pathwayItemFor } from './feedback360-access.ts';
import { comparisonChart } from './feedback360-chart.ts';
import {
  compareScores,
  type FeedbackStatus,
  feedbackStatusLabels,
  MIN_RATERS,
  priorities,
  type RaterRelationship,
  raterRelationshipLabels,
  raterRelationships,
  reportAvailability,
  scale,
  scaleLabels,
  suggestOptions,
} from './feedback360-domain.ts';
import { commentField, pathwayAddForm, pathwayStatusForm, raterForm, scoresFromForm, startForm } from './feedback360-forms.ts';
import {
  countAnswers,
  type FeedbackRow,
  findFeedback,
  findRaterByToken,
  listRaters,
  othersScores,
  selfScores,
} from './feedback360-queries.ts';
import { behaviourList, type OptionKind, optionKindLabels } from './leadership-domain.ts';
import { hubPage, leadershipBase } from './leadership-pages.ts';
import { listOptions, listPathway, listQualities, type QualityRow } from './leadership-queries.ts';
import { cpdSubnav } from './programmes-nav.ts';

const feedbackBase = (f: FeedbackRow) => `${leadershipBase(f.networkId)}/360/${f.id}`;

/** The leader's own 360 named in the path: anyone else is refused (audited), unknown is 404. */
/** Radios for each quality of the framework, named `score-<id>`, for the leader and the raters alike. */
function ratingItems(qualities: QualityRow[], chosen: Map<string, number> | Record<string, unknown>) {
  const get = (id: string) => (chosen instanceof Map ? chosen.get(id) : Number((chosen as Record<string, unknown>)[`score-${id}`]));
  return qualities.map((q) => ({
    id: q.id,
    name: q.name,
    behaviours: behaviourList(q.behaviours),
    items: scale.map((n) => ({ value: String(n), text: `${n} – ${scaleLabels[n]}`, checked: get(q.id) === n })),
  }));
}

async function feedbackPage(c: AppContext, network: Network, f: FeedbackRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [qualities, self, raters, answered] = await Promise.all([
    listQualities(db, network.id),
    selfScores(db, f.id),
    listRaters(db, f.id),
    countAnswers(db, f.id),
  ]);
  const values = form.values ?? {};
  return render(
    c,
    'feedback360.njk',
    {
      title: f.title,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: cpdSubnav(c, network.id),
      breadcrumbs: [{ text: 'Leadership and 360', href: leadershipBase(network.id) }, { text: f.title }],
      feedback: f,
      base: feedbackBase(f),
      statusLabel: feedbackStatusLabels[f.status as FeedbackStatus],
      ratings: ratingItems(qualities, form.values && f.status === 'self_rating' ? values : self),
      raterRows: raters.map((r) => [
        { text: r.email },
        { text: raterRelationshipLabels[r.relationship as RaterRelationship] },
        { text: r.responded ? 'Answered' : 'Invited' },
      ]),
      relationshipItems: [
        { value: '', text: 'Choose' },
        ...raterRelationships.map((r) => ({ value: r, text: raterRelationshipLabels[r], selected: values.relationship === r })),
      ],
      answered,
      minRaters: MIN_RATERS,
      availability: reportAvailability(answered),
      flash: c.req.query('done') === 'invited' && status === 200 ? { type: 'success', text: 'Invitation sent' } : undefined,
      values,
      ...form,
    },
    status,
  );
}

async function reportPage(c: AppContext, network: Network, f: FeedbackRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const answered = await countAnswers(db, f.id);
  const availability = reportAvailability(answered);
  const view = {
    title: `Report: ${f.title}`,
    currentNetwork: network,
    nav: networkNav(c, network.id),
    subnav: cpdSubnav(c, network.id),
    breadcrumbs: [
      { text: 'Leadership and 360', href: leadershipBase(network.id) },
      { text: f.title, href: feedbackBase(f) },
      { text: 'Report' },
    ],
    feedback: f,
    availability,
    answered,
    minRaters: MIN_RATERS,
    ...form,
  };
  if (!availability.ready) return render(c, 'feedback360-report.njk', view, status);
  const [qualities, self, others, menu, pathway] = await Promise.all([
    listQualities(db, network.id),
    selfScores(db, f.id),
    othersScores(db, f.id),
    listOptions(db, network.id),
    listPathway(db, network.id, f.leaderId),
  ]);
  // Qualities since retired still appear when they were rated in this 360.
  const rated = qualities.filter((q) => self.has(q.id) || others.scores.has(q.id));
  const results = compareScores(rated, self, others.scores);
  const why = new Map(priorities(results).map((p) => [p.qualityId, p.reason]));
  const inPathway = new Set(pathway.map((p) => p.optionId));
  const qualityName = new Map(rated.map((q) => [q.id, q.name]));
  return render(
    c,
    'feedback360-report.njk',
    {
      ...view,
      chart: comparisonChart(results),
      tableRows: results.map((r) => [
        { text: r.name },
        { text: r.self == null ? '–' : String(r.self), format: 'numeric' },
        { text: r.others == null ? '–' : r.others.toFixed(1), format: 'numeric' },
        { text: r.gap == null ? '–' : (r.gap > 0 ? '+' : '') + r.gap.toFixed(1), format: 'numeric' },
      ]),
      comments: others.comments,
      suggestions: suggestOptions(results, menu).map((o) => ({
        ...o,
        kindLabel: optionKindLabels[o.kind as OptionKind],
        because: o.qualityId
          ? `${why.get(o.qualityId) === 'blind_spot' ? 'You rate yourself higher than others do on' : 'Others rate you lowest on'} ${qualityName.get(o.qualityId)}`
          : 'Open to any leader',
        inPathway: inPathway.has(o.id),
      })),
    },
    status,
  );
}

const respondQuery = z.object({ token: z.string().min(20).max(200) });

async function raterFormPage(c: AppContext, token: string, form: FormState = {}, status: 200 | 400 = 200) {
  const db = c.var.deps.database.db;
  const found = await findRaterByToken(db, token);
  if (!found) throw linkUnknown();
  if (found.rater.respondedAt) throw linkUsed();
  if (found.feedback.status === 'closed') throw feedbackClosed();
  const qualities = await listQualities(db, found.feedback.networkId);
  return render(
    c,
    'feedback360-respond.njk',
    {
      title: `Feedback for ${found.leaderName}`,
      token,
      leaderName: found.leaderName,
      relationshipLabel: raterRelationshipLabels[found.rater.relationship as RaterRelationship].toLowerCase(),
      ratings: ratingItems(qualities, form.values ?? {}),
      values: form.values ?? {},
      ...form,
    },
    status,
  );
}

/** A spent or unknown link: a page that says so plainly, never the form again. */
function linkRefusal(c: AppContext, err: HttpError) {
  return render(c, 'feedback360-link.njk', { title: err.title, detail: err.detail }, err.status as 404 | 409);
}

export const feedback360Pages = new Hono<AppEnv>()
  .post('/networks/:networkId/cpd/leadership/360', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(startForm, body);
    if (!form.ok) return hubPage(c, network, { start: { values: body, ...form } }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      const f = await inTransaction(database, (db) =>
        startFeedback360({ db, actor, mailer, config }, { networkId: network.id, title: form.data.title }),
      );
      return c.redirect(feedbackBase(f), 303);
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return hubPage(c, network, { start: { values: body, ...failed } }, status);
    }
  })
  .get('/networks/:networkId/cpd/leadership/360/:feedbackId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    return feedbackPage(c, network, await feedbackFor(c, network));
  })
  .post('/networks/:networkId/cpd/leadership/360/:feedbackId/self', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const feedback = await feedbackFor(c, network);
    const body = formFields(await c.req.parseBody());
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => saveSelfRating({ db, actor, mailer, config }, { feedback, scores: scoresFromForm(body) }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return feedbackPage(c, network, feedback, { values: body, ...form }, status);
    }
    return c.redirect(feedbackBase(feedback), 303);
  })
  .post('/networks/:networkId/cpd/leadership/360/:feedbackId/raters', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const feedback = await feedbackFor(c, network);
    const body = formFields(await c.req.parseBody());
    const form = validateForm(raterForm, body);
    if (!form.ok) return feedbackPage(c, network, feedback, { values: body, ...form }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        inviteFeedback360Rater(
          { db, actor, mailer, config },
          { feedback, leaderName: actor.kind === 'person' ? actor.name : 'A leader', ...form.data },
        ),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return feedbackPage(c, network, feedback, { values: body, ...failed }, status);
    }
    return c.redirect(`${feedbackBase(feedback)}?done=invited`, 303);
  })
  .post('/networks/:networkId/cpd/leadership/360/:feedbackId/close', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const feedback = await feedbackFor(c, network);
    const { database, mailer, config } = c.var.deps;
    await inTransaction(database, (db) => closeFeedback360({ db, actor, mailer, config }, { feedback }));
    return c.redirect(feedbackBase(feedback), 303);
  })
  .get('/networks/:networkId/cpd/leadership/360/:feedbackId/report', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    return reportPage(c, network, await feedbackFor(c, network));
  })
  .post('/networks/:networkId/cpd/leadership/pathway', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
    const body = formFields(await c.req.parseBody());
    const form = validateForm(pathwayAddForm, body);
    if (!form.ok) return hubPage(c, network, { option: { values: body, ...form } }, 400);
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => addPathwayItem({ db, actor, mailer, config }, { networkId: network.id, ...form.data }));
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      const feedback = form.data.feedbackId ? await findFeedback(database.db, form.data.feedbackId) : null;
      if (feedback && feedback.leaderId === me(c) && feedback.networkId === network.id)
        return reportPage(c, network, feedback, failed, status);
      return hubPage(c, network, { option: { values: body, ...failed } }, status);
    }
    return c.redirect(`${leadershipBase(network.id)}?done=pathway`, 303);
  })
  .post('/networks/:networkId/cpd/leadership/pathway/:itemId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'leadership.view');
    const { database, mailer, config } = c.var.deps;
    const item = await pathwayItemFor(c, network);
    const form = validateForm(pathwayStatusForm, formFields(await c.req.parseBody()));
    if (!form.ok) return hubPage(c, network, { option: form }, 400);
    await inTransaction(database, (db) => updatePathwayItem({ db, actor, mailer, config }, { item, status: form.data.status }));
    return c.redirect(`${leadershipBase(network.id)}?done=pathway`, 303);
  })
  // The rater's link opens a form (no sign-in); mail scanners following the link spend nothing.
  .get('/feedback360/respond', async (c) => {
    const query = respondQuery.safeParse(c.req.query());
    try {
      if (!query.success) throw linkUnknown();
      return await raterFormPage(c, query.data.token);
    } catch (err) {
      if (err instanceof HttpError && (err.status === 404 || err.status === 409)) return linkRefusal(c, err);
      throw err;
    }
  })
  .post('/feedback360/respond', async (c) => {
    const body = formFields(await c.req.parseBody());
    const token = typeof body.token === 'string' ? body.token : '';
    const comment = commentField.safeParse(body.comment);
    const { database, mailer, config } = c.var.deps;
    try {
      if (!comment.success)
        return await raterFormPage(c, token, { values: body, ...validateForm(z.object({ comment: commentField }), body) }, 400);
      await inTransaction(database, (db) =>
        answerFeedback360({ db, mailer, config }, { token, scores: scoresFromForm(body), comment: comment.data }),
      );
    } catch (err) {
      if (err instanceof HttpError && (err.status === 404 || err.status === 409)) return linkRefusal(c, err);
      const { form } = commandFormErrors(err);
      return raterFormPage(c, token, { values: body, ...form }, 400);
    }
    return render(c, 'feedback360-thanks.njk', { title: 'Thank you for your feedback' });
  });
