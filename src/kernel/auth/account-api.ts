import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problemResponses } from '../http/api-schemas.ts';
import { validationHook } from '../http/api-validation.ts';
import type { AppEnv } from '../http/context.ts';
import { unauthorized } from '../http/errors.ts';
import { findAccount, listMembershipsOf } from './account-queries.ts';
import { roles } from './actor.ts';

const Me = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    email: z.string(),
    schoolUrn: z.number().int().nullable(),
    memberships: z.array(z.object({ networkId: z.string().uuid(), networkName: z.string(), role: z.enum(roles) })),
  })
  .openapi('Me');

/** `/api/v1/me`: whose token this is, and the roles it acts with. */
export const accountApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get',
    path: '/me',
    tags: ['Account'],
    summary: 'The person the token (or session) belongs to, with their memberships',
    responses: { 200: { description: 'You', content: { 'application/json': { schema: Me } } }, ...problemResponses },
  }),
  async (c) => {
    const actor = c.var.actor;
    if (actor?.kind !== 'person') throw unauthorized();
    const db = c.var.deps.database.db;
    const account = await findAccount(db, actor.personId);
    if (!account) throw unauthorized();
    const memberships = await listMembershipsOf(db, actor.personId);
    return c.json({ id: account.id, name: account.fullName, email: account.email, schoolUrn: account.schoolUrn, memberships }, 200);
  },
);
