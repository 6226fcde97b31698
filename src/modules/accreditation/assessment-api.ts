import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { outcomes, submissionStatuses } from './assessment-domain.ts';
import { candidateFor, submissionFor } from './assessment-pages.ts';
import { findSubmission, judgementsOf, latestSubmission, listSubmissions, type SubmissionRow } from './assessment-queries.ts';
import { assignAssessor } from './commands/assign-assessor.ts';
import { recordAssessment } from './commands/record-assessment.ts';
import { recordModeration } from './commands/record-moderation.ts';
import { sampleSubmission } from './commands/sample-submission.ts';
import { submitPortfolio } from './commands/submit-portfolio.ts';

const Submission = z
  .object({
    id: z.string().uuid(),
    candidateId: z.string().uuid(),
    candidateName: z.string(),
    cohortName: z.string(),
    portfolioVersion: z.number().int(),
    status: z.enum(submissionStatuses),
    assessorId: z.string().uuid().nullable(),
    moderatorId: z.string().uuid().nullable(),
    outcome: z.enum(outcomes).nullable(),
    toWorkOn: z.array(z.string()).openapi({ description: 'Standard codes below the pass level (resubmit)' }),
  })
  .openapi('LpSubmission');
const Assessment = z
  .object({
    judgements: z
      .array(
        z.object({
          standardId: Uuid,
          level: z.number().int().min(0).max(9).nullable().openapi({ description: 'A level of the framework, or null: not evidenced' }),
          feedback: z.string().trim().max(5000).nullable().default(null),
        }),
      )
      .max(50),
    finish: z.boolean().default(false).openapi({ description: 'Finish: every standard judged with feedback; the outcome follows' }),
  })
  .openapi('LpAssessment');

const Judgement = z.object({
  standardId: z.string().uuid(),
  level: z.number().int().nullable(),
  feedback: z.string().nullable(),
  moderatedLevel: z.number().int().nullable(),
  overturned: z.boolean(),
});
const SubmissionDetail = Submission.extend({
  moderationNote: z.string().nullable(),
  judgements: z
    .array(Judgement)
    .openapi({ description: 'The assessor’s level and feedback per standard, and the moderator’s where sampled' }),
}).openapi('LpSubmissionDetail');
const Moderation = z
  .object({
    levels: z
      .array(
        z.object({
          standardId: Uuid,
          level: z.number().int().min(0).max(9).nullable().openapi({ description: 'The moderated level, or null: not evidenced' }),
        }),
      )
      .max(50),
    note: z.string().trim().max(2000).nullable().default(null),
  })
  .openapi('LpModeration');
const SubmissionParams = z.object({ networkId: Uuid, submissionId: Uuid });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (s: Omit<SubmissionRow, 'snapshot'>) => ({
  id: s.id,
  candidateId: s.candidateId,
  candidateName: s.candidateName,
  cohortName: s.cohortName,
  portfolioVersion: s.portfolioVersion,
  status: s.status,
  assessorId: s.assessorId,
  moderatorId: s.moderatorId,
  outcome: s.outcome,
  toWorkOn: s.toWorkOn,
});

export const assessmentApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/submissions',
      tags: ['Accreditation'],
      summary: 'Submitted portfolios: all for admins; for assessors, theirs and those open to moderation sampling',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery.extend({ status: z.enum(submissionStatuses).optional() }) },
      responses: { 200: json(z.object({ data: z.array(Submission), meta: pageMeta }), 'A page of submissions'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const manage = can(actor, 'lpOutcome.manage', { networkId: network.id });
      if (!manage) await authorize(c.var.deps.database.db, actor, 'lpModeration.sample', { networkId: network.id });
      const { page, perPage, status } = c.req.valid('query');
      const forPerson = manage || actor.kind !== 'person' ? undefined : { personId: actor.personId, mayModerate: true };
      const { rows, total } = await listSubmissions(c.var.deps.database.db, network.id, { status, forPerson }, { page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/submissions/{submissionId}/assessment',
      tags: ['Accreditation'],
      summary: 'The assigned assessor records levels and feedback per standard, and may finish (the outcome follows)',
      request: {
        params: z.object({ networkId: Uuid, submissionId: Uuid }),
        body: { content: { 'application/json': { schema: Assessment } }, required: true },
      },
      responses: { 200: json(Submission, 'Saved; the submission as it now stands'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const { submissionId } = c.req.valid('param');
      const db = c.var.deps.database.db;
      const submission = await findSubmission(db, submissionId);
      if (!submission) throw notFound('Submission');
      await authorize(db, actor, 'lpAssessment.record', { networkId: submission.networkId, personId: submission.assessorId });
      if (submission.networkId !== network.id) throw notFound('Submission');
      const { judgements, finish } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (tx) => recordAssessment({ db: tx, actor, mailer, config }, { submission, judgements, finish }));
      return c.json(present((await findSubmission(db, submission.id))!), 200);
    },
  );

/** A submission as JSON with its judgements (for whoever has a part in it). */
async function detail(db: Parameters<typeof judgementsOf>[0], submissionId: string) {
  const s = (await findSubmission(db, submissionId))!;
  const judgements = await judgementsOf(db, s.id);
  return {
    ...present(s),
    moderationNote: s.moderationNote,
    judgements: judgements.map((j) => ({
      standardId: j.standardId,
      level: j.level,
      feedback: j.feedback,
      moderatedLevel: j.moderatedLevel,
      overturned: j.overturned,
    })),
  };
}

// Submission, assessor assignment, moderation sampling and decisions: the access checks (candidateFor,
// submissionFor) and commands of the pages.
export const submissionApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/candidates/{candidateId}/submission',
      tags: ['Accreditation'],
      summary: 'Submit your own portfolio (after completing your peer review): the version is locked and kept',
      request: { params: z.object({ networkId: Uuid, candidateId: Uuid }) },
      responses: { 201: json(SubmissionDetail, 'Submitted'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const candidate = await candidateFor(c, network);
      const db = c.var.deps.database.db;
      await authorize(db, actor, 'lpSubmission.submit', { networkId: candidate.networkId, personId: candidate.personId });
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (tx) => submitPortfolio({ db: tx, actor, mailer, config }, { candidate }));
      return c.json(await detail(db, (await latestSubmission(db, candidate.id))!.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/submissions/{submissionId}',
      tags: ['Accreditation'],
      summary: 'One submission with its judgements (the manager, its assessor and moderator, moderators who may sample it)',
      request: { params: SubmissionParams },
      responses: { 200: json(SubmissionDetail, 'The submission'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const { submission } = await submissionFor(c, network);
      return c.json(await detail(c.var.deps.database.db, submission.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/submissions/{submissionId}/assessor',
      tags: ['Accreditation'],
      summary: 'The manager assigns an assessor (not the candidate nor one of their mentors)',
      request: {
        params: SubmissionParams,
        body: { content: { 'application/json': { schema: z.object({ assessorId: Uuid }) } }, required: true },
      },
      responses: { 200: json(SubmissionDetail, 'Assigned'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'lpOutcome.manage');
      const { submission } = await submissionFor(c, network);
      const { assessorId } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => assignAssessor({ db, actor, mailer, config }, { submission, assessorId }));
      return c.json(await detail(database.db, submission.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/submissions/{submissionId}/sample',
      tags: ['Accreditation'],
      summary: 'A moderator takes a submission into their sample before its assessment is finished',
      request: { params: SubmissionParams },
      responses: { 200: json(SubmissionDetail, 'Sampled'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'accreditation.view');
      const { submission } = await submissionFor(c, network);
      await authorize(c.var.deps.database.db, actor, 'lpModeration.sample', { networkId: submission.networkId });
      if (actor.kind !== 'person') throw notFound();
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => sampleSubmission({ db, actor, mailer, config }, { submission, moderatorId: actor.personId }));
      return c.json(await detail(database.db, submission.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/submissions/{submissionId}/moderation',
      tags: ['Accreditation'],
      summary: 'The sampling moderator decides: a level per standard (a different level overturns the assessor’s); the outcome follows',
      request: {
        params: SubmissionParams,
        body: { content: { 'application/json': { schema: Moderation } }, required: true },
      },
      responses: { 200: json(SubmissionDetail, 'Decided'), ...problemResponses, 409: problemResponses[400] },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'lpModeration.sample');
      const { submission } = await submissionFor(c, network);
      const db = c.var.deps.database.db;
      await authorize(db, actor, 'lpModeration.record', { networkId: submission.networkId, personId: submission.moderatorId });
      const { levels, note } = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (tx) => recordModeration({ db: tx, actor, mailer, config }, { submission, levels, note }));
      return c.json(await detail(db, submission.id), 200);
    },
  );
