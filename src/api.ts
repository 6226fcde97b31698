import { OpenAPIHono } from '@hono/zod-openapi';
import { accountApi } from './kernel/auth/account-api.ts';
import { validationHook } from './kernel/http/api-validation.ts';
import type { AppEnv } from './kernel/http/context.ts';
import { unauthorized } from './kernel/http/errors.ts';
import { requireJsonBody } from './kernel/http/json-body.ts';
import { outcomesModuleApi } from './modules/accreditation/assessment-routes.ts';
import { accreditationModuleApi } from './modules/accreditation/routes.ts';
import { cpdModuleApi } from './modules/cpd/routes.ts';
import { networksModuleApi } from './modules/networks/routes.ts';
import { privacyApi } from './modules/privacy/api.ts';
import { supportModuleApi } from './modules/support/routes.ts';

/** `/api/v1`: JSON for integrations, calling the same commands and queries as the pages. */
export const apiApp = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
apiApp.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  description: 'A personal API token (alliance token create, or Your account > API tokens).',
});
// Every API route but the OpenAPI document needs a token or a session: answer 401 before validating input.
apiApp.use('*', async (c, next) => {
  if (!c.var.actor && c.req.path !== '/api/v1/openapi.json') throw unauthorized();
  await next();
});
apiApp.use('*', requireJsonBody);
apiApp.route('/', networksModuleApi);
apiApp.route('/', accreditationModuleApi);
apiApp.route('/', supportModuleApi);
apiApp.route('/', cpdModuleApi);
apiApp.route('/', outcomesModuleApi);
apiApp.route('/', accountApi);
apiApp.route('/', privacyApi);
apiApp.doc31('/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Alliance API',
    version: '1.0.0',
    description: 'Networks, schools, people and memberships. Errors are application/problem+json.',
  },
  security: [{ bearer: [] }],
});
