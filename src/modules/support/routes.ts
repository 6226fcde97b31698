import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { brokerageModuleApi, brokerageModulePages } from './brokerage-routes.ts';
import { designationsApi } from './designations-api.ts';
import { designationPages } from './designations-pages.ts';
import { directoryApi } from './directory-api.ts';
import { directoryPages } from './directory-pages.ts';
import { moneyApi } from './money-api.ts';
import { moneyPages } from './money-pages.ts';
import { reportPages } from './reports-pages.ts';
import { roundsApi } from './rounds-api.ts';
import { roundPages } from './rounds-pages.ts';
import { statementPages } from './statements-pages.ts';

// School-to-school support as the app sees it: designations and the directory of expertise so far.

export const supportViews = fileURLToPath(new URL('./views', import.meta.url));

export const supportModulePages = new Hono<AppEnv>()
  .route('/', brokerageModulePages)
  .route('/', designationPages)
  .route('/', directoryPages)
  .route('/', roundPages)
  .route('/', moneyPages)
  .route('/', statementPages)
  .route('/', reportPages);

export const supportModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', brokerageModuleApi)
  .route('/', designationsApi)
  .route('/', directoryApi)
  .route('/', moneyApi)
  .route('/', roundsApi);
