import { fileURLToPath } from 'node:url';
import { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { validationHook } from '../../kernel/http/api-validation.ts';
import type { AppEnv } from '../../kernel/http/context.ts';
import { feedback360Pages } from './feedback360-pages.ts';
import { leadershipPages } from './leadership-pages.ts';
import { trioPages } from './trios-pages.ts';

// CPD and leadership development as the app sees it: one sub-app of pages, one of API routes, one views folder.

export const cpdViews = fileURLToPath(new URL('./views', import.meta.url));

export const cpdModulePages = new Hono<AppEnv>().route('/', leadershipPages).route('/', feedback360Pages).route('/', trioPages);

export const cpdModuleApi = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
