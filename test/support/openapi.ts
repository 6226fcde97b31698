import { randomUUID } from 'node:crypto';

// The API's own description, read back for tests that walk every route (contract, isolation, fuzzing).

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  pattern?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
export interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema?: Schema;
}
export interface Operation {
  method: string;
  /** OpenAPI form, e.g. /networks/{networkId}/people (without /api/v1). */
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export async function apiOperations(app: { request(url: string): Response | Promise<Response> }) {
  const doc = (await (await app.request('/api/v1/openapi.json')).json()) as Document;
  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: resolve(op.requestBody?.content['application/json']?.schema),
    })),
  );
  return { operations, resolve };
}

/** A plausible valid value for a JSON schema (first enum value, short text, a fresh uuid, today...). */
export function sampleFor(schema: Schema | undefined, resolve: (s: Schema | undefined) => Schema | undefined = (s) => s): unknown {
  const s = resolve(schema);
  if (!s) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  const choice = s.anyOf ?? s.oneOf;
  if (choice?.length) return sampleFor(choice.find((c) => c.type !== 'null') ?? choice[0], resolve);
  if (s.allOf?.length) return sampleFor(s.allOf[0], resolve);
  const type = [s.type].flat().find((t) => t !== 'null');
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'email') return `sample-${randomUUID().slice(0, 8)}@example.org`;
      if (s.format === 'date') return new Date().toISOString().slice(0, 10);
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'uri') return 'https://example.org/';
      return 'Sample'.padEnd(Math.max(s.minLength ?? 0, 6), 'x');
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleFor(s.items, resolve));
    case 'object':
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, sampleFor(v, resolve)]));
    default:
      return null;
  }
}
