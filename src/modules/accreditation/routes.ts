import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Config } from '../../config.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { uploadLimit } from '../../kernel/uploads/body-limit.ts';
import { uploadLimitsOf } from '../../kernel/uploads/store.ts';
import { cohortsApi } from './cohorts-api.ts';
import { cohortPages } from './cohorts-pages.ts';
import { evidenceFilesApi } from './evidence-files-api.ts';
import { frameworkApi } from './framework-api.ts';
import { frameworkPages } from './framework-pages.ts';
import { frameworkStandardPages } from './framework-standards-pages.ts';
import { mentorPages } from './mentors-pages.ts';
import { portfolioApi } from './portfolio-api.ts';
import { portfolioPages } from './portfolio-pages.ts';
import { sharingApi } from './sharing-api.ts';
import { sharingPages } from './sharing-pages.ts';

// Lead Practitioner accreditation, first half: frameworks, cohorts, mentors and portfolios. The outcomes
// (peer review to certificates) mount from assessment-routes.ts; both share ./views.

/**
 * Every form in the area may carry an attachment: refuse a body over one file's limit (plus room for the
 * other fields) before the CSRF check reads it. Mounted in app.ts ahead of that check.
 */
export function accreditationBodyLimit(config: Config) {
  const { maxFileBytes } = uploadLimitsOf(config);
  return uploadLimit(maxFileBytes + 256 * 1024, 'file', maxFileBytes);
}

export const accreditationModulePages = new Hono<AppEnv>()
  .route('/', frameworkPages)
  .route('/', frameworkStandardPages)
  .route('/', cohortPages)
  .route('/', mentorPages)
  .route('/', portfolioPages)
  .route('/', sharingPages);

export const accreditationModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', portfolioApi)
  .route('/', cohortsApi)
  .route('/', sharingApi)
  .route('/', frameworkApi)
  .route('/', evidenceFilesApi);
