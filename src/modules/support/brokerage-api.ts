import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { type CommandContext, inTransaction } from '../../kernel/commands.ts';
import { PageQuery, Problem, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { authorize, can } from '../../policy.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { agreeDeployment } from './commands/agree-deployment.ts';
import { cancelDeployment } from './commands/cancel-deployment.ts';
import { completeDeployment } from './commands/complete-deployment.ts';
import { consentToDeployment } from './commands/consent-to-deployment.ts';
import { createOffer } from './commands/create-offer.ts';
import { evaluateDeployment } from './commands/evaluate-deployment.ts';
import { logDeploymentDay } from './commands/log-deployment-day.ts';
import { proposeDeployment } from './commands/propose-deployment.ts';
import { raiseRequest } from './commands/raise-request.ts';
import { releaseLeader } from './commands/release-leader.ts';
import { authorizeOnDeployment, mayOnDeployment } from './deployments-access.ts';
import { deploymentStatuses, supportRatings } from './deployments-domain.ts';
import { type DeploymentRow, findDeployment, listDeployments } from './deployments-queries.ts';
import { designationKinds } from './domain.ts';
import { feeKinds } from './money-domain.ts';
import { listOffers, type OfferRow } from './offers-queries.ts';
import { requestKinds, requestStatuses } from './requests-domain.ts';
import { rankRequest } from './requests-pages.ts';
import { findRequest, listRequests, type RequestRow } from './requests-queries.ts';

const IsoDate = z.iso.date().openapi({ example: '2025-10-01' });
const Days = z.number().positive().max(190).multipleOf(0.5).openapi({ description: 'Whole or half days', example: 3 });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const conflictResponse = {
  409: {
    description: 'Refused by a rule (for example: beyond the leader’s release days)',
    content: { 'application/problem+json': { schema: Problem } },
  },
};
const NetworkParams = z.object({ networkId: Uuid });

const Offer = z
  .object({
    id: Uuid,
    title: z.string(),
    description: z.string(),
    specialismId: Uuid.nullable(),
    phase: z.enum(phases).nullable(),
    typicalDays: z.number(),
    pricePence: z.number().int().nullable(),
    providers: z.array(z.string()),
  })
  .openapi('SupportOffer');
const NewOffer = z
  .object({
    title: z.string().trim().min(1).max(120),
    description: z.string().trim().min(1).max(2000),
    specialismId: Uuid.nullable().default(null),
    phase: z.enum(phases).nullable().default(null),
    typicalDays: Days,
    pricePence: z.number().int().min(0).nullable().default(null),
    providerIds: z.array(Uuid).max(20).default([]),
  })
  .openapi('NewSupportOffer');
const SupportRequest = z
  .object({
    id: Uuid,
    schoolUrn: z.number().int(),
    schoolName: z.string(),
    kind: z.enum(requestKinds),
    offerId: Uuid.nullable(),
    specialismId: Uuid.nullable(),
    phase: z.enum(phases),
    objectives: z.string(),
    days: z.number(),
    preferredStartOn: IsoDate,
    preferredEndOn: IsoDate,
    status: z.enum(requestStatuses),
    deploymentId: Uuid.nullable(),
  })
  .openapi('SupportRequest');
const NewRequest = z
  .object({
    schoolUrn: z.number().int().positive(),
    kind: z.enum(requestKinds),
    offerId: Uuid.nullable().default(null),
    specialismId: Uuid.nullable()
      .default(null)
      .openapi({ description: 'Needed for a known need; a specialism nobody holds is accepted (unmatched)' }),
    phase: z.enum(phases),
    objectives: z.string().trim().min(1).max(2000),
    days: Days.nullable().default(null).openapi({ description: 'A diagnostic is one day; an offer defaults to its typical days' }),
    preferredStartOn: IsoDate,
    preferredEndOn: IsoDate,
  })
  .openapi('NewSupportRequest');
const Match = z
  .object({
    designationId: Uuid,
    personId: Uuid,
    fullName: z.string(),
    kind: z.enum(designationKinds),
    schoolName: z.string().nullable(),
    score: z.number(),
    daysLeft: z.number(),
    distanceKm: z.number().nullable(),
    reasons: z.array(z.string()),
  })
  .openapi('Match');
const Matches = z
  .object({
    matches: z.array(Match),
    excluded: z.array(z.object({ designationId: Uuid, fullName: z.string(), reasons: z.array(z.string()) })),
    unmatchedReason: z.string().nullable(),
  })
  .openapi('RankedMatches');
const Deployment = z
  .object({
    id: Uuid,
    requestId: Uuid,
    designationId: Uuid,
    leaderId: Uuid,
    leaderName: z.string(),
    schoolUrn: z.number().int(),
    payingSchoolUrn: z.number().int(),
    tier: z.enum(designationKinds),
    status: z.enum(deploymentStatuses),
    objectives: z.string(),
    days: z.number(),
    startsOn: IsoDate,
    endsOn: IsoDate,
    schoolYear: z.number().int(),
    leaderConsented: z.boolean(),
    released: z.boolean(),
    agreedPrice: z
      .object({
        dayRatePence: z.number().int(),
        feeKind: z.enum(feeKinds),
        feeValue: z.number().int().openapi({ description: 'Basis points when percent; pence when fixed' }),
        vatBasisPoints: z.number().int(),
      })
      .nullable()
      .openapi({ description: 'Frozen when the school agrees; statements price the days from it. Null until agreed.' }),
  })
  .openapi('Deployment');
const Event = z
  .object({
    event: z.enum(['consent', 'release', 'decline', 'complete', 'cancel']).openapi({
      description:
        'consent and decline by the leader; release (or decline) by their own school; complete by the leader or an admin; cancel by an admin',
    }),
    reason: z.string().trim().max(500).nullable().default(null),
  })
  .openapi('DeploymentEvent');
const Agreement = z
  .object({
    objectives: z.string().trim().min(1).max(2000),
    days: Days,
    startsOn: IsoDate,
    endsOn: IsoDate,
    payingSchoolUrn: z.number().int().positive(),
    criteria: z
      .array(
        z.object({
          description: z.string().trim().min(1).max(500),
          baseline: z.string().trim().min(1).max(500),
          target: z.string().max(500).nullable().default(null),
        }),
      )
      .min(1)
      .max(10),
  })
  .openapi('DeploymentAgreement');
const DayLog = z
  .object({ workedOn: IsoDate, halfDays: z.union([z.literal(1), z.literal(2)]), activity: z.string().trim().min(1).max(500) })
  .openapi('DeploymentDayLog');
const Evaluation = z
  .object({
    rating: z.enum(supportRatings),
    comment: z.string().max(2000).nullable().default(null),
    endMeasures: z
      .array(z.object({ criterionId: Uuid, endMeasure: z.string().trim().min(1).max(500) }))
      .max(10)
      .default([])
      .openapi({ description: 'The end measure of each success criterion, against its baseline' }),
  })
  .openapi('DeploymentEvaluation');

const presentOffer = (o: OfferRow) => ({ ...o, typicalDays: Number(o.typicalDays), phase: o.phase ?? null });
const presentRequest = (r: RequestRow) => ({
  id: r.id,
  schoolUrn: r.schoolUrn,
  schoolName: r.schoolName,
  kind: r.kind,
  offerId: r.offerId,
  specialismId: r.specialismId,
  phase: r.phase,
  objectives: r.objectives,
  days: Number(r.days),
  preferredStartOn: r.preferredStartOn,
  preferredEndOn: r.preferredEndOn,
  status: r.status,
  deploymentId: r.deploymentId,
});
const presentDeployment = (d: DeploymentRow) => ({
  id: d.id,
  requestId: d.requestId,
  designationId: d.designationId,
  leaderId: d.leaderId,
  leaderName: d.leaderName,
  schoolUrn: d.schoolUrn,
  payingSchoolUrn: d.payingSchoolUrn,
  tier: d.tier,
  status: d.status,
  objectives: d.objectives,
  days: Number(d.days),
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  schoolYear: d.schoolYear,
  leaderConsented: d.leaderConsentAt !== null,
  released: d.releasedAt !== null,
  agreedPrice:
    d.dayRatePence !== null && d.feeKind !== null && d.feeValue !== null && d.vatBasisPoints !== null
      ? { dayRatePence: d.dayRatePence, feeKind: d.feeKind, feeValue: d.feeValue, vatBasisPoints: d.vatBasisPoints }
      : null,
});

const ctxOf = (c: AppContext, db: CommandContext['db']): CommandContext => ({
  db,
  actor: signedIn(c),
  mailer: c.var.deps.mailer,
  config: c.var.deps.config,
});

async function requestIn(c: AppContext, networkId: string, requestId: string, action: 'request.view' | 'request.broker') {
  const r = await findRequest(c.var.deps.database.db, requestId);
  if (!r || r.networkId !== networkId) throw notFound('Request');
  await authorize(c.var.deps.database.db, c.var.actor, action, { networkId, schoolUrn: r.schoolUrn });
  return r;
}
export async function deploymentIn(
  c: AppContext,
  networkId: string,
  deploymentId: string,
  action: Parameters<typeof authorizeOnDeployment>[2],
) {
  const d = await findDeployment(c.var.deps.database.db, deploymentId);
  if (!d || d.networkId !== networkId) throw notFound('Deployment');
  await authorizeOnDeployment(c.var.deps.database.db, c.var.actor, action, d);
  return d;
}
const reload = async (c: AppContext, id: string) => presentDeployment((await findDeployment(c.var.deps.database.db, id))!);

export const brokerageApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/offers',
      tags: ['Support'],
      summary: 'The network’s published support offers (partner networks too)',
      request: { params: NetworkParams, query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Offer), meta: pageMeta }), 'A page of offers'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'offer.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listOffers(c.var.deps.database.db, network.id, { page, perPage });
      return c.json({ data: rows.map(presentOffer), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/offers',
      tags: ['Support'],
      summary: 'Publish a support offer (network admins)',
      request: { params: NetworkParams, body: body(NewOffer) },
      responses: { 201: json(z.object({ id: Uuid }), 'Published'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'offer.manage');
      const row = await inTransaction(c.var.deps.database, (db) =>
        createOffer(ctxOf(c, db), { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json({ id: row.id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/requests',
      tags: ['Support'],
      summary: 'Requests for support: all for admins, a school leader’s own school’s otherwise',
      request: { params: NetworkParams, query: PageQuery.extend({ status: z.enum(requestStatuses).optional() }) },
      responses: { 200: json(z.object({ data: z.array(SupportRequest), meta: pageMeta }), 'A page of requests'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'request.list');
      const { page, perPage, status } = c.req.valid('query');
      const schoolUrn =
        can(actor, 'request.broker', { networkId: network.id }) || actor.kind !== 'person' ? undefined : (actor.schoolUrn ?? -1);
      const { rows, total } = await listRequests(c.var.deps.database.db, network.id, { status, schoolUrn }, { page, perPage });
      return c.json({ data: rows.map(presentRequest), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/requests',
      tags: ['Support'],
      summary: 'Request support for a school (its school leaders, or an admin on its behalf)',
      request: { params: NetworkParams, body: body(NewRequest) },
      responses: { 201: json(SupportRequest, 'Requested'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'request.list');
      const input = c.req.valid('json');
      await authorize(c.var.deps.database.db, c.var.actor, 'request.raise', { networkId: network.id, schoolUrn: input.schoolUrn });
      const row = await inTransaction(c.var.deps.database, (db) => raiseRequest(ctxOf(c, db), { networkId: network.id, ...input }));
      return c.json(presentRequest((await findRequest(c.var.deps.database.db, row.id))!), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/requests/{requestId}/matches',
      tags: ['Support'],
      summary: 'Ranked matches for a request, each with its reasons, and who the hard rules excluded (brokers)',
      request: { params: NetworkParams.extend({ requestId: Uuid }) },
      responses: { 200: json(Matches, 'Ranked matches'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'request.list');
      const r = await requestIn(c, network.id, c.req.valid('param').requestId, 'request.broker');
      const ranking = await rankRequest(c, r);
      return c.json(
        {
          matches: ranking.matches.map((m) => ({
            designationId: m.candidate.designationId,
            personId: m.candidate.personId,
            fullName: m.candidate.fullName,
            kind: m.candidate.kind,
            schoolName: m.candidate.schoolName,
            score: m.score,
            daysLeft: m.daysLeft,
            distanceKm: m.distanceKm,
            reasons: m.reasons,
          })),
          excluded: ranking.excluded.map((e) => ({
            designationId: e.candidate.designationId,
            fullName: e.candidate.fullName,
            reasons: e.reasons,
          })),
          unmatchedReason: ranking.unmatchedReason,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/requests/{requestId}/deployments',
      tags: ['Support'],
      summary: 'Propose a leader for a request (brokers); 409 with the numbers when beyond their release days',
      request: { params: NetworkParams.extend({ requestId: Uuid }), body: body(z.object({ designationId: Uuid }).openapi('Proposal')) },
      responses: { 201: json(Deployment, 'Proposed'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'request.list');
      const request = await requestIn(c, network.id, c.req.valid('param').requestId, 'request.broker');
      const d = await inTransaction(c.var.deps.database, (db) =>
        proposeDeployment(ctxOf(c, db), { request, designationId: c.req.valid('json').designationId }),
      );
      return c.json(presentDeployment(d), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/deployments',
      tags: ['Support'],
      summary: 'Deployments: all for admins; otherwise those where you are the leader or your school is supported or releasing',
      request: { params: NetworkParams, query: PageQuery.extend({ status: z.enum(deploymentStatuses).optional() }) },
      responses: { 200: json(z.object({ data: z.array(Deployment), meta: pageMeta }), 'A page of deployments'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const { page, perPage, status } = c.req.valid('query');
      const partyOf =
        can(actor, 'deployment.manage', { networkId: network.id }) || actor.kind !== 'person'
          ? undefined
          : { personId: actor.personId, schoolUrn: actor.schoolUrn };
      const { rows, total } = await listDeployments(c.var.deps.database.db, network.id, { status, partyOf }, { page, perPage });
      return c.json({ data: rows.map(presentDeployment), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/support/deployments/{deploymentId}',
      tags: ['Support'],
      summary: 'One deployment',
      request: { params: NetworkParams.extend({ deploymentId: Uuid }) },
      responses: { 200: json(Deployment, 'The deployment'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      return c.json(presentDeployment(await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.view')), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/events',
      tags: ['Support'],
      summary: 'Consent, release, decline, complete or cancel a deployment',
      request: { params: NetworkParams.extend({ deploymentId: Uuid }), body: body(Event) },
      responses: { 200: json(Deployment, 'Changed'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const { event, reason } = c.req.valid('json');
      const id = c.req.valid('param').deploymentId;
      const viewer = await deploymentIn(c, network.id, id, 'deployment.view');
      // Declining is the leader's answer, or their school's when the actor speaks for it.
      const declineAs = mayOnDeployment(c.var.actor, 'deployment.consent', viewer) ? 'deployment.consent' : 'deployment.release';
      const action = {
        consent: 'deployment.consent',
        release: 'deployment.release',
        decline: declineAs,
        complete: 'deployment.log',
        cancel: 'deployment.manage',
      } as const;
      const deployment = await deploymentIn(c, network.id, id, action[event]);
      await inTransaction(c.var.deps.database, (db) => {
        const ctx = ctxOf(c, db);
        if (event === 'consent') return consentToDeployment(ctx, { deployment, consent: true });
        if (event === 'release') return releaseLeader(ctx, { deployment, release: true });
        if (event === 'decline')
          return declineAs === 'deployment.consent'
            ? consentToDeployment(ctx, { deployment, consent: false, reason })
            : releaseLeader(ctx, { deployment, release: false, reason });
        if (event === 'complete') return completeDeployment(ctx, { deployment });
        return cancelDeployment(ctx, { deployment, reason: reason ?? 'Cancelled' });
      });
      return c.json(await reload(c, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/agreement',
      tags: ['Support'],
      summary: 'The supported school agrees the deployment: objectives, success criteria with baselines, days, dates, who pays',
      request: { params: NetworkParams.extend({ deploymentId: Uuid }), body: body(Agreement) },
      responses: { 200: json(Deployment, 'Agreed'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.agree');
      await inTransaction(c.var.deps.database, (db) => agreeDeployment(ctxOf(c, db), { deployment, ...c.req.valid('json') }));
      return c.json(await reload(c, deployment.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/days',
      tags: ['Support'],
      summary: 'Log a day or half day worked (the leader or an admin)',
      request: { params: NetworkParams.extend({ deploymentId: Uuid }), body: body(DayLog) },
      responses: { 201: json(Deployment, 'Logged'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.log');
      await inTransaction(c.var.deps.database, (db) => logDeploymentDay(ctxOf(c, db), { deployment, ...c.req.valid('json') }));
      return c.json(await reload(c, deployment.id), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/support/deployments/{deploymentId}/evaluation',
      tags: ['Support'],
      summary: 'The supported school rates the support and records each criterion’s end measure',
      request: { params: NetworkParams.extend({ deploymentId: Uuid }), body: body(Evaluation) },
      responses: { 200: json(Deployment, 'Evaluated'), ...problemResponses, ...conflictResponse },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'deployment.list');
      const deployment = await deploymentIn(c, network.id, c.req.valid('param').deploymentId, 'deployment.evaluate');
      const { rating, comment, endMeasures } = c.req.valid('json');
      await inTransaction(c.var.deps.database, (db) =>
        evaluateDeployment(ctxOf(c, db), {
          deployment,
          rating,
          comment,
          endMeasures: Object.fromEntries(endMeasures.map((m) => [m.criterionId, m.endMeasure])),
        }),
      );
      return c.json(await reload(c, deployment.id), 200);
    },
  );
