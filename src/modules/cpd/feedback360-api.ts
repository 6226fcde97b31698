import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError } from '../../kernel/http/errors.ts';
import { networkFor } from '../networks/pages.ts';
import { closeFeedback360 } from './commands/close-feedback360.ts';
import { inviteFeedback360Rater } from './commands/invite-feedback360-rater.ts';
import { saveSelfRating } from './commands/save-self-rating.ts';
import { startFeedback360 } from './commands/start-feedback360.ts';
import { feedbackFor, me } from './feedback360-access.ts';
import {
  compareScores,
  feedbackStatuses,
  MIN_RATERS,
  raterRelationships,
  reportAvailability,
  suggestOptions,
} from './feedback360-domain.ts';
import { countAnswers, findFeedback, listOwnFeedback, othersScores, selfScores } from './feedback360-queries.ts';
import { Quality } from './leadership-api.ts';
import { behaviourList, optionKinds } from './leadership-domain.ts';
import { listOptions, listQualities } from './leadership-queries.ts';

const Feedback = z
  .object({ id: z.string().uuid(), title: z.string(), status: z.enum(feedbackStatuses), answered: z.number().int() })
  .openapi('Feedback360');
const NewFeedback = z.object({ title: z.string().trim().min(1).max(120) }).openapi('NewFeedback360');
const Report = z
  .object({
    answered: z.number().int(),
    qualities: z.array(
      z.object({
        qualityId: z.string().uuid(),
        name: z.string(),
        self: z.number().nullable(),
        others: z.number().nullable(),
        gap: z.number().nullable(),
      }),
    ),
    suggestions: z.array(
      z.object({ id: z.string().uuid(), kind: z.enum(optionKinds), title: z.string(), qualityId: z.string().uuid().nullable() }),
    ),
  })
  .openapi('Feedback360Report');

const SelfRating = z
  .object({
    scores: z
      .array(z.object({ qualityId: Uuid, score: z.number().int().min(1).max(5) }))
      .max(100)
      .openapi({ description: 'One score for every quality of the framework' }),
  })
  .openapi('Feedback360SelfRating');
const NewRater = z
  .object({ relationship: z.enum(raterRelationships), email: z.string().trim().toLowerCase().email().max(200) })
  .openapi('Feedback360Rater');
const feedbackParams = z.object({ networkId: Uuid, feedbackId: Uuid });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** A 360 as the API shows it, with the count of answers. */
async function presentFeedback(c: AppContext, id: string) {
  const db = c.var.deps.database.db;
  const f = (await findFeedback(db, id))!;
  return { id: f.id, title: f.title, status: f.status as (typeof feedbackStatuses)[number], answered: await countAnswers(db, f.id) };
}

export const feedback360Api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/leadership/qualities',
      tags: ['Leadership'],
      summary: 'The network’s framework of leadership qualities and behaviours',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Quality), meta: pageMeta }), 'The framework'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const { page, perPage } = c.req.valid('query');
      const all = await listQualities(c.var.deps.database.db, network.id);
      const data = all
        .slice((page - 1) * perPage, page * perPage)
        .map((q) => ({ id: q.id, name: q.name, behaviours: behaviourList(q.behaviours) }));
      return c.json({ data, meta: { page, perPage, total: all.length } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/feedback360s',
      tags: ['Leadership'],
      summary: 'Your own 360s in the network',
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(z.object({ data: z.array(Feedback), meta: pageMeta }), 'A page of your 360s'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listOwnFeedback(c.var.deps.database.db, network.id, me(c)!, { page, perPage });
      const data = rows.map((f) => ({
        id: f.id,
        title: f.title,
        status: f.status as (typeof feedbackStatuses)[number],
        answered: f.answered,
      }));
      return c.json({ data, meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/feedback360s',
      tags: ['Leadership'],
      summary: 'Start a 360 on yourself (self-rating and raters are done on the pages)',
      request: {
        params: z.object({ networkId: Uuid }),
        body: { content: { 'application/json': { schema: NewFeedback } }, required: true },
      },
      responses: { 201: json(Feedback, 'Started'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'feedback360.own', { personId: me(c) });
      const { database, mailer, config } = c.var.deps;
      const f = await inTransaction(database, (db) =>
        startFeedback360({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json({ id: f.id, title: f.title, status: f.status as (typeof feedbackStatuses)[number], answered: 0 }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/feedback360s/{feedbackId}/report',
      tags: ['Leadership'],
      summary: `Your 360 report: self against others per quality, from ${MIN_RATERS} answers (409 until then, with the count)`,
      request: { params: z.object({ networkId: Uuid, feedbackId: Uuid }) },
      responses: { 200: json(Report, 'The report'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'leadership.view');
      const db = c.var.deps.database.db;
      const f = await feedbackFor(c, network);
      const answered = await countAnswers(db, f.id);
      const availability = reportAvailability(answered);
      if (!availability.ready)
        throw new HttpError(
          409,
          'Report not ready',
          `${answered} of at least ${MIN_RATERS} raters have answered; the report appears once ${MIN_RATERS} have.`,
        );
      const [qualities, self, others, menu] = await Promise.all([
        listQualities(db, network.id),
        selfScores(db, f.id),
        othersScores(db, f.id),
        listOptions(db, network.id),
      ]);
      const results = compareScores(
        qualities.filter((q) => self.has(q.id) || others.scores.has(q.id)),
        self,
        others.scores,
      );
      const suggestions = suggestOptions(results, menu).map((o) => ({
        id: o.id,
        kind: o.kind as (typeof optionKinds)[number],
        title: o.title,
        qualityId: o.qualityId,
      }));
      return c.json({ answered, qualities: results, suggestions }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/feedback360s/{feedbackId}/self-rating',
      tags: ['Leadership'],
      summary: 'Rate yourself on every quality of the framework (1 to 5); the 360 then opens for raters',
      request: { params: feedbackParams, body: { content: { 'application/json': { schema: SelfRating } }, required: true } },
      responses: { 200: json(Feedback, 'Saved'), 409: json(z.object({}), 'The 360 is closed'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const feedback = await feedbackFor(c, await networkFor(c, 'leadership.view'));
      const scores = Object.fromEntries(c.req.valid('json').scores.map((s) => [s.qualityId, s.score]));
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => saveSelfRating({ db, actor, mailer, config }, { feedback, scores }));
      return c.json(await presentFeedback(c, feedback.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/feedback360s/{feedbackId}/raters',
      tags: ['Leadership'],
      summary: 'Invite a rater by email: they get a single-use link and answer anonymously',
      request: { params: feedbackParams, body: { content: { 'application/json': { schema: NewRater } }, required: true } },
      responses: {
        201: json(NewRater, 'Invited'),
        409: json(z.object({}), 'Rate yourself first, or the 360 is closed'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const feedback = await feedbackFor(c, await networkFor(c, 'leadership.view'));
      const rater = c.req.valid('json');
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) =>
        inviteFeedback360Rater(
          { db, actor, mailer, config },
          { feedback, leaderName: actor.kind === 'person' ? actor.name : 'A leader', ...rater },
        ),
      );
      return c.json(rater, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/feedback360s/{feedbackId}/close',
      tags: ['Leadership'],
      summary: 'Close the 360: no more answers are taken',
      request: { params: feedbackParams },
      responses: { 200: json(Feedback, 'Closed'), ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const feedback = await feedbackFor(c, await networkFor(c, 'leadership.view'));
      const { database, mailer, config } = c.var.deps;
      await inTransaction(database, (db) => closeFeedback360({ db, actor, mailer, config }, { feedback }));
      return c.json(await presentFeedback(c, feedback.id), 200);
    },
  );
