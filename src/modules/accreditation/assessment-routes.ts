import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { accreditationReportsApi } from './accreditation-reports-api.ts';
import { accreditationReportPages } from './accreditation-reports-pages.ts';
import { assessmentApi, submissionApi } from './assessment-api.ts';
import { assessmentPages } from './assessment-pages.ts';
import { certificatesApi } from './certificates-api.ts';
import { certificatePages, verificationPages } from './certificates-pages.ts';
import { reviewApi } from './review-api.ts';
import { reviewPages } from './review-pages.ts';

// Accreditation outcomes (second half of LP accreditation): peer review, submission, assessment,
// moderation, certificates with public verification, support days and reports.

export const outcomesViews = fileURLToPath(new URL('./views', import.meta.url));

export const outcomesModulePages = new Hono<AppEnv>()
  .route('/', reviewPages)
  .route('/', assessmentPages)
  .route('/', certificatePages)
  .route('/', accreditationReportPages);

/** Public: no sign-in, outside /networks. */
export { verificationPages };

export const outcomesModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', certificatesApi)
  .route('/', assessmentApi)
  .route('/', submissionApi)
  .route('/', reviewApi)
  .route('/', accreditationReportsApi);
