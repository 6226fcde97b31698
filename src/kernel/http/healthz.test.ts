import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createDeps } from '../../runtime.ts';
import { type Database, openDatabase } from '../db/client.ts';
import { migrate } from '../db/migrate.ts';

let database: Database;
beforeAll(async () => {
  database = await openDatabase({});
});
afterAll(() => database.close());

it('answers 503 until the database is migrated, then 200 naming the database', async () => {
  const app = createApp(createDeps(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), database));
  const before = await app.request('/healthz');
  expect(before.status).toBe(503);
  await migrate(database);
  const after = await app.request('/healthz');
  expect(after.status).toBe(200);
  expect(await after.json()).toEqual({ status: 'ok', database: 'pglite' });
});

it('says on every page when mail goes to the local outbox, and shows the outbox', async () => {
  const deps = createDeps(loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }), database);
  const app = createApp(deps);
  await deps.mailer.send({ to: 'someone@example.org', subject: 'Your link to sign in', text: 'Open http://localhost:3000/x' });
  expect(await (await app.request('/sign-in')).text()).toContain('development outbox');
  const outbox = await (await app.request('/dev/outbox')).text();
  expect(outbox).toContain('Your link to sign in');
  expect(outbox).toContain('someone@example.org');
});

it('hides the outbox in production', async () => {
  const app = createApp(createDeps(loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent' }), database));
  expect((await app.request('/dev/outbox')).status).toBe(404);
});
