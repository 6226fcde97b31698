import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { todayIso } from '../../kernel/dates.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { phases } from '../networks/domain.ts';
import { networkFor } from '../networks/pages.ts';
import { originOf } from './directory-pages.ts';
import { searchDirectory } from './directory-queries.ts';
import { designationKinds } from './domain.ts';

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

export const directoryApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
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
);
