import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { registerCalendarSource } from '../../kernel/calendar/feed.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { allocationApi } from './allocation-api.ts';
import { brokerageApi } from './brokerage-api.ts';
import { brokeragePages } from './brokerage-pages.ts';
import { profilePages } from './brokerage-profile-pages.ts';
import { deploymentsApi } from './deployments-api.ts';
import { deploymentCalendarEvents } from './deployments-calendar.ts';
import { deploymentPages } from './deployments-pages.ts';
import { offerPages } from './offers-pages.ts';
import { requestPages } from './requests-pages.ts';

// Commissioning, brokerage and deployments: offers, requests, matches, the whole allocation, deployments, profiles.

export const brokerageModulePages = new Hono<AppEnv>()
  .route('/', offerPages)
  .route('/', requestPages)
  .route('/', deploymentPages)
  .route('/', brokeragePages)
  .route('/', profilePages);

// Deployment dates appear in the calendar feed of the leader and of the supported school's leaders.
registerCalendarSource('deployments', deploymentCalendarEvents);

export const brokerageModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', brokerageApi)
  .route('/', deploymentsApi)
  .route('/', allocationApi);
