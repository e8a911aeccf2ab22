import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, openReviewWithStatements, type TestApi, type TestClient } from '../../test-support/api.js';
import {
  changedTables,
  type SnapshottingFactory,
  type StoreSnapshot,
  snapshottingPostgresFactory,
  snapshottingSqliteFactory,
} from './store-snapshot.js';

/**
 * Hostile input for every request schema: the routes come from the app's own OpenAPI document, so a
 * route added later is fuzzed without touching this file. For each route with path parameters, a
 * query or a body, fast-check sends arbitrary JSON, prototype-pollution keys, wrong types, numbers
 * out of range, long and odd Unicode strings, broken JSON and oversized bodies, as a signed-in owner
 * (so requests get past authentication and reach validation and the commands). Every answer must be
 * below 500, and a refused request (4xx) must leave the database exactly as it was.
 */

/** Routes left out, each for a reason. */
const skipped = new Map<string, string>([
  // A server-sent event stream: a valid request never finishes, which is the point of it.
  ['get /api/reviews/{slug}/results/events', 'never-ending event stream'],
]);

/**
 * Tables a refused request may change by design: a rejected sign-in is counted, so that guessing
 * passwords ends in a lockout (security/account-security.test.ts).
 */
const changedByDesign = ['login_failures'];

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  pathParams: string[];
  queryNames: string[];
  bodyProperties: string[] | null;
}

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

function operationsOf(document: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(byMethod)) {
      if (skipped.has(`${method} ${path}`)) continue;
      const parameters = operation.parameters ?? [];
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const pathParams = parameters.filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      const queryNames = parameters.filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name);
      if (pathParams.length === 0 && queryNames.length === 0 && body === undefined) continue;
      operations.push({
        method: method.toUpperCase() as Operation['method'],
        path,
        pathParams,
        queryNames,
        bodyProperties: body === undefined ? null : Object.keys(body.properties ?? {}),
      });
    }
  }
  return operations;
}

const pollutionKeys = ['__proto__', 'constructor', 'prototype'];

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '-1',
  '0',
  '1e3',
  '1.5',
  '99999999999999999999',
  '2147483648',
  'NaN',
  'Infinity',
  'true',
  'null',
  '<script>window.__xss=1</script>',
  "' OR 1=1 --",
  '\u202Eevil\u202C',
  '👩🏽‍🚀'.repeat(40),
  'x'.repeat(5_000),
);

/** Strings people and scripts send: any Unicode, raw bytes, and the awkward ones above. */
const hostileString = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  oddStrings,
  fc.integer().map(String),
);

/** A JSON value as text, including values JSON.stringify cannot produce (1e400, -0). */
const hostileValueText: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
  hostileString.map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '1e400',
    '-1e400',
    '-0',
    '9007199254740993',
    '-2147483649',
    '0.1',
    'true',
    'null',
    '[]',
    '{}',
    '[[[[[[[[[[]]]]]]]]]]',
    '{"__proto__":{"polluted":true}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
  ),
  fc.double().map((value) => (Number.isFinite(value) ? JSON.stringify(value) : '1e400')),
);

/** A JSON object as text, so `__proto__` stays an own key rather than becoming the prototype. */
function hostileObjectText(properties: readonly string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: properties.length > 0 ? fc.constantFrom(...properties) : fc.string() },
    { weight: 1, arbitrary: fc.constantFrom(...pollutionKeys) },
    { weight: 1, arbitrary: hostileString },
  );
  return fc
    .array(fc.tuple(key, hostileValueText), { maxLength: Math.max(3, properties.length + 2) })
    .map((entries) => `{${entries.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`);
}

function hostileBody(properties: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: hostileObjectText(properties) },
    { weight: 2, arbitrary: hostileValueText },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'not json',
        '{"a":',
        '{"a":1}{"b":2}',
        JSON.stringify({ text: 'x'.repeat(300_000) }),
      ),
    },
  );
}

/** Lone surrogates cannot be percent-encoded; a round trip through UTF-8 replaces them, as a browser would. */
function encodeSegment(value: string): string {
  return encodeURIComponent(Buffer.from(value, 'utf8').toString('utf8'));
}

interface FuzzRequest {
  url: string;
  body: string | undefined;
  contentType: string;
}

function requestArbitrary(operation: Operation, realValues: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const params = operation.pathParams.map((name) => {
    const real = realValues[name] ?? '1';
    return fc.oneof({ weight: 3, arbitrary: fc.constant(real) }, { weight: 2, arbitrary: hostileString });
  });
  const query = fc.array(
    fc.tuple(fc.oneof(fc.constantFrom(...operation.queryNames, ...pollutionKeys), hostileString), hostileString),
    { maxLength: operation.queryNames.length + 2 },
  );
  const body =
    operation.bodyProperties === null || operation.method === 'GET'
      ? fc.constant(undefined)
      : hostileBody(operation.bodyProperties);
  const contentType = fc.oneof(
    { weight: 9, arbitrary: fc.constant('application/json') },
    {
      weight: 1,
      arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1'),
    },
  );
  return fc.record({ params: fc.tuple(...params), query, body, contentType }).map((generated) => {
    let path = operation.path;
    operation.pathParams.forEach((name, index) => {
      path = path.replace(`{${name}}`, encodeSegment(generated.params[index] ?? ''));
    });
    const search = new URLSearchParams(generated.query.map(([name, value]) => [name, Buffer.from(value).toString()]));
    const url = search.size > 0 ? `${path}?${search.toString()}` : path;
    return { url, body: generated.body, contentType: generated.contentType };
  });
}

function fuzzSuite(factory: SnapshottingFactory, numRuns: number): void {
  describe.skipIf(factory.skipReason !== undefined)(`hostile input on ${factory.kind}`, () => {
    let api: TestApi;
    let owner: TestClient;
    let realValues: Record<string, string>;

    beforeAll(async () => {
      api = await createTestApi(factory);
      const opened = await openReviewWithStatements(api, ['Buses should run later', 'Libraries need funding']);
      owner = opened.owner;
      const review = await api.store.findReviewBySlug(opened.slug);
      const statements = await api.store.listStatements(review?.id ?? 0);
      realValues = { slug: opened.slug, statementId: String(statements[0]?.id ?? 1) };
    });
    afterAll(async () => {
      await api.close();
      await factory.dispose();
    });

    it('answers every route below 500 and stores nothing when it refuses', { timeout: 120_000 }, async () => {
      const document = (await owner.get('/api/openapi.json')).json();
      const operations = operationsOf(document);
      expect(operations.length).toBeGreaterThan(50);
      let last: StoreSnapshot = await factory.snapshot();
      const failures: string[] = [];
      const statuses = new Map<number, number>();
      for (const operation of operations) {
        try {
          await fc.assert(
            fc.asyncProperty(requestArbitrary(operation, realValues), async (request) => {
              const response = await owner.send(operation.method, request.url, {
                ...(request.body === undefined ? {} : { rawBody: request.body }),
                headers: { 'content-type': request.contentType },
              });
              expect(response.statusCode, response.body.slice(0, 300)).toBeLessThan(500);
              expect(({} as Record<string, unknown>).polluted).toBeUndefined();
              statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
              const now = await factory.snapshot();
              if (response.statusCode >= 400) {
                expect(response.headers['content-type']).toContain('application/problem+json');
                expect(changedTables(last, now, changedByDesign), response.body.slice(0, 300)).toEqual([]);
              }
              last = now;
            }),
            { numRuns, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
          );
        } catch (error) {
          failures.push(
            `${operation.method} ${operation.path}: ${error instanceof Error ? error.message.slice(0, 600) : error}`,
          );
          last = await factory.snapshot();
        }
      }
      expect(failures).toEqual([]);
      // Not all refusals: some hostile-but-valid input must have been accepted, or nothing was tested past validation.
      expect([...statuses.keys()].some((status) => status < 300)).toBe(true);
    });
  });
}

// Tuned to keep the whole file well under a minute on this 2-core machine.
fuzzSuite(snapshottingSqliteFactory(), Number(process.env.FUZZ_RUNS ?? 10));
fuzzSuite(snapshottingPostgresFactory(), Number(process.env.FUZZ_RUNS_POSTGRES ?? 2));
