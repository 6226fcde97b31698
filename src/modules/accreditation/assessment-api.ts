import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { networkFor } from '../networks/pages.ts';
import { outcomes, submissionStatuses } from './assessment-domain.ts';
import { findSubmission, listSubmissions, type SubmissionRow } from './assessment-queries.ts';
import { recordAssessment } from './commands/record-assessment.ts';

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
