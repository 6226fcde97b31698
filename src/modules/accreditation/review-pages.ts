import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { inTransaction } from '../../kernel/commands.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { commandFormErrors, type FormState, formFields, optionalText, requiredText, validateForm } from '../../kernel/http/forms.ts';
import { render } from '../../kernel/http/render.ts';
import { linkCell } from '../../kernel/ui/html.ts';
import { sendUpload } from '../../kernel/uploads/download.ts';
import { authorize, can } from '../../policy.ts';
import { type Network, networkFor, networkNav } from '../networks/pages.ts';
import { evidenceView } from './assessment-pages.ts';
import { findCandidate, portfolioEvidence } from './assessment-queries.ts';
import { areaNav } from './cohorts-access.ts';
import { completePeerReview } from './commands/complete-peer-review.ts';
import { confirmPeerReviews } from './commands/confirm-peer-reviews.ts';
import { findAttachment } from './portfolio-queries.ts';
import {
  checklistAnswerLabels,
  checklistAnswers,
  checklistKeys,
  checklistQuestions,
  type Pairing,
  proposePairings,
  reviewStatusLabels,
  sameSchoolPairs,
} from './review-domain.ts';
import {
  type CohortRow,
  candidaciesOf,
  cohortCandidates,
  cohortReviews,
  findCohort,
  findReview,
  type ReviewRow,
  reviewsOfCandidates,
} from './review-queries.ts';
import { lpCohorts } from './schema.ts';

const base = (networkId: string) => `/networks/${networkId}/accreditation`;

const reviewForm = z.object({
  ...Object.fromEntries(checklistQuestions.map((q) => [q.key, z.enum(checklistAnswers, { error: `Answer “${q.text}”` })])),
  strengths: requiredText('Say what the portfolio does well', 'Strengths', 5000),
  suggestions: optionalText('Suggestions', 5000),
}) as unknown as z.ZodType<
  Record<(typeof checklistKeys)[number], (typeof checklistAnswers)[number]> & { strengths: string; suggestions: string | null }
>;

// ---- The manager's pairings for a cohort ----

export async function cohortFor(c: AppContext, network: Network) {
  const cohort = await findCohort(c.var.deps.database.db, c.req.param('cohortId') ?? '');
  if (!cohort) throw notFound('Cohort');
  await authorize(c.var.deps.database.db, c.var.actor, 'lpOutcome.manage', { networkId: cohort.networkId });
  if (cohort.networkId !== network.id) throw notFound('Cohort');
  return cohort;
}

async function pairingsPage(c: AppContext, network: Network, cohort: CohortRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const [candidates, reviews] = await Promise.all([cohortCandidates(db, cohort.id), cohortReviews(db, cohort.id)]);
  const current = new Map(reviews.map((r) => [r.reviewerId, r.revieweeId]));
  const proposal = new Map(proposePairings(candidates).map((p) => [p.reviewerId, p.revieweeId]));
  const chosen = current.size ? current : proposal;
  const values = (form.values ?? {}) as Record<string, string>;
  const proposedPairs = [...proposal].map(([reviewerId, revieweeId]) => ({ reviewerId, revieweeId }));
  return render(
    c,
    'review-pairings.njk',
    {
      title: `Peer review pairings: ${cohort.name}`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      breadcrumbs: [{ text: 'Peer reviews', href: `${base(network.id)}/peer-reviews` }, { text: cohort.name }],
      cohort,
      confirmed: current.size > 0,
      started: reviews.some((r) => r.status === 'completed'),
      sameSchool: sameSchoolPairs(candidates, proposedPairs),
      reviewRows: reviews.map((r) => [
        linkCell(`${base(network.id)}/peer-reviews/${r.id}`, r.reviewerName),
        { text: r.revieweeName },
        { text: reviewStatusLabels[r.status] },
      ]),
      selects: candidates.map((cand) => {
        const name = `reviewee-${cand.id}`;
        const selected = values[name] ?? chosen.get(cand.id) ?? '';
        return {
          id: name,
          name,
          label: { text: `${cand.fullName} reviews` },
          errorMessage: form.fieldErrors?.[name],
          items: [
            { value: '', text: 'Nobody' },
            ...candidates.filter((o) => o.id !== cand.id).map((o) => ({ value: o.id, text: o.fullName, selected: o.id === selected })),
          ],
        };
      }),
      tooFew: candidates.length < 2,
      ...form,
    },
    status,
  );
}

// ---- One review: the reviewer completes it, the candidate reviewed reads it ----

export async function reviewFor(c: AppContext, network: Network) {
  const db = c.var.deps.database.db;
  const review = await findReview(db, c.req.param('reviewId') ?? '');
  if (!review) throw notFound('Peer review');
  const actor = c.var.actor;
  const mine =
    can(actor, 'lpReview.take_part', { networkId: review.reviewerNetworkId, personId: review.reviewerPersonId }) ||
    can(actor, 'lpReview.take_part', { networkId: review.revieweeNetworkId, personId: review.revieweePersonId }) ||
    can(actor, 'lpOutcome.manage', { networkId: review.revieweeNetworkId });
  if (!mine) await authorize(db, actor, 'lpReview.take_part', { networkId: review.revieweeNetworkId, personId: review.reviewerPersonId });
  if (review.revieweeNetworkId !== network.id && review.reviewerNetworkId !== network.id) throw notFound('Peer review');
  return review;
}

async function reviewPage(c: AppContext, network: Network, review: ReviewRow, form: FormState = {}, status: 200 | 400 | 409 = 200) {
  const db = c.var.deps.database.db;
  const actor = c.var.actor;
  const isReviewer = actor?.kind === 'person' && actor.personId === review.reviewerPersonId;
  const editing = isReviewer && review.status === 'assigned';
  const reviewee = await findCandidate(db, review.revieweeId);
  const evidence = editing && reviewee?.portfolioId ? evidenceView(await portfolioEvidence(db, reviewee.portfolioId)) : [];
  const values = (form.values ?? {}) as Record<string, string>;
  return render(
    c,
    'review.njk',
    {
      title: `Peer review of ${review.revieweeName}'s portfolio`,
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      review,
      editing,
      evidence,
      fileBase: `${base(network.id)}/peer-reviews/${review.id}/files`,
      questions: checklistQuestions.map((q) => ({
        name: q.key,
        text: q.text,
        items: checklistAnswers.map((a) => ({ value: a, text: checklistAnswerLabels[a], checked: values[q.key] === a })),
      })),
      completedRows: review.checklist
        ? [
            ...checklistQuestions.map((q) => ({ key: { text: q.text }, value: { text: checklistAnswerLabels[review.checklist![q.key]] } })),
            { key: { text: 'Strengths' }, value: { text: review.strengths ?? '' } },
            { key: { text: 'Suggestions' }, value: { text: review.suggestions ?? 'None' } },
          ]
        : [],
      values,
      flash: c.req.query('done') === 'completed' && status === 200 ? { type: 'success', text: 'Peer review sent' } : undefined,
      ...form,
    },
    status,
  );
}

export const reviewPages = new Hono<AppEnv>()
  .get('/networks/:networkId/accreditation/peer-reviews', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const db = c.var.deps.database.db;
    const manage = can(actor, 'lpOutcome.manage', { networkId: network.id });
    const cohorts = manage
      ? await db
          .select({ id: lpCohorts.id, name: lpCohorts.name })
          .from(lpCohorts)
          .where(eq(lpCohorts.networkId, network.id))
          .orderBy(asc(lpCohorts.startsOn))
      : [];
    const mine = actor.kind === 'person' ? await candidaciesOf(db, network.id, actor.personId) : [];
    const reviews = await reviewsOfCandidates(
      db,
      mine.map((m) => m.id),
    );
    const myIds = new Set(mine.map((m) => m.id));
    return render(c, 'review-list.njk', {
      title: 'Peer reviews',
      currentNetwork: network,
      nav: networkNav(c, network.id),
      subnav: areaNav(c, network),
      cohortRows: cohorts.map((co) => [linkCell(`${base(network.id)}/cohorts/${co.id}/peer-reviews`, co.name)]),
      giving: reviews
        .filter((r) => myIds.has(r.reviewerId))
        .map((r) => [
          linkCell(`${base(network.id)}/peer-reviews/${r.id}`, `${r.revieweeName}'s portfolio`),
          { text: reviewStatusLabels[r.status] },
        ]),
      receiving: reviews
        .filter((r) => myIds.has(r.revieweeId))
        .map((r) => [
          r.status === 'completed'
            ? linkCell(`${base(network.id)}/peer-reviews/${r.id}`, `Review by ${r.reviewerName}`)
            : { text: `Review by ${r.reviewerName}` },
          { text: reviewStatusLabels[r.status] },
        ]),
      submissionLinks: mine.map((m) => ({
        href: `${base(network.id)}/candidates/${m.id}/submission`,
        text: `Your submission: ${m.cohortName}`,
      })),
    });
  })
  .get('/networks/:networkId/accreditation/cohorts/:cohortId/peer-reviews', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpOutcome.manage');
    return pairingsPage(c, network, await cohortFor(c, network));
  })
  .post('/networks/:networkId/accreditation/cohorts/:cohortId/peer-reviews', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'lpOutcome.manage');
    const cohort = await cohortFor(c, network);
    const body = formFields(await c.req.parseBody({ all: true }));
    const pairings: Pairing[] = Object.entries(body)
      .filter(([k, v]) => k.startsWith('reviewee-') && typeof v === 'string' && v !== '')
      .map(([k, v]) => ({ reviewerId: k.slice('reviewee-'.length), revieweeId: v as string }));
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) => confirmPeerReviews({ db, actor, mailer, config }, { cohort, pairings }));
    } catch (err) {
      const { status, form } = commandFormErrors(err);
      return pairingsPage(c, network, cohort, { values: body, ...form }, status);
    }
    return c.redirect(`${base(network.id)}/cohorts/${cohort.id}/peer-reviews?done=confirmed`, 303);
  })
  .get('/networks/:networkId/accreditation/peer-reviews/:reviewId', async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    return reviewPage(c, network, await reviewFor(c, network));
  })
  .get('/networks/:networkId/accreditation/peer-reviews/:reviewId/files/:uploadId', async (c) => {
    // The reviewer downloads the attachments of the portfolio they review while the review is open, as the
    // page shows them; the candidate reviewed and the manager at any time (reviewFor refuses anyone else).
    // Only files of that portfolio.
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const review = await reviewFor(c, network);
    const db = c.var.deps.database.db;
    const reviewed = can(actor, 'lpReview.take_part', { networkId: review.revieweeNetworkId, personId: review.revieweePersonId });
    if (!reviewed && review.status !== 'assigned') {
      // Refused (and audited) unless the actor manages the reviewee's outcomes.
      await authorize(db, actor, 'lpOutcome.manage', { networkId: review.revieweeNetworkId });
    }
    const found = await findAttachment(db, c.req.param('uploadId'));
    if (!found || found.candidateId !== review.revieweeId) throw notFound('File');
    return sendUpload(c, db, found.upload);
  })
  .post('/networks/:networkId/accreditation/peer-reviews/:reviewId', async (c) => {
    const actor = signedIn(c);
    const network = await networkFor(c, 'accreditation.view');
    const review = await reviewFor(c, network);
    await authorize(c.var.deps.database.db, actor, 'lpReview.take_part', {
      networkId: review.reviewerNetworkId,
      personId: review.reviewerPersonId,
    });
    const body = formFields(await c.req.parseBody({ all: true }));
    const form = validateForm(reviewForm, body);
    if (!form.ok) return reviewPage(c, network, review, { values: body, ...form }, 400);
    const { strengths, suggestions, ...answers } = form.data;
    const checklist = Object.fromEntries(checklistKeys.map((k) => [k, answers[k]])) as typeof answers;
    const { database, mailer, config } = c.var.deps;
    try {
      await inTransaction(database, (db) =>
        completePeerReview({ db, actor, mailer, config }, { review, checklist, strengths, suggestions }),
      );
    } catch (err) {
      const { status, form: failed } = commandFormErrors(err);
      return reviewPage(c, network, review, { values: body, ...failed }, status);
    }
    return c.redirect(`${base(network.id)}/peer-reviews/${review.id}?done=completed`, 303);
  });
