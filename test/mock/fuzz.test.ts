// Hostile bodies against the live details route: random JSON values, random text sent as
// JSON, deep nesting and near-valid queries with absurd fields. Never a 5xx; the server
// keeps answering.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DETAILS_QUERY, pastDaysInterval, postJson, useLoggedInMock } from './helpers.js';

const live = useLoggedInMock();

async function statusFor(body: string): Promise<number> {
  const response = await postJson(live.mock, DETAILS_QUERY, body, { authorization: `Bearer ${live.token}` });
  const text = await response.text();
  if (response.status >= 500) throw new Error(`${response.status} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`);
  return response.status;
}

const absurdValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom('NaN', 'Infinity', '-1', '', '2026-13-45T99:99:99Z/x', '/', 'P1D/2026-01-01T00:00:00Z'),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER, -0, 0.5),
);

const nearlyValidQuery = fc.record(
  {
    interval: fc.oneof(fc.constant(pastDaysInterval(1)), absurdValue),
    order: absurdValue,
    orderBy: absurdValue,
    paging: fc.oneof(fc.record({ pageSize: absurdValue, pageNumber: absurdValue }, { requiredKeys: [] }), absurdValue),
    segmentFilters: fc.oneof(
      fc.array(
        fc.record(
          {
            type: fc.oneof(fc.constantFrom('and', 'or'), absurdValue),
            predicates: fc.oneof(
              fc.array(fc.record({ type: absurdValue, dimension: fc.oneof(fc.constantFrom('queueId', 'mediaType'), absurdValue), operator: absurdValue, value: absurdValue }, { requiredKeys: [] }), { maxLength: 4 }),
              absurdValue,
            ),
            clauses: absurdValue,
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      absurdValue,
    ),
    conversationFilters: absurdValue,
  },
  { requiredKeys: [] },
);

describe('details query under hostile bodies', () => {
  it('never answers 5xx for random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => {
        expect(await statusFor(JSON.stringify(value) ?? 'null')).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx for random text sent as JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        expect(await statusFor(text)).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx for near-valid queries with absurd fields', async () => {
    await fc.assert(
      fc.asyncProperty(nearlyValidQuery, async (query) => {
        expect(await statusFor(JSON.stringify(query))).toBeLessThan(500);
      }),
      { numRuns: 200 },
    );
  });

  it('never answers 5xx for deeply nested bodies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50_000 }), fc.constantFrom('array', 'object', 'clauses'), async (depth, shape) => {
        const body =
          shape === 'array'
            ? '['.repeat(depth) + ']'.repeat(depth)
            : shape === 'object'
              ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
              : `{"interval":"${pastDaysInterval(1)}","segmentFilters":[${'{"type":"and","clauses":['.repeat(depth)}${']}'.repeat(depth)}]}`;
        expect(await statusFor(body)).toBeLessThan(500);
      }),
      { numRuns: 30 },
    );
  });

  it('still answers a valid query afterwards', async () => {
    const response = await postJson(live.mock, DETAILS_QUERY, JSON.stringify({ interval: pastDaysInterval(1) }), { authorization: `Bearer ${live.token}` });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { totalHits: number }).totalHits).toBeGreaterThan(0);
  });
});
