import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzWriteRoutes } from '../test/support/api-fuzz.ts';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { apiOperations } from '../test/support/openapi.ts';
import { apiTokens } from './kernel/auth/schema.ts';
import { hashSecret, newSecret } from './kernel/auth/secrets.ts';
import { makeMember, makeNetwork } from './seed/factories.ts';

// A quick fuzz of every API write route (a few hundred generated bodies in all); `npm run check:security`
// runs the same with 10,000 or more. No 5xx; every 4xx problem+json with a title and no stack trace;
// a wrong content type 415.

let t: TestApp;
let headers: Record<string, string>;
let networkId: string;

beforeAll(async () => {
  t = await createTestApp();
  networkId = (await makeNetwork(t.db)).id;
  const admin = await makeMember(t.db, networkId, 'network_admin');
  const token = newSecret();
  await t.db.insert(apiTokens).values({ personId: admin.id, name: 'fuzz', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  headers = { authorization: `Bearer ${token}` };
});
afterAll(() => t.close());

it('survives generated bodies on every write route: no 5xx, problem+json 4xx without stack traces, 415 for wrong types', async () => {
  const { operations, resolve } = await apiOperations(t.app);
  const stats = await fuzzWriteRoutes(t.app, { operations, resolve, headers, networkId, numRuns: 300 });
  expect(stats.failures).toEqual([]);
  expect(stats.requests).toBeGreaterThanOrEqual(300);
  expect(stats.byStatus[415]).toBeGreaterThan(0);
  expect(stats.byStatus[400]).toBeGreaterThan(0);
}, 120_000);

it('refuses text with a NUL character, which the database cannot store, with 400 problem+json', async () => {
  const res = await t.app.request(`/api/v1/networks/${networkId}/specialisms`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Phonics\u0000', area: 'quality_of_teaching' }),
  });
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(((await res.json()) as { detail: string }).detail).toContain('cannot be stored');
});
