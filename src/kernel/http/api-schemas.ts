import { z } from '@hono/zod-openapi';

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

const problemContent = { 'application/problem+json': { schema: Problem } };
/** The error answers every authenticated route may give. */
export const problemResponses = {
  400: { description: 'Invalid input', content: problemContent },
  401: { description: 'No valid token or session', content: problemContent },
  403: { description: 'Not allowed for your roles', content: problemContent },
  404: { description: 'Not found', content: problemContent },
} as const;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1).openapi({ example: 1 }),
  perPage: z.coerce.number().int().min(1).max(200).default(50).openapi({ example: 50 }),
});

export const pageMeta = z.object({ page: z.number().int(), perPage: z.number().int(), total: z.number().int() });

export const Uuid = z.string().uuid();
