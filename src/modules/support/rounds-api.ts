import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import type { Db } from '../../kernel/db/client.ts';
import { PageQuery, Problem, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { applyToRound } from './commands/apply-to-round.ts';
import { createRound } from './commands/create-round.ts';
import { decideApplication } from './commands/decide-application.ts';
import { endorseApplication } from './commands/endorse-application.ts';
import { recordRoundReview } from './commands/record-round-review.ts';
import { recordRoundTraining } from './commands/record-round-training.ts';
import { scoreApplication } from './commands/score-application.ts';
import { designationKinds, MAX_RELEASE_DAYS } from './domain.ts';
import { applicationStatuses, trainingKinds } from './rounds-domain.ts';
import { type ApplicationDetail, findApplication, findRound, listApplications, listRounds, type RoundDetail } from './rounds-queries.ts';

// Designation rounds as JSON: the same commands as the pages (open a round, apply, the head's endorsement, the
// panel's scores, the admin's decision, induction and review meetings), with the same policy decisions.

const IsoDate = z.iso.date().openapi({ example: '2026-01-12' });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const conflictResponse = {
  409: {
    description: 'Refused by a rule (the round is not open, the application was already answered, your own application)',
    content: { 'application/problem+json': { schema: Problem } },
  },
};
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => v || null);
const RoundParams = z.object({ networkId: Uuid, roundId: Uuid });
const ApplicationParams = RoundParams.extend({ applicationId: Uuid });

const Round = z
  .object({
    id: Uuid,
    title: z.string(),
    kind: z.string(),
    phases: z.array(z.string()),
    opensOn: z.string(),
    closesOn: z.string(),
    termStartsOn: z.string(),
    termEndsOn: z.string(),
    specialismIds: z.array(Uuid),
    applications: z.number().int(),
  })
  .openapi('DesignationRound');
const Criterion = z.object({ id: Uuid, position: z.number().int(), title: z.string(), maxScore: z.number().int() });
const RoundWithCriteria = Round.extend({ criteria: z.array(Criterion) }).openapi('DesignationRoundDetail');
const NewRound = z
  .object({
    title: Text(200),
    kind: z.enum(designationKinds),
    phases: z.array(z.enum(phases)).min(1).max(phases.length),
    specialismIds: z.array(Uuid).max(50).default([]),
    opensOn: IsoDate,
    closesOn: IsoDate,
    termStartsOn: IsoDate,
    termEndsOn: IsoDate,
    criteria: z.array(Text(300)).min(1).max(10).openapi({ description: 'The published criteria, in order' }),
    maxScore: z.number().int().min(1).max(10).openapi({ description: 'Each criterion is scored 0 to this' }),
  })
  .openapi('NewDesignationRound');
const Application = z
  .object({
    id: Uuid,
    roundId: Uuid,
    personId: Uuid,
    fullName: z.string(),
    schoolUrn: z.number().int(),
    phase: z.string(),
    leadershipYears: z.number(),
    status: z.enum(applicationStatuses),
    releaseDays: z.number().nullable(),
    endorsementNote: z.string().nullable(),
    feedback: z.string().nullable(),
    designationId: Uuid.nullable(),
    specialismIds: z.array(Uuid),
    statements: z.array(z.object({ criterionId: Uuid, statement: z.string() })),
    scores: z
      .array(z.object({ criterionId: Uuid, scorerId: Uuid, score: z.number().int(), comment: z.string().nullable() }))
      .openapi({ description: 'The panel’s scores: empty unless you are on the panel' }),
  })
  .openapi('DesignationApplication');
const NewApplication = z
  .object({
    phase: z.enum(phases),
    leadershipYears: z
      .number()
      .min(0)
      .max(60)
      .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'Years to one decimal place')
      .openapi({ description: 'Years in a leadership role below headteacher (SLE: at least two)' }),
    specialismIds: z.array(Uuid).min(1).max(20),
    statements: z
      .array(z.object({ criterionId: Uuid, statement: Text(5000) }))
      .min(1)
      .max(10)
      .openapi({ description: 'One statement against each of the round’s criteria' }),
  })
  .openapi('NewDesignationApplication');
const Endorsement = z
  .discriminatedUnion('decision', [
    z.object({
      decision: z.literal('endorse'),
      releaseDays: z.number().positive().max(MAX_RELEASE_DAYS).multipleOf(0.5),
      note: OptionalText(2000),
    }),
    z.object({ decision: z.literal('refuse'), note: Text(2000) }),
  ])
  .openapi('DesignationEndorsement');
const Scores = z
  .object({
    scores: z
      .array(z.object({ criterionId: Uuid, score: z.number().int().min(0).max(10) }))
      .min(1)
      .max(10),
    comment: OptionalText(2000),
  })
  .openapi('DesignationScores');
const Decision = z
  .discriminatedUnion('decision', [
    z.object({ decision: z.literal('designate'), feedback: OptionalText(2000) }),
    z.object({ decision: z.literal('decline'), feedback: Text(2000) }),
  ])
  .openapi('DesignationDecision');
const Training = z
  .object({
    kind: z.enum(trainingKinds),
    title: Text(200),
    heldOn: IsoDate,
    attendeeIds: z.array(Uuid).max(200).default([]).openapi({ description: 'The designated applications (ids) whose leaders attended' }),
  })
  .openapi('DesignationTraining');
const Review = z
  .object({ heldOn: IsoDate, attendees: Text(2000), notes: Text(10000), actions: OptionalText(5000) })
  .openapi('DesignationRoundReview');

const ctxOf = (c: AppContext, db: Db): CommandContext => ({
  db,
  actor: signedIn(c),
  mailer: c.var.deps.mailer,
  config: c.var.deps.config,
});
const presentRound = ({ networkId: _n, specialisms: _s, ...r }: Omit<RoundDetail, 'criteria'>) => r;
/** Scores are the panel's: the applicant and their head see the statements and the outcome, not the marks. */
const presentApplication = (a: ApplicationDetail, seesPanel: boolean) => ({
  id: a.id,
  roundId: a.roundId,
  personId: a.personId,
  fullName: a.fullName,
  schoolUrn: a.schoolUrn,
  phase: a.phase,
  leadershipYears: a.leadershipYears,
  status: a.status,
  releaseDays: a.releaseDays,
  endorsementNote: a.endorsementNote,
  feedback: a.feedback,
  designationId: a.designationId,
  specialismIds: a.specialismIds,
  statements: a.statements.map((s) => ({ criterionId: s.criterionId, statement: s.statement })),
  scores: seesPanel ? a.scores.map((s) => ({ criterionId: s.criterionId, scorerId: s.scorerId, score: s.score, comment: s.comment })) : [],
});
const seesPanel = (c: AppContext, networkId: string) =>
  can(c.var.actor, 'application.score', { networkId }) || can(c.var.actor, 'application.decide', { networkId });

/** The round in this network, after its policy decision (another network's is 404, audited there). */
async function roundIn(c: AppContext, networkId: string, roundId: string) {
  const round = await findRound(c.var.deps.database.db, roundId);
  if (!round) throw notFound('Designation round');
  await authorize(c.var.deps.database.db, c.var.actor, 'round.view', { networkId: round.networkId });
  if (round.networkId !== networkId) throw notFound('Designation round');
  return round;
}

type ApplicationAction = 'application.view' | 'application.endorse' | 'application.score' | 'application.decide';
/** The application in this round, after the action's policy decision (the applicant reads their own). */
async function applicationIn(c: AppContext, round: RoundDetail, applicationId: string, action: ApplicationAction) {
  const db = c.var.deps.database.db;
  const a = await findApplication(db, applicationId);
  if (!a || a.roundId !== round.id) throw notFound('Application');
  const actor = c.var.actor;
  const own = action === 'application.view' && actor?.kind === 'person' && actor.personId === a.personId;
  await authorize(db, actor, own ? 'application.own' : action, { networkId: a.networkId, schoolUrn: a.schoolUrn, personId: a.personId });
  return a;
}
const reloadApplication = async (c: AppContext, id: string) => {
  const a = (await findApplication(c.var.deps.database.db, id))!;
  return presentApplication(a, seesPanel(c, a.networkId));
};

export const roundsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/rounds',
      tags: ['Designation rounds'],
      summary: 'The network’s designation rounds, newest first',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Round), meta: pageMeta }), 'A page of rounds'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listRounds(c.var.deps.database.db, network.id, { page, perPage });
      return c.json({ data: rows.map(presentRound), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds',
      tags: ['Designation rounds'],
      summary: 'Open a round: its targets (kind, phases, specialisms), window, term and published criteria (network admins)',
      request: { params: z.object({ networkId: Uuid }), body: body(NewRound) },
      responses: { 201: json(RoundWithCriteria, 'Opened'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.manage');
      const row = await inTransaction(c.var.deps.database, (db) =>
        createRound(ctxOf(c, db), { networkId: network.id, ...c.req.valid('json') }),
      );
      const { criteria, ...round } = (await findRound(c.var.deps.database.db, row.id))!;
      return c.json(
        { ...presentRound(round), criteria: criteria.map(({ id, position, title, maxScore }) => ({ id, position, title, maxScore })) },
        201,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/rounds/{roundId}',
      tags: ['Designation rounds'],
      summary: 'A round with its published criteria',
      request: { params: RoundParams },
      responses: { 200: json(RoundWithCriteria, 'The round'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { criteria, ...round } = await roundIn(c, network.id, c.req.valid('param').roundId);
      return c.json(
        { ...presentRound(round), criteria: criteria.map(({ id, position, title, maxScore }) => ({ id, position, title, maxScore })) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/rounds/{roundId}/applications',
      tags: ['Designation rounds'],
      summary: 'A round’s applications: all for the panel, your own school’s for a school leader, your own for an applicant',
      request: { params: RoundParams },
      responses: { 200: json(z.object({ data: z.array(Application) }), 'Applications'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'round.view');
      const round = await roundIn(c, network.id, c.req.valid('param').roundId);
      const db = c.var.deps.database.db;
      // As on the round's page: each application by its own policy decision.
      const sees = (a: { networkId: string; schoolUrn: number; personId: string }) =>
        can(actor, actor.kind === 'person' && actor.personId === a.personId ? 'application.own' : 'application.view', {
          networkId: a.networkId,
          schoolUrn: a.schoolUrn,
          personId: a.personId,
        });
      const rows = (await listApplications(db, round.id)).filter(sees);
      const details = await Promise.all(rows.map((r) => findApplication(db, r.id)));
      return c.json(
        { data: details.filter((d): d is ApplicationDetail => d !== null).map((a) => presentApplication(a, seesPanel(c, network.id))) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/applications',
      tags: ['Designation rounds'],
      summary: 'Apply to an open round for yourself, with a statement against each criterion; your headteacher is asked to endorse',
      request: { params: RoundParams, body: body(NewApplication) },
      responses: { 201: json(Application, 'Applied'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.apply');
      const round = await roundIn(c, network.id, c.req.valid('param').roundId);
      const { statements, ...rest } = c.req.valid('json');
      const a = await inTransaction(c.var.deps.database, (db) =>
        applyToRound(ctxOf(c, db), { round, ...rest, statements: Object.fromEntries(statements.map((s) => [s.criterionId, s.statement])) }),
      );
      return c.json(await reloadApplication(c, a.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/rounds/{roundId}/applications/{applicationId}',
      tags: ['Designation rounds'],
      summary: 'One application (the applicant, their own head, the panel)',
      request: { params: ApplicationParams },
      responses: { 200: json(Application, 'The application'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { roundId, applicationId } = c.req.valid('param');
      const round = await roundIn(c, network.id, roundId);
      return c.json(presentApplication(await applicationIn(c, round, applicationId, 'application.view'), seesPanel(c, network.id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/applications/{applicationId}/endorsement',
      tags: ['Designation rounds'],
      summary: 'The applicant’s headteacher endorses, confirming the release days, or refuses with a reason',
      request: { params: ApplicationParams, body: body(Endorsement) },
      responses: { 200: json(Application, 'Answered'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { roundId, applicationId } = c.req.valid('param');
      const round = await roundIn(c, network.id, roundId);
      const a = await applicationIn(c, round, applicationId, 'application.endorse');
      const d = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) =>
        endorseApplication(
          ctxOf(c, db),
          d.decision === 'endorse'
            ? { application: a, endorse: true, releaseDays: d.releaseDays, note: d.note }
            : { application: a, endorse: false, note: d.note },
        ),
      );
      return c.json(await reloadApplication(c, a.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/applications/{applicationId}/scores',
      tags: ['Designation rounds'],
      summary: 'A panel member (admin or assessor) scores an endorsed application against every criterion; again replaces theirs',
      request: { params: ApplicationParams, body: body(Scores) },
      responses: { 200: json(Application, 'Scored'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { roundId, applicationId } = c.req.valid('param');
      const round = await roundIn(c, network.id, roundId);
      const a = await applicationIn(c, round, applicationId, 'application.score');
      const { scores, comment } = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) =>
        scoreApplication(ctxOf(c, db), {
          application: a,
          round,
          scores: Object.fromEntries(scores.map((s) => [s.criterionId, s.score])),
          comment,
        }),
      );
      return c.json(await reloadApplication(c, a.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/applications/{applicationId}/decision',
      tags: ['Designation rounds'],
      summary: 'The admin designates a scored applicant (a designation with the round’s term) or declines with feedback',
      request: { params: ApplicationParams, body: body(Decision) },
      responses: { 200: json(Application, 'Decided'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.view');
      const { roundId, applicationId } = c.req.valid('param');
      const round = await roundIn(c, network.id, roundId);
      const a = await applicationIn(c, round, applicationId, 'application.decide');
      const d = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) =>
        decideApplication(
          ctxOf(c, db),
          d.decision === 'designate'
            ? { application: a, round, designate: true, feedback: d.feedback }
            : { application: a, round, designate: false, feedback: d.feedback },
        ),
      );
      return c.json(await reloadApplication(c, a.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/trainings',
      tags: ['Designation rounds'],
      summary: 'Record an induction or training session and who attended (network admins)',
      request: { params: RoundParams, body: body(Training) },
      responses: { 201: json(z.object({ ok: z.literal(true) }), 'Recorded'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.manage');
      const round = await roundIn(c, network.id, c.req.valid('param').roundId);
      await inTransaction(c.var.deps.database, (db) => recordRoundTraining(ctxOf(c, db), { round, ...c.req.valid('json') }));
      return c.json({ ok: true as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/rounds/{roundId}/reviews',
      tags: ['Designation rounds'],
      summary: 'Record the round’s review meeting: who attended, notes, actions (network admins)',
      request: { params: RoundParams, body: body(Review) },
      responses: { 201: json(z.object({ ok: z.literal(true) }), 'Recorded'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'round.manage');
      const round = await roundIn(c, network.id, c.req.valid('param').roundId);
      await inTransaction(c.var.deps.database, (db) => recordRoundReview(ctxOf(c, db), { round, ...c.req.valid('json') }));
      return c.json({ ok: true as const }, 201);
    },
  );
