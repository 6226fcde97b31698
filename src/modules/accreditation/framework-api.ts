import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { Problem, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError, notFound } from '../../kernel/http/errors.ts';
import { type Network, networkFor } from '../networks/pages.ts';
import { saveFrameworkVersion } from './commands/save-framework.ts';
import { type FrameworkContent, withStandardAdded, withStandardRemoved } from './framework-domain.ts';
import { ctxOf, frameworkFor } from './framework-pages.ts';
import { contentOf } from './framework-queries.ts';

// Adding and removing standards of the network's framework, as the pages do: each change saves a new
// version (cohorts keep theirs), and the domain refuses a pass rule asking for more standards than remain.

const NewStandard = z
  .object({
    group: z.string().trim().min(1).max(200).openapi({ description: 'The name of an existing group, or of a new group to start' }),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9.-]{1,10}$/)
      .openapi({ description: 'Up to 10 letters, numbers, dots or dashes, unique in the framework', example: 'S11' }),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(''),
  })
  .openapi('LpNewStandard');
const SavedVersion = z
  .object({ versionId: Uuid, version: z.number().int(), standards: z.array(z.object({ id: Uuid, code: z.string(), title: z.string() })) })
  .openapi('LpFrameworkVersionSaved');
const refused = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

async function saveVersion(c: AppContext, network: Network, content: FrameworkContent, changeNote: string) {
  const saved = await inTransaction(c.var.deps.database, (db) =>
    saveFrameworkVersion(ctxOf(c)(db), { networkId: network.id, content, changeNote }),
  );
  return {
    versionId: saved.versionId,
    version: saved.version,
    standards: saved.standards.map((s) => ({ id: s.id, code: s.code, title: s.title })),
  };
}

/** The domain's refusal of the new content (400 from the command) is a conflict with the framework as it is. */
async function orConflict<T>(save: () => Promise<T>): Promise<T> {
  try {
    return await save();
  } catch (err) {
    if (err instanceof HttpError && err.status === 400) throw new HttpError(409, err.title, err.detail, err.fields);
    throw err;
  }
}

export const frameworkApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'post',
      path: '/networks/{networkId}/accreditation/framework/standards',
      tags: ['Accreditation'],
      summary: 'Add a standard to the network’s framework (network admins): saves a new version; cohorts keep theirs',
      request: {
        params: z.object({ networkId: Uuid }),
        body: { content: { 'application/json': { schema: NewStandard } }, required: true },
      },
      responses: {
        201: { description: 'The new version', content: { 'application/json': { schema: SavedVersion } } },
        409: refused('The code is taken, or the framework would be invalid'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpFramework.manage');
      const framework = await frameworkFor(c, network);
      const { group, code, title, description } = c.req.valid('json');
      if (framework.standards.some((s) => s.code.toLowerCase() === code.toLowerCase())) {
        const message = `${code} is taken: choose another code`;
        throw new HttpError(409, 'Code taken', message, [{ path: 'code', message }]);
      }
      const content = withStandardAdded(contentOf(framework), group, { code, title, description });
      return c.json(await orConflict(() => saveVersion(c, network, content, `Added ${code} ${title}`)), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{networkId}/accreditation/framework/standards/{standardId}',
      tags: ['Accreditation'],
      summary:
        'Remove a standard (its id in the current version) from the network’s framework (network admins): saves a new version; cohorts keep theirs',
      request: { params: z.object({ networkId: Uuid, standardId: Uuid }) },
      responses: {
        200: { description: 'The new version', content: { 'application/json': { schema: SavedVersion } } },
        409: refused('The pass rule would ask for more standards than remain: lower it first'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const network = await networkFor(c, 'lpFramework.manage');
      const framework = await frameworkFor(c, network);
      const standard = framework.standards.find((s) => s.id === c.req.valid('param').standardId);
      if (!standard) throw notFound('Standard');
      const content = withStandardRemoved(contentOf(framework), standard.code);
      return c.json(await orConflict(() => saveVersion(c, network, content, `Removed ${standard.code} ${standard.title}`)), 200);
    },
  );
