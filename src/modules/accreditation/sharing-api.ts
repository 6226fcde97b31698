import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { frameworkOf, type PortfolioAccess, portfolioFor } from './cohorts-access.ts';
import { shareEvidence } from './commands/share-evidence.ts';
import { evidenceTypes } from './evidence-domain.ts';
import { ctxOf } from './framework-pages.ts';
import { refOf } from './portfolio-pages.ts';
import { sharedWithCandidate } from './sharing-queries.ts';

// The JSON twin of sharing evidence with a small group: share or stop sharing one's own item, and list what
// the groups one is in have shared. A shared item is made one's own through POST .../evidence with sharedFromId.

const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });
const evidenceParams = z.object({ networkId: Uuid, candidateId: Uuid, evidenceId: Uuid });
const Sharing = z.object({ id: Uuid, groupId: Uuid.nullable() }).openapi('LpEvidenceSharing');
const SharedEvidence = z
  .object({
    id: Uuid,
    title: z.string(),
    type: z.enum(evidenceTypes),
    whatWasDone: z.string(),
    withWhom: z.string().nullable(),
    occurredOn: z.iso.date(),
    impact: z.string(),
    impactMeasure: z.string().nullable(),
    group: z.object({ id: Uuid, name: z.string() }),
    author: z.object({ candidateId: Uuid, fullName: z.string() }),
    links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
    files: z.array(
      z.object({
        id: Uuid,
        fileName: z.string(),
        contentType: z.string(),
        sizeBytes: z.number().int(),
        href: z.string().openapi({ description: 'Download (signed-in group members only)' }),
      }),
    ),
  })
  .openapi('LpSharedEvidence');

async function share(a: PortfolioAccess, c: Parameters<typeof ctxOf>[0], evidenceId: string, groupId: string | null) {
  const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
  const ref = { ...refOf(a, framework), candidateId: a.portfolio.candidate.id };
  return inTransaction(c.var.deps.database, (db) => shareEvidence(ctxOf(c)(db), ref, evidenceId, groupId));
}

export const sharingApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'put',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/sharing',
      tags: ['Accreditation'],
      summary: 'Share an item of your own open portfolio with one of your small groups (groupId), or stop sharing it (null)',
      request: {
        params: evidenceParams,
        body: { content: { 'application/json': { schema: z.object({ groupId: Uuid.nullable() }) } }, required: true },
      },
      responses: {
        200: json(Sharing, 'Shared or no longer shared'),
        409: json(z.object({}), 'The portfolio is submitted'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const item = await share(a, c, c.req.valid('param').evidenceId, c.req.valid('json').groupId);
      return c.json({ id: item.id, groupId: item.groupId }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/sharing',
      tags: ['Accreditation'],
      summary: 'Stop sharing an item of your own open portfolio with your small group',
      request: { params: evidenceParams },
      responses: { 204: { description: 'No longer shared' }, 409: json(z.object({}), 'The portfolio is submitted'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      await share(a, c, c.req.valid('param').evidenceId, null);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/shared',
      tags: ['Accreditation'],
      summary: 'Evidence the other members of your small groups share with you (your own portfolio only)',
      request: { params: z.object({ networkId: Uuid, candidateId: Uuid }) },
      responses: { 200: json(z.object({ data: z.array(SharedEvidence) }), 'Shared with your groups'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const items = await sharedWithCandidate(c.var.deps.database.db, a.portfolio.candidate.id);
      const base = `/networks/${a.network.id}/accreditation/portfolios/${a.portfolio.candidate.id}`;
      return c.json(
        {
          data: items.map((i) => ({
            id: i.id,
            title: i.title,
            type: i.type,
            whatWasDone: i.whatWasDone,
            withWhom: i.withWhom,
            occurredOn: i.occurredOn,
            impact: i.impact,
            impactMeasure: i.impactMeasure,
            group: { id: i.groupId, name: i.groupName },
            author: { candidateId: i.authorCandidateId, fullName: i.authorName },
            links: i.links.map((l) => ({ url: l.url, label: l.label })),
            files: i.files.map((f) => ({
              id: f.id,
              fileName: f.fileName,
              contentType: f.contentType,
              sizeBytes: f.sizeBytes,
              href: `${base}/shared-files/${f.id}`,
            })),
          })),
        },
        200,
      );
    },
  );
