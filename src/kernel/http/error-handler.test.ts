import { Hono } from 'hono';
import { expect, it } from 'vitest';
import { viewDirs } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { ActorCache } from '../auth/actor-cache.ts';
import type { Database } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { outboxMailer } from '../mail/mailer.ts';
import { createTemplateEnvironment } from '../ui/nunjucks.ts';
import type { AppEnv, Deps } from './context.ts';
import { handleError } from './error-handler.ts';
import { provideDeps, securityHeaders } from './middleware.ts';

const secret = 'connection to db-internal.example:5432 failed for user alliance_owner';

/** A tiny app on the real error handler, with routes that fail the way a broken dependency would. */
function failingApp() {
  const logged: { msg: string; fields?: Record<string, unknown> }[] = [];
  const keep = (msg: string, fields?: Record<string, unknown>) => logged.push({ msg, fields });
  const log: Logger = { debug: keep, info: keep, warn: keep, error: keep };
  const deps: Deps = {
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    database: {} as Database, // never reached: the routes fail first
    mailer: outboxMailer(
      () => ({}) as Database['db'],
      () => {},
    ),
    templates: createTemplateEnvironment(viewDirs),
    log,
    identities: new ActorCache(0),
    background: new Set(),
  };
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use(provideDeps(deps), securityHeaders);
  const fail = () => {
    throw new Error(secret);
  };
  app.get('/api/v1/broken', fail);
  app.get('/broken', fail);
  return { app, logged };
}

const leaks = (text: string) => text.includes(secret) || /at .+\.(ts|js):\d+/.test(text) || text.includes('Error:');

it('answers an unexpected API error with 500 problem+json that says nothing of the cause, and logs it', async () => {
  const { app, logged } = failingApp();
  const res = await app.request('/api/v1/broken');
  expect(res.status).toBe(500);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = await res.text();
  expect(JSON.parse(body)).toMatchObject({ status: 500, title: 'Sorry, there is a problem with the service' });
  expect(leaks(body)).toBe(false);
  expect(logged).toHaveLength(1);
  expect(logged[0]!.fields).toMatchObject({ path: '/api/v1/broken', error: `Error: ${secret}` });
  expect(String(logged[0]!.fields?.stack)).toContain('error-handler.test.ts');
});

it('answers an unexpected page error with a 500 error page that says nothing of the cause, and logs it', async () => {
  const { app, logged } = failingApp();
  const res = await app.request('/broken', { headers: { accept: 'text/html' } });
  expect(res.status).toBe(500);
  expect(res.headers.get('content-type')).toContain('text/html');
  const html = await res.text();
  expect(html).toContain('Sorry, there is a problem with the service');
  expect(leaks(html)).toBe(false);
  expect(logged.map((l) => l.msg)).toEqual(['unhandled error']);
});
