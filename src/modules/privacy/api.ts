import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { notFound } from '../../kernel/http/errors.ts';
import { networkFor } from '../networks/pages.ts';
import { exportPersonData } from './commands/export-person-data.ts';
import { isMemberOf } from './queries.ts';

const PersonData = z
  .object({
    format: z.literal('alliance-personal-data'),
    version: z.literal(1),
    exportedAt: z.string(),
    personId: Uuid,
    tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
    references: z.array(z.object({ table: z.string(), column: z.string() })),
  })
  .openapi('PersonData');
const json = {
  description: 'Every row that refers to the person, by table (credentials left out)',
  content: { 'application/json': { schema: PersonData } },
};

/** UK GDPR right of access: a person's data as JSON, for the person or a network admin. Audited. */
export const privacyApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/me/data-export',
      tags: ['Privacy'],
      summary: 'Your own data (UK GDPR access)',
      responses: { 200: json, ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      if (actor.kind !== 'person') throw notFound('Person');
      const { database, mailer, config } = c.var.deps;
      const data = await inTransaction(database, (db) =>
        exportPersonData({ db, actor, mailer, config }, { personId: actor.personId, networkId: null, via: 'api' }),
      );
      return c.json(data as z.infer<typeof PersonData>, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/people/{personId}/data-export',
      tags: ['Privacy'],
      summary: 'A member’s data (network admins; UK GDPR access)',
      request: { params: z.object({ networkId: Uuid, personId: Uuid }) },
      responses: { 200: json, ...problemResponses },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'privacy.export');
      const { personId } = c.req.valid('param');
      const { database, mailer, config } = c.var.deps;
      if (!(await isMemberOf(database.db, network.id, personId))) throw notFound('Person');
      const data = await inTransaction(database, (db) =>
        exportPersonData({ db, actor, mailer, config }, { personId, networkId: network.id, via: 'api' }),
      );
      return c.json(data as z.infer<typeof PersonData>, 200);
    },
  );
