import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { authorize } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { evidenceView } from './assessment-pages.ts';
import { findCandidate, portfolioEvidence } from './assessment-queries.ts';
import { completePeerReview } from './commands/complete-peer-review.ts';
import { confirmPeerReviews } from './commands/confirm-peer-reviews.ts';
import { type Checklist, checklistAnswers, checklistKeys, proposePairings, reviewStatuses, sameSchoolPairs } from './review-domain.ts';
import { cohortFor, reviewFor } from './review-pages.ts';
import { candidaciesOf, cohortCandidates, cohortReviews, findReview, type ReviewRow, reviewsOfCandidates } from './review-queries.ts';

// Peer review as JSON: the manager's proposed and confirmed pairings, a candidate's reviews, and the
// checklist. The same access checks (cohortFor, reviewFor) and commands as the pages.

const Pairing = z.object({ reviewerId: Uuid, revieweeId: Uuid }).openapi('LpPairing');
const Answer = z.enum(checklistAnswers);
const ChecklistSchema = z.object(
  Object.fromEntries(checklistKeys.map((k) => [k, Answer])) as Record<(typeof checklistKeys)[number], typeof Answer>,
);
const PeerReview = z
  .object({
    id: z.string().uuid(),
    cohortId: z.string().uuid(),
    status: z.enum(reviewStatuses),
    reviewerId: z.string().uuid().openapi({ description: 'The reviewing candidate (enrolment id)' }),
    reviewerName: z.string(),
    revieweeId: z.string().uuid().openapi({ description: 'The candidate whose portfolio is reviewed' }),
    revieweeName: z.string(),
    checklist: ChecklistSchema.nullable(),
    strengths: z.string().nullable(),
    suggestions: z.string().nullable(),
    completedAt: z.string().nullable(),
  })
  .openapi('LpPeerReview');
const Evidence = z.object({
  id: z.string().uuid(),
  title: z.string(),
  claims: z.array(z.object({ code: z.string(), level: z.number().int() })),
  links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
  files: z.array(z.object({ id: z.string().uuid(), fileName: z.string(), sizeBytes: z.number().int(), href: z.string() })),
});
/** The checklist's answers side by side with the strengths and suggestions, as the page's form sends them. */
const CompletedReview = ChecklistSchema.extend({
  strengths: z.string().trim().min(1).max(5000),
  suggestions: z.string().trim().max(5000).nullable().default(null),
}).openapi('LpPeerReviewAnswers');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (r: ReviewRow) => ({
  id: r.id,
  cohortId: r.cohortId,
  status: r.status,
  reviewerId: r.reviewerId,
  reviewerName: r.reviewerName,
  revieweeId: r.revieweeId,
  revieweeName: r.revieweeName,
  checklist: (r.checklist as Checklist | null) ?? null,
  strengths: r.strengths,
  suggestions: r.suggestions,
  completedAt: r.completedAt?.toISOString() ?? null,
});
const base = (networkId: string) => `/networks/${networkId}/accreditation`;

export const reviewApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/peer-reviews',
      tags: ['Accreditation'],
      summary: 'A cohort’s peer-review pairings: those confirmed, and the proposal (never yourself, fewest from the same school)',
      request: { params: z.object({ networkId: Uuid, cohortId: Uuid }) },
      responses: {
        200: json(
          z.object({ proposed: z.array(Pairing), sameSchoolPairs: z.number().int(), reviews: z.array(PeerReview) }),
          'Pairings proposed and confirmed',
        ),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpOutcome.manage');
      const cohort = await cohortFor(c, network);
      const db = c.var.deps.database.db;
      const [candidates, reviews] = await Promise.all([cohortCandidates(db, cohort.id), cohortReviews(db, cohort.id)]);
      const proposed = proposePairings(candidates);
      return c.json({ proposed, sameSchoolPairs: sameSchoolPairs(candidates, proposed), reviews: reviews.map(present) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/cohorts/{cohortId}/peer-reviews',
      tags: ['Accreditation'],
      summary: 'The manager confirms who reviews whom (each candidate reviews one and is reviewed by one); reviewers are told',
      request: {
        params: z.object({ networkId: Uuid, cohortId: Uuid }),
        body: { content: { 'application/json': { schema: z.object({ pairings: z.array(Pairing).min(1).max(1000) }) } }, required: true },
      },
      responses: { 200: json(z.object({ reviews: z.array(PeerReview) }), 'Confirmed'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'lpOutcome.manage');
      const cohort = await cohortFor(c, network);
      const { pairings } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => confirmPeerReviews({ db, actor, mailer, config }, { cohort, pairings }));
      return c.json({ reviews: (await cohortReviews(database.db, cohort.id)).map(present) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/peer-reviews',
      tags: ['Accreditation'],
      summary: 'Your peer reviews as a candidate: the one you give and the one you receive (received ones once completed)',
      request: { params: z.object({ networkId: Uuid }) },
      responses: {
        200: json(z.object({ giving: z.array(PeerReview), receiving: z.array(PeerReview) }), 'Your reviews'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const db = c.var.deps.database.db;
      const mine = actor.kind === 'person' ? await candidaciesOf(db, network.id, actor.personId) : [];
      const ids = new Set(mine.map((m) => m.id));
      const reviews = await reviewsOfCandidates(db, [...ids]);
      return c.json(
        {
          giving: reviews.filter((r) => ids.has(r.reviewerId)).map(present),
          receiving: reviews.filter((r) => ids.has(r.revieweeId) && r.status === 'completed').map(present),
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/peer-reviews/{reviewId}',
      tags: ['Accreditation'],
      summary: 'One peer review (the reviewer, the candidate reviewed, the manager); the reviewer also gets the portfolio’s evidence',
      request: { params: z.object({ networkId: Uuid, reviewId: Uuid }) },
      responses: { 200: json(PeerReview.extend({ evidence: z.array(Evidence) }), 'The review'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const review = await reviewFor(c, network);
      const db = c.var.deps.database.db;
      const isReviewer = actor.kind === 'person' && actor.personId === review.reviewerPersonId;
      const reviewee = isReviewer && review.status === 'assigned' ? await findCandidate(db, review.revieweeId) : null;
      const items = reviewee?.portfolioId ? evidenceView(await portfolioEvidence(db, reviewee.portfolioId)) : [];
      const fileBase = `${base(network.id)}/peer-reviews/${review.id}/files`;
      const evidence = items.map((e) => ({
        id: e.id,
        title: e.title,
        claims: e.claims,
        links: e.links,
        files: e.files.map((f) => ({ id: f.id, fileName: f.fileName, sizeBytes: f.sizeBytes, href: `${fileBase}/${f.id}` })),
      }));
      return c.json({ ...present(review), evidence }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/peer-reviews/{reviewId}',
      tags: ['Accreditation'],
      summary: 'The reviewer completes the checklist (once); the candidate reviewed is told',
      request: {
        params: z.object({ networkId: Uuid, reviewId: Uuid }),
        body: { content: { 'application/json': { schema: CompletedReview } }, required: true },
      },
      responses: { 200: json(PeerReview, 'Completed'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const review = await reviewFor(c, network);
      const db = c.var.deps.database.db;
      await authorize(db, actor, 'lpReview.take_part', { networkId: review.reviewerNetworkId, personId: review.reviewerPersonId });
      const { strengths, suggestions, ...answers } = c.req.valid('json');
      const checklist = Object.fromEntries(checklistKeys.map((k) => [k, answers[k]])) as Checklist;
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (tx) =>
        completePeerReview({ db: tx, actor, mailer, config }, { review, checklist, strengths, suggestions }),
      );
      return c.json(present((await findReview(db, review.id))!), 200);
    },
  );
