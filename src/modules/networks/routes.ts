import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { networksApi } from './api.ts';
import { auditPages } from './audit-pages.ts';
import { invitationPages } from './invitations-pages.ts';
import { networkPages } from './pages.ts';
import { partnershipsApi } from './partnerships-api.ts';
import { partnershipPages } from './partnerships-pages.ts';
import { peopleApi } from './people-api.ts';
import { peoplePages } from './people-pages.ts';
import { schoolsApi } from './schools-api.ts';
import { schoolPages } from './schools-pages.ts';
import { settingsPages } from './settings-pages.ts';
import { specialismsApi } from './specialisms-api.ts';
import { specialismPages } from './specialisms-pages.ts';

// The networks module as the app sees it: one sub-app of pages, one of API routes, one views folder.

export const networksViews = fileURLToPath(new URL('./views', import.meta.url));

export const networksModulePages = new Hono<AppEnv>()
  .route('/', networkPages)
  .route('/', peoplePages)
  .route('/', invitationPages)
  .route('/', auditPages)
  .route('/', schoolPages)
  .route('/', settingsPages)
  .route('/', partnershipPages)
  .route('/', specialismPages);

export const networksModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', networksApi)
  .route('/', peopleApi)
  .route('/', schoolsApi)
  .route('/', specialismsApi)
  .route('/', partnershipsApi);
