import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { networkFor } from '../networks/pages.ts';
import { frameworkOf, portfolioFor } from './cohorts-access.ts';
import { listCohorts } from './cohorts-queries.ts';
import { addEvidence } from './commands/add-evidence.ts';
import { markEvidenceReady } from './commands/change-evidence.ts';
import { editEvidence, removeEvidence } from './commands/edit-evidence.ts';
import { giveFeedback } from './commands/give-feedback.ts';
import { useSharedEvidence } from './commands/share-evidence.ts';
import { evidenceTypes } from './evidence-domain.ts';
import { coverage } from './framework-domain.ts';
import { ctxOf, frameworkFor } from './framework-pages.ts';
import { frameworkVersions } from './framework-queries.ts';
import { portfolioStatuses } from './portfolio-domain.ts';
import { refOf } from './portfolio-pages.ts';
import { coverageInputs, portfolioEvidence } from './portfolio-queries.ts';

const IsoDate = z.iso.date().openapi({ example: '2025-11-12' });
const Cohort = z
  .object({ id: Uuid, name: z.string(), networkId: Uuid, startsOn: IsoDate, endsOn: IsoDate, candidates: z.number().int() })
  .openapi('LpCohort');
const Claim = z.object({ standardId: Uuid, level: z.number().int() }).openapi('LpClaim');
const Evidence = z
  .object({
    id: Uuid,
    title: z.string(),
    whatWasDone: z.string(),
    withWhom: z.string().nullable(),
    occurredOn: IsoDate,
    impact: z.string(),
    impactMeasure: z.string().nullable(),
    type: z.enum(evidenceTypes),
    ready: z.boolean(),
    groupId: Uuid.nullable().openapi({ description: 'The small group it is shared with, if any' }),
    sharedFromId: Uuid.nullable().openapi({ description: 'The item shared by a group member that this one was made from' }),
    claims: z.array(Claim),
    links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
    files: z.array(z.object({ id: Uuid, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() })),
    feedback: z.array(z.object({ author: z.string().nullable(), body: z.string(), createdAt: z.string() })),
  })
  .openapi('LpEvidence');
const Portfolio = z
  .object({
    candidateId: Uuid,
    fullName: z.string(),
    cohortId: Uuid,
    status: z.enum(portfolioStatuses),
    version: z.number().int(),
    evidence: z.array(Evidence),
    coverage: z.array(z.object({ standardId: Uuid, code: z.string(), highestClaimed: z.number().int(), commentCount: z.number().int() })),
    passRuleMet: z.boolean().openapi({ description: 'Whether the pass rule would be met if every claim were upheld' }),
  })
  .openapi('LpPortfolio');
const NewEvidence = z
  .object({
    title: z.string().trim().min(1).max(200),
    whatWasDone: z.string().trim().min(1).max(5000),
    withWhom: z.string().trim().max(500).nullable().default(null),
    occurredOn: IsoDate,
    impact: z.string().trim().min(1).max(5000),
    impactMeasure: z.string().trim().max(2000).nullable().default(null),
    type: z.enum(evidenceTypes),
    claims: z.array(Claim).min(1).max(50).openapi({ description: 'Standards of the cohort’s framework version, at one of its levels' }),
    links: z
      .array(z.object({ url: z.url({ protocol: /^https?$/ }), label: z.string().max(200).nullable().default(null) }))
      .max(10)
      .default([]),
  })
  .openapi('LpNewEvidence');
const NewEvidenceFromShared = NewEvidence.extend({
  sharedFromId: Uuid.optional().openapi({
    description: 'An item a member of your small group shares with you, that you took part in: yours becomes based on it',
  }),
}).openapi('LpNewEvidenceFromShared');
const NewFeedback = z.object({ body: z.string().trim().min(1).max(5000) }).openapi('LpNewFeedback');

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const portfolioParams = z.object({ networkId: Uuid, candidateId: Uuid });
const evidenceParams = portfolioParams.extend({ evidenceId: Uuid });
const Framework = z
  .object({
    versionId: Uuid,
    name: z.string(),
    version: z.number().int(),
    levels: z.array(z.object({ level: z.number().int(), name: z.string(), description: z.string() })),
    groups: z.array(
      z.object({
        name: z.string(),
        standards: z.array(z.object({ id: Uuid, code: z.string(), title: z.string(), description: z.string() })),
      }),
    ),
    passRule: z.object({ minLevel: z.number().int(), minStandards: z.number().int() }),
    validityYears: z.number().int(),
    versions: z.array(z.object({ version: z.number().int(), changeNote: z.string().nullable(), createdAt: z.string() })),
  })
  .openapi('LpFramework');

export const portfolioApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/cohorts',
      tags: ['Accreditation'],
      summary: 'Cohorts the network runs or takes part in (LP managers)',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Cohort), meta: pageMeta }), 'A page of cohorts'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpCohort.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listCohorts(c.var.deps.database.db, network.id, page, perPage);
      return c.json({ data: rows, meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}',
      tags: ['Accreditation'],
      summary: 'A portfolio with its evidence and coverage (the candidate, their mentors, LP managers)',
      request: { params: portfolioParams },
      responses: { 200: json(Portfolio, 'The portfolio'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'view');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { items } = await portfolioEvidence(c.var.deps.database.db, a.portfolio.portfolio.id);
      const { claims, comments } = coverageInputs(items);
      const grid = coverage(framework.standards, framework.levels, framework.passRule, claims, comments);
      return c.json(
        {
          candidateId: a.portfolio.candidate.id,
          fullName: a.portfolio.fullName,
          cohortId: a.cohort.id,
          status: a.portfolio.portfolio.status,
          version: a.portfolio.portfolio.version,
          evidence: items.map((i) => ({
            id: i.id,
            title: i.title,
            whatWasDone: i.whatWasDone,
            withWhom: i.withWhom,
            occurredOn: i.occurredOn,
            impact: i.impact,
            impactMeasure: i.impactMeasure,
            type: i.type,
            ready: i.readyAt !== null,
            groupId: i.groupId,
            sharedFromId: i.sharedFromId,
            claims: i.claims.map((cl) => ({ standardId: cl.standardId, level: cl.claimedLevel })),
            links: i.links.map((l) => ({ url: l.url, label: l.label })),
            files: i.files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes })),
            feedback: i.feedback.map((f) => ({ author: f.authorName, body: f.body, createdAt: f.createdAt.toISOString() })),
          })),
          coverage: grid.rows.map((r) => ({
            standardId: r.standard.id,
            code: r.standard.code,
            highestClaimed: r.highestClaimed,
            commentCount: r.comments.length,
          })),
          passRuleMet: grid.pass.met,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence',
      tags: ['Accreditation'],
      summary:
        'Add an evidence item to your own open portfolio, or make one shared with your group your own (attach files with POST …/evidence/{evidenceId}/files)',
      request: { params: portfolioParams, body: { content: { 'application/json': { schema: NewEvidenceFromShared } }, required: true } },
      responses: { 201: json(z.object({ id: Uuid }), 'Added'), 409: json(z.object({}), 'The portfolio is submitted'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { sharedFromId, ...input } = c.req.valid('json');
      const ref = { ...refOf(a, framework), candidateId: a.portfolio.candidate.id };
      const item = await inTransaction(c.var.deps.database, (db) =>
        sharedFromId ? useSharedEvidence(ctxOf(c)(db), ref, sharedFromId, input) : addEvidence(ctxOf(c)(db), ref, input),
      );
      return c.json({ id: item.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/feedback',
      tags: ['Accreditation'],
      summary: 'A mentor’s feedback on the whole portfolio of a mentee',
      request: { params: portfolioParams, body: { content: { 'application/json': { schema: NewFeedback } }, required: true } },
      responses: { 201: json(z.object({ id: Uuid }), 'Sent'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'mentor');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const row = await inTransaction(c.var.deps.database, (db) =>
        giveFeedback(ctxOf(c)(db), refOf(a, framework), { evidenceId: null, body: c.req.valid('json').body }),
      );
      return c.json({ id: row.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}',
      tags: ['Accreditation'],
      summary: 'Change an item of your own open portfolio: its details, claims and links (its files stay)',
      request: { params: evidenceParams, body: { content: { 'application/json': { schema: NewEvidence } }, required: true } },
      responses: {
        200: json(z.object({ id: Uuid }), 'Changed'),
        409: json(z.object({}), 'The portfolio is submitted'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { evidenceId } = c.req.valid('param');
      await inTransaction(c.var.deps.database, (db) => editEvidence(ctxOf(c)(db), refOf(a, framework), evidenceId, c.req.valid('json')));
      return c.json({ id: evidenceId }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/ready',
      tags: ['Accreditation'],
      summary: 'Mark an item of your own open portfolio ready for assessment, or take the mark back',
      request: {
        params: evidenceParams,
        body: { content: { 'application/json': { schema: z.object({ ready: z.boolean() }) } }, required: true },
      },
      responses: {
        200: json(z.object({ id: Uuid, ready: z.boolean() }), 'Marked'),
        409: json(z.object({}), 'The portfolio is submitted'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { evidenceId } = c.req.valid('param');
      const { ready } = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) => markEvidenceReady(ctxOf(c)(db), refOf(a, framework), evidenceId, ready));
      return c.json({ id: evidenceId, ready }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}',
      tags: ['Accreditation'],
      summary: 'Remove an item (with its claims, links, feedback and files) from your own open portfolio',
      request: { params: evidenceParams },
      responses: { 204: { description: 'Removed' }, 409: json(z.object({}), 'The portfolio is submitted'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { evidenceId } = c.req.valid('param');
      await inTransaction(c.var.deps.database, (db) => removeEvidence(ctxOf(c)(db), refOf(a, framework), evidenceId));
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/framework',
      tags: ['Accreditation'],
      summary: 'The network’s current standards framework: levels, standards in their groups, the pass rule and its versions',
      request: { params: z.object({ networkId: Uuid }) },
      responses: { 200: json(Framework, 'The current version'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpFramework.view');
      const framework = await frameworkFor(c, network);
      const versions = await frameworkVersions(c.var.deps.database.db, framework.frameworkId);
      return c.json(
        {
          versionId: framework.versionId,
          name: framework.name,
          version: framework.version,
          levels: framework.levels,
          groups: framework.groups.map((g) => ({
            name: g.name,
            standards: g.standards.map((st) => ({ id: st.id, code: st.code, title: st.title, description: st.description })),
          })),
          passRule: framework.passRule,
          validityYears: framework.validityYears,
          versions: versions.map((v) => ({ version: v.version, changeNote: v.changeNote ?? null, createdAt: v.createdAt.toISOString() })),
        },
        200,
      );
    },
  );
