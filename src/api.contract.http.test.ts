import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/support/app.ts';
import { auditEvents } from './kernel/audit/schema.ts';
import { apiTokens } from './kernel/auth/schema.ts';
import { hashSecret, newSecret } from './kernel/auth/secrets.ts';
import { makeMember, makeNetwork } from './seed/factories.ts';

// Walks the OpenAPI document, so that every API route (today's and those added later) is held to the
// contract: wrong types -> 400 problem+json naming each field; unknown ids -> 404; no credentials -> 401;
// a body that is not JSON -> 415.

interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
}
interface Parameter {
  in: 'path' | 'query';
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

let t: TestApp;
let headers: Record<string, string>;
let networkId: string;
let otherNetworkId: string;
let operations: Operation[];

const wrongValueFor = (schema: Schema | undefined) => (schema?.type === 'integer' || schema?.type === 'number' ? 'abc' : 'not-a-uuid');
/** A JSON value of the wrong type for the field: a number for text, an object for anything else. */
const wrongJsonFor = (schema: Schema) => ([schema.type].flat().includes('string') ? 12345 : { not: 'this' });

function urlFor(op: Operation, overrides: Record<string, string> = {}) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name in overrides) return overrides[name]!;
    if (name === 'networkId') return networkId;
    const param = op.parameters.find((p) => p.name === name);
    return param?.schema?.type === 'integer' ? '999999999' : randomUUID();
  });
  return `/api/v1${path}`;
}

async function send(op: Operation, url: string, body?: unknown, auth = true) {
  return t.app.request(url, {
    method: op.method,
    headers: { ...(auth ? headers : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function expectProblem(res: Response, status: number, field?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const problem = (await res.json()) as { title: string; errors?: { path: string }[] };
  expect(problem.title).toBeTruthy();
  if (field) expect(problem.errors?.map((e) => e.path)).toContain(field);
}

beforeAll(async () => {
  t = await createTestApp();
  const network = await makeNetwork(t.db);
  networkId = network.id;
  otherNetworkId = (await makeNetwork(t.db)).id;
  const admin = await makeMember(t.db, network.id, 'network_admin');
  const token = newSecret();
  await t.db.insert(apiTokens).values({ personId: admin.id, name: 'contract', tokenHash: hashSecret(token), prefix: token.slice(0, 8) });
  headers = { authorization: `Bearer ${token}` };
  const doc = (await (await t.app.request('/api/v1/openapi.json')).json()) as {
    paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
    components: { schemas: Record<string, Schema> };
  };
  const resolve = (schema: Schema | undefined) =>
    schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path: path,
      parameters: op.parameters ?? [],
      body: resolve(op.requestBody?.content['application/json']?.schema),
    })),
  );
});
afterAll(() => t.close());

describe('every API route', () => {
  it('is found in the OpenAPI document, with the JSON bodies it accepts', () => {
    expect(operations.length).toBeGreaterThan(15);
    expect(operations.filter((o) => o.body?.properties).map((o) => `${o.method} ${o.path}`)).toContain('POST /networks/{networkId}/people');
  });

  it('answers 401 problem+json without credentials', async () => {
    for (const op of operations) await expectProblem(await send(op, urlFor(op), op.body ? {} : undefined, false), 401);
  });

  it('answers a wrongly typed path parameter with 400 naming it', async () => {
    for (const op of operations) {
      for (const param of op.parameters.filter((p) => p.in === 'path')) {
        const res = await send(op, urlFor(op, { [param.name]: wrongValueFor(param.schema) }), op.body ? {} : undefined);
        await expectProblem(res, 400, param.name);
      }
    }
  });

  it('answers a wrongly typed query parameter with 400 naming it', async () => {
    for (const op of operations) {
      for (const param of op.parameters.filter((p) => p.in === 'query' && p.schema?.type === 'integer')) {
        const res = await send(op, `${urlFor(op)}?${param.name}=abc`, op.body ? {} : undefined);
        await expectProblem(res, 400, param.name);
      }
    }
  });

  it('answers a body missing its required fields, or with wrong types, with 400 naming each field', async () => {
    for (const op of operations.filter((o) => o.body?.properties)) {
      const body = op.body!;
      const missing = await send(op, urlFor(op), {});
      for (const field of body.required ?? []) {
        expect(missing.status, `${op.method} ${op.path} without ${field}`).toBe(400);
      }
      if ((body.required ?? []).length) await expectProblem(missing, 400, body.required![0]);
      for (const [field, schema] of Object.entries(body.properties!)) {
        const res = await send(op, urlFor(op), { [field]: wrongJsonFor(schema) });
        await expectProblem(res, 400, field);
      }
    }
  });

  it('answers a body sent as anything but JSON with 415 problem+json, before validating it', async () => {
    const bodyRoutes = operations.filter((o) => o.body);
    expect(bodyRoutes.length).toBeGreaterThan(2);
    for (const op of bodyRoutes) {
      for (const [type, body] of [
        ['text/plain', '{}'],
        ['application/x-www-form-urlencoded', 'name=x'],
      ]) {
        const res = await t.app.request(urlFor(op), { method: op.method, headers: { ...headers, 'content-type': type! }, body });
        expect(res.status, `${op.method} ${op.path} as ${type}`).toBe(415);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const problem = (await res.json()) as { title: string; detail: string };
        expect(problem.title).toBe('Unsupported media type');
        expect(problem.detail).toContain('application/json');
      }
    }
  });

  it('answers an unknown id of the right form with 404', async () => {
    for (const op of operations) {
      const ids = op.parameters.filter((p) => p.in === 'path' && p.name !== 'networkId');
      if (ids.length === 0) continue;
      const res = await send(op, urlFor(op), op.body ? {} : undefined);
      // A body route may reject the empty body first; either way it must not succeed or fail with 5xx.
      if (op.body) expect([400, 404]).toContain(res.status);
      else await expectProblem(res, 404);
    }
  });

  it('answers an unknown network with 404, never 2xx', async () => {
    for (const op of operations.filter((o) => o.path.includes('{networkId}'))) {
      const res = await send(op, urlFor(op, { networkId: randomUUID() }), op.body ? {} : undefined);
      expect([400, 404], `${op.method} ${op.path}`).toContain(res.status);
    }
  });

  it("refuses another network's routes to an admin of this one, and audits each refusal there", async () => {
    const refusals = async () =>
      (await t.db.select().from(auditEvents).where(eq(auditEvents.networkId, otherNetworkId))).filter((e) => e.action === 'access.refused')
        .length;
    let refused = 0;
    for (const op of operations.filter((o) => o.path.includes('{networkId}'))) {
      const before = await refusals();
      const res = await send(op, urlFor(op, { networkId: otherNetworkId }), op.body ? {} : undefined);
      if (op.body) {
        // The empty body may be refused as invalid first; it must never get through.
        expect([400, 403, 404], `${op.method} ${op.path}`).toContain(res.status);
        continue;
      }
      // Routes naming a record inside the network may answer 404 for a made-up record id before asking the policy.
      const namesRecord = op.parameters.some((p) => p.in === 'path' && p.name !== 'networkId');
      expect(namesRecord ? [403, 404] : [403], `${op.method} ${op.path}`).toContain(res.status);
      if (res.status === 403) {
        refused++;
        expect(await refusals(), `${op.method} ${op.path} audited`).toBe(before + 1);
      }
    }
    expect(refused).toBeGreaterThan(5);
  });
});
