import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { PageQuery, pageMeta, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { addSpecialism } from './commands/add-specialism.ts';
import { networkFor } from './pages.ts';
import { specialismAreaKeys } from './specialisms-domain.ts';
import { listSpecialisms, type SpecialismRow } from './specialisms-queries.ts';

const Area = z.enum(specialismAreaKeys).openapi('SpecialismArea');
const Specialism = z
  .object({
    id: z.string().uuid(),
    code: z.string(),
    name: z.string(),
    area: Area,
    networkId: z.string().uuid().nullable().openapi({ description: 'The network that added it; null for the shared taxonomy' }),
  })
  .openapi('Specialism');
const NewSpecialism = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ description: 'Its code is derived from the name', example: 'Oracy' }),
    area: Area,
  })
  .openapi('NewSpecialism');
const SpecialismPage = z.object({ data: z.array(Specialism), meta: pageMeta });

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const present = (s: SpecialismRow) => ({
  id: s.id,
  code: s.code,
  name: s.name,
  area: s.area as z.infer<typeof Area>,
  networkId: s.networkId,
});

export const specialismsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/specialisms',
      tags: ['Specialisms'],
      summary: 'The shared specialism taxonomy, in area order',
      request: { query: PageQuery },
      responses: { 200: json(SpecialismPage, 'A page of shared specialisms'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listSpecialisms(c.var.deps.database.db, null, { page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/specialisms',
      tags: ['Specialisms'],
      summary: "The shared taxonomy plus the network's own specialisms",
      request: { params: z.object({ networkId: Uuid }), query: PageQuery },
      responses: { 200: json(SpecialismPage, 'A page of specialisms'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'specialism.view');
      const { page, perPage } = c.req.valid('query');
      const { rows, total } = await listSpecialisms(c.var.deps.database.db, network.id, { page, perPage });
      return c.json({ data: rows.map(present), meta: { page, perPage, total } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/specialisms',
      tags: ['Specialisms'],
      summary: 'Add a specialism of the network’s own (network admins)',
      request: {
        params: z.object({ networkId: Uuid }),
        body: { content: { 'application/json': { schema: NewSpecialism } }, required: true },
      },
      responses: {
        201: json(Specialism, 'Added'),
        409: json(z.object({}).passthrough(), 'The name or its code is already in the shared list or the network’s own'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const actor = signedIn(c);
      const network = await networkFor(c, 'specialism.manage');
      const { database, mailer, config } = c.var.deps;
      const row = await inTransaction(database, (db) =>
        addSpecialism({ db, actor, mailer, config }, { networkId: network.id, ...c.req.valid('json') }),
      );
      return c.json(present(row), 201);
    },
  );
