import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { type Operation, type Schema, sampleFor } from './openapi.ts';

// Generated request bodies for every API write route read from the OpenAPI document: wrong types, huge
// strings, deep nesting, unicode, broken JSON and wrong content types. Used by the quick fuzz test and,
// with 10,000+ runs, by `npm run check:security`.

type App = { request(url: string, init: RequestInit): Response | Promise<Response> };

export interface FuzzStats {
  requests: number;
  byStatus: Record<number, number>;
  failures: string[];
}

const wrongTypes = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'text/html'];

const hugeString = fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n));
const unicode = fc.string({ unit: 'binary', maxLength: 200 });
const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u202e',
  '🏫👩‍🏫',
  "'; drop table people; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  'null',
);
/** Nesting as a value (moderate, so it can be serialised) and as text (up to 20,000 levels). */
const deep = fc.integer({ min: 10, max: 500 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
});
const deepText = fc
  .tuple(fc.integer({ min: 1000, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));
const oddNumbers = fc.constantFrom(0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.5, 999999999999);

/** A value for one field: sometimes right, mostly wrong in some way. */
const fieldValue = (schema: Schema | undefined, resolve: (s: Schema | undefined) => Schema | undefined) =>
  fc.oneof(
    fc.constant(null).map(() => sampleFor(schema, resolve)),
    fc.jsonValue({ maxDepth: 3 }),
    hugeString,
    unicode,
    oddStrings,
    oddNumbers,
    deep,
    fc.constant(null),
    fc.boolean(),
  );

function bodyFor(op: Operation, resolve: (s: Schema | undefined) => Schema | undefined) {
  const properties = Object.entries(resolve(op.body)?.properties ?? {});
  const record = fc.record(Object.fromEntries(properties.map(([k, s]) => [k, fieldValue(s, resolve)])), { requiredKeys: [] });
  const text = fc.oneof(
    { weight: 6, arbitrary: record.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: deepText },
    { weight: 1, arbitrary: fc.oneof(unicode, fc.constantFrom('{', '{"a":', '[1,2', 'undefined', '\u0000', '{"__proto__":{"x":1}}')) },
  );
  return fc.record({
    text,
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant('application/json') },
      { weight: 2, arbitrary: fc.constantFrom(...wrongTypes) },
    ),
  });
}

const stackTrace = /\n\s+at\s|node_modules|\.ts:\d+|\bError:\s/;

/** Check one answer; returns what is wrong with it, or null. */
async function judge(res: Response, wrongType: boolean): Promise<string | null> {
  const text = await res.text();
  if (res.status >= 500) return `answered ${res.status}`;
  if (wrongType && res.status !== 415) return `wrong content type answered ${res.status}, not 415`;
  if (res.status < 400) return null;
  if (!(res.headers.get('content-type') ?? '').includes('application/problem+json')) return `${res.status} is not problem+json`;
  let problem: { title?: unknown; detail?: unknown };
  try {
    problem = JSON.parse(text);
  } catch {
    return `${res.status} body is not JSON`;
  }
  if (typeof problem.title !== 'string' || !problem.title) return `${res.status} problem has no title`;
  if (stackTrace.test(text)) return `${res.status} problem shows a stack trace or source path`;
  return null;
}

/**
 * Fuzz every write operation `numRuns` times in all (spread over the operations). `networkId` fills
 * {networkId}; other path ids are fresh uuids (or a made-up URN).
 */
export async function fuzzWriteRoutes(
  app: App,
  options: {
    operations: Operation[];
    resolve: (s: Schema | undefined) => Schema | undefined;
    headers: Record<string, string>;
    networkId: string;
    numRuns: number;
    seed?: number;
  },
): Promise<FuzzStats> {
  const writes = options.operations.filter((o) => o.body && o.method !== 'GET');
  const stats: FuzzStats = { requests: 0, byStatus: {}, failures: [] };
  const perRoute = Math.max(1, Math.ceil(options.numRuns / Math.max(1, writes.length)));
  for (const op of writes) {
    const url = `/api/v1${op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === 'networkId'
        ? options.networkId
        : op.parameters.find((p) => p.name === name)?.schema?.type === 'integer'
          ? '999999999'
          : randomUUID(),
    )}`;
    const result = await fc.check(
      fc.asyncProperty(bodyFor(op, options.resolve), async ({ text, contentType }) => {
        const res = await app.request(url, { method: op.method, headers: { ...options.headers, 'content-type': contentType }, body: text });
        stats.requests++;
        stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
        const wrong = await judge(res, contentType !== 'application/json');
        if (wrong) throw new Error(wrong);
      }),
      { numRuns: perRoute, seed: options.seed, endOnFailure: false },
    );
    if (result.failed) {
      const example = JSON.stringify(result.counterexample?.[0] ?? null).slice(0, 300);
      stats.failures.push(
        `${op.method} ${op.path}: ${(result.errorInstance as Error | undefined)?.message ?? 'failed'}; smallest example ${example} (seed ${result.seed})`,
      );
    }
  }
  return stats;
}
