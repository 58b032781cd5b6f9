// Property-based fuzzing of what a flow can send: the filter_expression parser and the body
// compiler as pure functions (thousands of inputs), then POST /api/query over real sockets
// (hundreds). Never a crash, never a 5xx; every answer is an envelope, a 4xx says what is wrong.
import fc from 'fast-check';
import { Pool } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';
import { compileQueryRequest } from '../../src/query/compile.js';
import { MEDIA_TYPES, parseFilterExpression } from '../../src/query/filter-expression.js';
import type { QueryRequest } from '../../src/query/request.js';
import { answerProblem } from './envelope-check.js';

const FIELDS = ['queue.id', 'media.type', 'direction', 'user.id', 'createdDateTime', 'conversationStart', 'QUEUE.ID', 'foo', 'and', ''];
const OPERATORS = ['=', '>=', '>', '<', '<=', '!=', '==', '!', '=>', ''];
const LITERALS = ["'voice'", '"inbound"', "'8f3a-11'", "'2026-11-01T00:00:00Z'", "'2026-11-01T00:00:00+02:00'", "''", "'2026-13-45T99:99:99Z'", "'unterminated", '"a\\"b"', "'\\\\'", 'bare', '42'];
const JOINERS = [' AND ', ' and ', ' OR ', ' ', '', ' AND AND '];

/** Expressions built from the grammar's own pieces, valid and nearly valid, glued at random. */
const grammarExpression = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...OPERATORS), fc.constantFrom(...LITERALS), fc.constantFrom(...JOINERS)), { minLength: 1, maxLength: 6 })
  .map((clauses) => clauses.map(([field, operator, literal, joiner], index) => `${index === 0 ? '' : joiner}${field} ${operator} ${literal}`).join(''));

const anyExpression = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...`qd.=<>!'" \\aAnNtT0Z-:`.split('')), maxLength: 80 }),
  grammarExpression,
);

describe('parseFilterExpression, pure', () => {
  it('answers every input with a value or a syntax error at a position inside the text', () => {
    fc.assert(
      fc.property(anyExpression, (source) => {
        const result = parseFilterExpression(source);
        if (result.ok) {
          for (const predicate of result.value.predicates) {
            expect(['queueId', 'mediaType', 'direction', 'userId']).toContain(predicate.dimension);
            expect(predicate.value.trim()).not.toBe('');
          }
          if (result.value.startMs !== undefined) expect(Number.isFinite(result.value.startMs)).toBe(true);
          if (result.value.endMs !== undefined) expect(Number.isFinite(result.value.endMs)).toBe(true);
        } else {
          expect(result.error.position).toBeGreaterThanOrEqual(1);
          expect(result.error.position).toBeLessThanOrEqual(source.length + 1);
          expect(result.error.message).toContain(`position ${result.error.position}`);
          expect(result.error.expected).not.toBe('');
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('accepts every well-formed conjunction of dimension clauses, keeping each value', () => {
    const clause = fc.oneof(
      fc.constantFrom(...MEDIA_TYPES).map((value) => ({ text: `media.type = '${value}'`, dimension: 'mediaType', value })),
      fc.constantFrom('inbound', 'outbound').map((value) => ({ text: `direction="${value}"`, dimension: 'direction', value })),
      fc.stringMatching(/^[a-z0-9-]{1,36}$/).map((value) => ({ text: `queue.id = '${value}'`, dimension: 'queueId', value })),
    );
    fc.assert(
      fc.property(fc.array(clause, { minLength: 1, maxLength: 8 }), (clauses) => {
        const result = parseFilterExpression(clauses.map((c) => c.text).join(' AND '));
        expect(result.ok).toBe(true);
        if (result.ok) expect(result.value.predicates.map((p) => [p.dimension, p.value])).toEqual(clauses.map((c) => [c.dimension, c.value]));
      }),
      { numRuns: 2000 },
    );
  });
});

const limits = { maxPageSize: 100, maxPages: 5, defaultDeadlineMs: 8000, maxIntervalDays: 31, maxIntervalDaysWithoutFilters: 7 };
const isoDate = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
const intervalText = fc.oneof(
  fc.tuple(isoDate, isoDate).map(([start, end]) => `${start}/${end}`),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('/', 'a/b', '2026-11-01T00:00:00Z/', '2026-11-01T00:00:00Z/2026-11-01T00:00:00Z'),
);
const filterList = fc.array(fc.record({ type: fc.constantFrom('and' as const, 'or' as const), predicates: fc.array(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 }) }), { maxLength: 3 });

/** Bodies that pass the JSON Schema (the compiler only sees those), with hostile values inside. */
const schemaValidBody: fc.Arbitrary<QueryRequest> = fc.record(
  {
    filter_expression: anyExpression,
    interval: intervalText,
    queue_ids: fc.array(fc.string({ minLength: 1, maxLength: 40 }), { maxLength: 5 }),
    media_types: fc.uniqueArray(fc.constantFrom(...MEDIA_TYPES), { maxLength: 4 }),
    query: fc.record({ interval: intervalText, order: fc.constantFrom('asc', 'desc'), segmentFilters: filterList, conversationFilters: filterList }, { requiredKeys: [] }),
    page_size: fc.integer({ min: 1, max: 100 }),
    max_pages: fc.integer({ min: 1, max: limits.maxPages }),
    deadline_ms: fc.integer({ min: 1000, max: 55_000 }),
    allow_partial: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('compileQueryRequest, pure', () => {
  it('compiles every schema-valid body into a bounded query or a message saying what is wrong', () => {
    const nowMs = Date.parse('2026-11-02T12:00:00Z');
    fc.assert(
      fc.property(schemaValidBody, (body) => {
        const result = compileQueryRequest(body, limits, nowMs);
        if (!result.ok) {
          expect(result.message.length).toBeGreaterThan(10);
          return;
        }
        const [start, end] = result.value.query.interval.split('/').map((part) => Date.parse(part));
        expect(start).toBeLessThan(end!);
        expect(end! - start!).toBeLessThanOrEqual(limits.maxIntervalDays * 86_400_000);
        expect(result.value.query.paging.pageSize).toBeGreaterThanOrEqual(1);
        expect(result.value.query.paging.pageSize).toBeLessThanOrEqual(limits.maxPageSize);
        expect(result.value.deadlineMs).toBeGreaterThanOrEqual(1000);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('POST /api/query over HTTP', () => {
  let stack: Stack;
  let pool: Pool;

  beforeAll(async () => {
    // No per-token rate limit: hundreds of fuzzed queries must not turn into 429 waits.
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', MOCK_RATE_LIMIT_PER_MIN: '0' } });
    pool = new Pool(stack.proxyUrl, { connections: 8 });
  });
  afterAll(async () => {
    await pool?.close();
    await stack?.close();
  });

  async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const response = await pool.request({
      method: 'POST',
      path: '/api/query',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.apiKey}`, ...headers },
      body,
    });
    return { status: response.statusCode, text: await response.body.text() };
  }

  async function expectValidAnswer(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const answer = await post(body, headers);
    expect(answerProblem(answer.status, answer.text), `for body ${body.slice(0, 300)}`).toBeUndefined();
    return answer;
  }

  it('answers random JSON values with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (value) => {
        await expectValidAnswer(JSON.stringify(value) ?? 'null');
      }),
      { numRuns: 200 },
    );
  });

  it('answers random text sent as JSON with an envelope', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        await expectValidAnswer(text);
      }),
      { numRuns: 150 },
    );
  });

  const absurd = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(1e308, -1, 0, 0.5, Number.MAX_SAFE_INTEGER, '', 'NaN', null));
  it('answers near-valid bodies with absurd fields with an envelope', async () => {
    const nearlyValid = fc.record(
      {
        filter_expression: fc.oneof(anyExpression, absurd),
        interval: fc.oneof(intervalText, absurd),
        queue_ids: fc.oneof(fc.array(fc.string({ maxLength: 40 }), { maxLength: 4 }), absurd),
        media_types: fc.oneof(fc.array(fc.constantFrom(...MEDIA_TYPES, 'fax'), { maxLength: 3 }), absurd),
        query: fc.oneof(fc.record({ interval: intervalText, order: absurd, orderBy: absurd, segmentFilters: fc.oneof(filterList, absurd) }, { requiredKeys: [] }), absurd),
        page_size: fc.oneof(fc.integer({ min: -5, max: 120 }), absurd),
        max_pages: fc.oneof(fc.integer({ min: -5, max: 3 }), absurd),
        deadline_ms: fc.oneof(fc.integer({ min: 0, max: 70_000 }), absurd),
        allow_partial: absurd,
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(nearlyValid, async (body) => {
        await expectValidAnswer(JSON.stringify(body));
      }),
      { numRuns: 250 },
    );
  });

  it('answers a bad filter_expression with a 400 naming the position, a good one with data', async () => {
    await fc.assert(
      fc.asyncProperty(anyExpression, async (expression) => {
        const { status, text } = await expectValidAnswer(JSON.stringify({ filter_expression: expression, max_pages: 1, page_size: 5 }));
        const parsed = parseFilterExpression(expression);
        if (!parsed.ok) {
          expect(status).toBe(400);
          expect((JSON.parse(text) as { message: string }).message).toContain(`position ${parsed.error.position}`);
        } else {
          expect(status === 200 || status === 400).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers hostile headers and content types with an envelope', async () => {
    const headers = fc.record(
      {
        'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data'),
        authorization: fc.oneof(fc.constant(`Bearer ${stack.apiKey}`), fc.constant('Basic abc'), fc.stringMatching(/^[ -~]{0,30}$/).map((key) => `Bearer ${key}`)),
        'x-mock-session': fc.stringMatching(/^[a-z0-9-]{0,20}$/),
      },
      { requiredKeys: ['content-type'] },
    );
    await fc.assert(
      fc.asyncProperty(headers, fc.jsonValue({ maxDepth: 2 }), async (extraHeaders, value) => {
        const response = await pool.request({ method: 'POST', path: '/api/query', headers: { authorization: `Bearer ${stack.apiKey}`, ...extraHeaders }, body: JSON.stringify(value) ?? '' });
        const text = await response.body.text();
        expect(answerProblem(response.statusCode, text), `headers ${JSON.stringify(extraHeaders)}`).toBeUndefined();
      }),
      { numRuns: 150 },
    );
  });
});
