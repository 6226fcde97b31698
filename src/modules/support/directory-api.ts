import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { todayIso } from '../../kernel/dates.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { supportRatings } from './deployments-domain.ts';
import { pastDeployments } from './deployments-queries.ts';
import { originOf } from './directory-pages.ts';
import { searchDirectory } from './directory-queries.ts';
import { designationKinds, isCurrent } from './domain.ts';
import { releaseDaysLeft } from './matching-domain.ts';
import { schoolYearOf } from './requests-domain.ts';
import { matchCandidates, specialismNames } from './requests-queries.ts';

const DirectoryQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional().openapi({ description: 'Part of the name, the school’s name or a specialism' }),
  minDaysLeft: z.coerce
    .number()
    .min(0.5)
    .max(190)
    .multipleOf(0.5)
    .optional()
    .openapi({ description: 'Only leaders with at least this many release days left this school year' }),
  specialismId: Uuid.optional(),
  phase: z.enum(phases).optional(),
  kind: z.enum(designationKinds).optional(),
  urn: z.coerce
    .number()
    .int()
    .positive()
    .max(99999999)
    .optional()
    .openapi({ description: 'Measure distance from this school; nearest first' }),
});
const Entry = z
  .object({
    personId: z.string().uuid(),
    fullName: z.string(),
    schoolUrn: z.number().int().nullable(),
    schoolName: z.string().nullable(),
    distanceKm: z.number().nullable().openapi({ description: 'Straight-line distance from the given school; null without one' }),
    designations: z.array(
      z.object({
        id: z.string().uuid(),
        kind: z.enum(designationKinds),
        phase: z.enum(phases),
        releaseDays: z.number(),
        daysLeft: z.number().openapi({ description: 'Release days less the days of live deployments this school year' }),
      }),
    ),
    specialisms: z.array(z.string()),
  })
  .openapi('DirectoryEntry');

const Profile = z
  .object({
    personId: z.string().uuid(),
    fullName: z.string(),
    schoolName: z.string().nullable(),
    designations: z.array(
      z.object({
        id: z.string().uuid(),
        kind: z.enum(designationKinds),
        phase: z.enum(phases),
        specialisms: z.array(z.string()),
        releaseDays: z.number(),
        current: z.boolean(),
        daysLeft: z.number().openapi({ description: 'This school year' }),
      }),
    ),
    pastDeployments: z.array(
      z.object({
        schoolName: z.string(),
        specialism: z.string().nullable(),
        days: z.number(),
        startsOn: z.string(),
        endsOn: z.string(),
        rating: z.enum(supportRatings).nullable(),
        comment: z.string().nullable(),
        reflection: z.string().nullable(),
      }),
    ),
  })
  .openapi('DirectoryProfile');

export const directoryApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/directory',
      tags: ['Directory'],
      summary:
        'Leaders with a current designation, by specialism, phase, designation, days left this year, free text and distance (members and partner networks)',
      request: { params: z.object({ networkId: Uuid }), query: DirectoryQuery },
      responses: {
        200: {
          description: 'A page of leaders',
          content: { 'application/json': { schema: z.object({ data: z.array(Entry), meta: pageMeta }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'directory.view');
      const { page, perPage, q, specialismId, phase, kind, urn, minDaysLeft } = c.req.valid('query');
      const db = c.var.deps.database.db;
      const from = await originOf(db, urn);
      const { entries, total } = await searchDirectory(
        db,
        network.id,
        todayIso(),
        { q, specialismId, phase, kind, from, minDaysLeft },
        { page, perPage },
      );
      return c.json({ data: entries, meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/directory/{personId}',
      tags: ['Directory'],
      summary: 'A leader’s profile: designations with days left this school year, past deployments and their evaluated impact',
      request: { params: z.object({ networkId: Uuid, personId: Uuid }) },
      responses: { 200: { description: 'The profile', content: { 'application/json': { schema: Profile } } }, ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'directory.view');
      const db = c.var.deps.database.db;
      const today = todayIso();
      const held = (await matchCandidates(db, network.id, schoolYearOf(today))).filter((d) => d.personId === c.req.valid('param').personId);
      if (held.length === 0) throw notFound('Profile');
      const [names, past] = await Promise.all([
        specialismNames(db, [...new Set(held.flatMap((d) => d.specialismIds))]),
        pastDeployments(db, network.id, held[0]!.personId),
      ]);
      return c.json(
        {
          personId: held[0]!.personId,
          fullName: held[0]!.fullName,
          schoolName: held[0]!.schoolName,
          designations: held.map((d) => ({
            id: d.designationId,
            kind: d.kind,
            phase: d.phase,
            specialisms: d.specialismIds
              .map((id) => names.get(id) ?? '')
              .filter(Boolean)
              .sort(),
            releaseDays: d.releaseDays,
            current: isCurrent(d, today),
            daysLeft: releaseDaysLeft(d),
          })),
          pastDeployments: past.map((p) => ({
            schoolName: p.schoolName,
            specialism: p.specialismName,
            days: p.days,
            startsOn: p.startsOn,
            endsOn: p.endsOn,
            rating: p.rating,
            comment: p.comment,
            reflection: p.reflection,
          })),
        },
        200,
      );
    },
  );
