import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { problemResponses, Uuid } from '../../kernel/http/api-schemas.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import { type AppEnv, signedIn } from '../../kernel/http/context.ts';
import { networkFor } from '../networks/pages.ts';
import { reportTables } from './accreditation-reports-pages.ts';

// The accreditation reports as JSON: the same tables, with the same figures, as the page and the CSV.

const Table = z.object({ title: z.string(), head: z.array(z.string()), rows: z.array(z.array(z.string())) });

export const accreditationReportsApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(
  createRoute({
    method: 'get',
    path: '/networks/{networkId}/accreditation/reports',
    tags: ['Accreditation'],
    summary:
      'Candidates by stage, meeting attendance, coverage by standard and pass rate for a cohort; support days given against the commitment',
    request: {
      params: z.object({ networkId: Uuid }),
      query: z.object({
        cohort: Uuid.optional().openapi({ description: 'The cohort (default: the latest)' }),
        year: z.coerce
          .number()
          .int()
          .min(2000)
          .max(2100)
          .optional()
          .openapi({ description: 'Academic year starting in (default: this one)' }),
      }),
    },
    responses: {
      200: {
        description: 'The report tables',
        content: {
          'application/json': {
            schema: z.object({ cohortId: z.string().uuid().nullable(), academicYear: z.number().int(), tables: z.array(Table) }),
          },
        },
      },
      ...problemResponses,
    },
  }),
  async (c) => {
    signedIn(c);
    const network = await networkFor(c, 'lpReport.view');
    const { cohort, year, tables } = await reportTables(c, network.id);
    return c.json({ cohortId: cohort?.id ?? null, academicYear: year, tables }, 200);
  },
);
