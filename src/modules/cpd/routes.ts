import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { registerCalendarSource } from '../../kernel/calendar/feed.ts';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { bookingsApi } from './bookings-api.ts';
import { bookingPages } from './bookings-pages.ts';
import { reportPages } from './cpd-reports-pages.ts';
import { cpdSettingsApi } from './cpd-settings-api.ts';
import { cpdSettingsPages } from './cpd-settings-pages.ts';
import { feedback360Api } from './feedback360-api.ts';
import { feedback360Pages } from './feedback360-pages.ts';
import { followUpPages } from './followup-pages.ts';
import { leadershipApi } from './leadership-api.ts';
import { leadershipPages } from './leadership-pages.ts';
import { peerReviewApi } from './peer-review-api.ts';
import { peerReviewPages } from './peer-review-pages.ts';
import { programmePages } from './programmes-pages.ts';
import { registersApi } from './registers-api.ts';
import { registerPages } from './registers-pages.ts';
import { sessionsApi } from './sessions-api.ts';
import { cpdCalendarEvents } from './sessions-calendar.ts';
import { sessionPages } from './sessions-pages.ts';
import { triosApi } from './trios-api.ts';
import { trioPages } from './trios-pages.ts';

// CPD and leadership development as the app sees it: one sub-app of pages, one of API routes, one views folder.

export const cpdViews = fileURLToPath(new URL('./views', import.meta.url));

export const cpdModulePages = new Hono<AppEnv>()
  .route('/', leadershipPages)
  .route('/', feedback360Pages)
  .route('/', trioPages)
  .route('/', peerReviewPages)
  .route('/', sessionPages)
  .route('/', programmePages)
  .route('/', bookingPages)
  .route('/', registerPages)
  .route('/', reportPages)
  .route('/', cpdSettingsPages)
  .route('/', followUpPages);

// Booked CPD sessions appear in each person's calendar feed.
registerCalendarSource('cpd', cpdCalendarEvents);

export const cpdModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  .route('/', triosApi)
  .route('/', feedback360Api)
  .route('/', peerReviewApi)
  .route('/', sessionsApi)
  .route('/', bookingsApi)
  .route('/', cpdSettingsApi)
  .route('/', registersApi)
  .route('/', leadershipApi);
