import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { inTransaction } from '../../kernel/commands.ts';
import { Problem, problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppContext, type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { HttpError, notFound } from '../../kernel/http/errors.ts';
import { multipartRoute } from '../../kernel/http/json-body.ts';
import { allowedTypesText } from '../../kernel/uploads/content-type.ts';
import { sendUpload } from '../../kernel/uploads/download.ts';
import { frameworkOf, type PortfolioAccess, portfolioFor } from './cohorts-access.ts';
import { attachEvidenceFile } from './commands/change-evidence.ts';
import { removeEvidenceFile } from './commands/edit-evidence.ts';
import { ctxOf } from './framework-pages.ts';
import { chosenFile, refOf } from './portfolio-pages.ts';
import { findAttachment, portfolioEvidence } from './portfolio-queries.ts';

// An evidence item's files through the API, on the same path as the pages: the body limit (413 while
// streaming, app.ts), the kernel's checks in the command (type sniffed from the content, quota, a safe
// name) and the portfolio's lock (409 once submitted). Files are served as downloads only.

const EvidenceFile = z
  .object({ id: Uuid, fileName: z.string(), contentType: z.string(), sizeBytes: z.number().int() })
  .openapi('LpEvidenceFile');
const FileUpload = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, { message: 'Choose a file to attach' })
      .openapi({ type: 'string', format: 'binary', description: `The file: ${allowedTypesText}` }),
  })
  .openapi('LpEvidenceFileUpload');
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
const evidenceParams = z.object({ networkId: Uuid, candidateId: Uuid, evidenceId: Uuid });
const fileParams = evidenceParams.extend({ uploadId: Uuid });

/** The item of this portfolio with its files; 404 when it is another's. */
async function itemOf(c: AppContext, a: PortfolioAccess, evidenceId: string) {
  const { items } = await portfolioEvidence(c.var.deps.database.db, a.portfolio.portfolio.id);
  const item = items.find((i) => i.id === evidenceId);
  if (!item) throw notFound('Evidence');
  return item;
}

export const evidenceFilesApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/files',
      tags: ['Accreditation'],
      summary: 'The files attached to an evidence item (those who may see the portfolio)',
      request: { params: evidenceParams },
      responses: {
        200: { description: 'Its files', content: { 'application/json': { schema: z.object({ data: z.array(EvidenceFile) }) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'view');
      const item = await itemOf(c, a, c.req.valid('param').evidenceId);
      return c.json(
        { data: item.files.map((f) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes })) },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: multipartRoute('/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/files'),
      tags: ['Accreditation'],
      summary: 'Attach a file to an item of your own open portfolio, sent as multipart/form-data in the field `file`',
      description: `Accepts ${allowedTypesText}; the type is judged from the content and must match the name’s extension. The size limit and your quota are this installation’s settings.`,
      request: {
        params: evidenceParams,
        // Not marked required, so that a call without a body reaches the access checks; the handler asks for the file.
        body: { content: { 'multipart/form-data': { schema: FileUpload } } },
      },
      responses: {
        201: { description: 'Attached', content: { 'application/json': { schema: EvidenceFile } } },
        409: problem('The portfolio is submitted, or the file would go over your quota'),
        413: problem('The file is over the size limit'),
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const file = await chosenFile((c.req.valid('form') as { file?: unknown }).file);
      if (!file)
        throw new HttpError(400, 'Invalid request', 'Choose a file to attach', [{ path: 'file', message: 'Choose a file to attach' }]);
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { evidenceId } = c.req.valid('param');
      const upload = await inTransaction(c.var.deps.database, (db) =>
        attachEvidenceFile(ctxOf(c)(db), refOf(a, framework), evidenceId, file),
      );
      return c.json({ id: upload.id, fileName: upload.fileName, contentType: upload.contentType, sizeBytes: upload.sizeBytes }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/files/{uploadId}',
      tags: ['Accreditation'],
      summary: 'Download a file of an evidence item (those who may see the portfolio); always as an attachment',
      request: { params: fileParams },
      responses: {
        200: {
          description: 'The file, with its sniffed type',
          content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'view');
      const { evidenceId, uploadId } = c.req.valid('param');
      const db = c.var.deps.database.db;
      const found = await findAttachment(db, uploadId);
      if (!found || found.evidenceId !== evidenceId || found.candidateId !== a.portfolio.candidate.id) throw notFound('File');
      return sendUpload(c, db, found.upload) as never;
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/networks/{networkId}/accreditation/portfolios/{candidateId}/evidence/{evidenceId}/files/{uploadId}',
      tags: ['Accreditation'],
      summary: 'Remove a file from an item of your own open portfolio',
      request: { params: fileParams },
      responses: { 204: { description: 'Removed' }, 409: problem('The portfolio is submitted'), ...problemResponses },
    }),
    async (c) => {
      signedIn(c);
      const a = await portfolioFor(c, 'edit');
      const framework = await frameworkOf(c, a.cohort.frameworkVersionId);
      const { evidenceId, uploadId } = c.req.valid('param');
      await inTransaction(c.var.deps.database, (db) => removeEvidenceFile(ctxOf(c)(db), refOf(a, framework), evidenceId, uploadId));
      return c.body(null, 204);
    },
  );
