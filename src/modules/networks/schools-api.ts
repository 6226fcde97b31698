import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { notFound, unauthorized } from '../../kernel/http/errors.ts';
import { authorize } from '../../policy.ts';
import { findNetwork } from './queries.ts';
import { findSchool, type SchoolRow, searchSchools } from './schools-queries.ts';

const School = z
  .object({
    urn: z.number().int().openapi({ example: 142205 }),
    name: z.string(),
    phase: z.string().nullable().openapi({ example: 'Primary' }),
    type: z.string().nullable().openapi({ example: 'Academy converter' }),
    localAuthority: z.string().nullable().openapi({ example: 'Coventry' }),
    region: z.string().nullable(),
    postcode: z.string().nullable(),
    easting: z.number().int().nullable().openapi({ description: 'British National Grid, metres' }),
    northing: z.number().int().nullable(),
    ofstedRating: z.string().nullable().openapi({ example: 'Good' }),
    ofstedDate: z.string().nullable().openapi({ description: 'Date of the last Ofsted inspection, yyyy-mm-dd' }),
    isOpen: z.boolean(),
  })
  .openapi('School');

const SchoolQuery = PageQuery.extend({
  q: z.string().trim().max(100).optional().openapi({ description: 'Part of the name, or a URN', example: 'sacred heart' }),
  phase: z.string().max(100).optional().openapi({ example: 'Primary' }),
  localAuthority: z.string().max(100).optional().openapi({ example: 'Coventry' }),
  ofstedRating: z.string().max(100).optional().openapi({ example: 'Outstanding' }),
}).openapi('SchoolQuery');

const SchoolPage = z.object({ data: z.array(School), meta: pageMeta }).openapi('SchoolPage');
const Urn = z.coerce
  .number()
  .int()
  .min(1)
  .max(2_147_483_647)
  .openapi({ param: { name: 'urn', in: 'path' }, example: 142205 });

const present = (s: SchoolRow) => ({
  urn: s.urn,
  name: s.name,
  phase: s.phase,
  type: s.type,
  localAuthority: s.localAuthority,
  region: s.region,
  postcode: s.postcode,
  easting: s.easting,
  northing: s.northing,
  ofstedRating: s.ofstedRating,
  ofstedDate: s.ofstedDate,
  isOpen: s.isOpen,
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** Schools are public reference data: any signed-in person may search them; membership is the network's. */
export const schoolsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools',
      tags: ['Schools'],
      summary: 'Search all schools (GIAS reference data)',
      request: { query: SchoolQuery },
      responses: { 200: json(SchoolPage, 'A page of schools, by name'), ...problemResponses },
    }),
    async (c) => {
      if (!c.var.actor) throw unauthorized();
      const { page, perPage, ...filter } = c.req.valid('query');
      const { rows, total } = await searchSchools(c.var.deps.database.db, { ...filter, page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/schools/{urn}',
      tags: ['Schools'],
      summary: 'One school by URN',
      request: { params: z.object({ urn: Urn }) },
      responses: { 200: json(School, 'The school'), ...problemResponses },
    }),
    async (c) => {
      if (!c.var.actor) throw unauthorized();
      const school = await findSchool(c.var.deps.database.db, c.req.valid('param').urn);
      if (!school) throw notFound('School');
      return c.json(present(school), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/schools',
      tags: ['Schools'],
      summary: 'Current member schools of a network',
      request: { params: z.object({ networkId: Uuid }), query: SchoolQuery },
      responses: { 200: json(SchoolPage, 'A page of member schools, by name'), ...problemResponses },
    }),
    async (c) => {
      const db = c.var.deps.database.db;
      const network = await findNetwork(db, c.req.valid('param').networkId);
      if (!network) throw notFound('Network');
      await authorize(db, c.var.actor, 'school.view', { networkId: network.id });
      const { page, perPage, ...filter } = c.req.valid('query');
      const { rows, total } = await searchSchools(db, { ...filter, memberOf: network.id, page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  );
