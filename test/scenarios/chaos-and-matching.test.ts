// Probabilistic faults (seeded, reproducible, journaled, composable with delays) and request
// matching on the body (JSONPath), headers, query and path parameters, on a real mock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallCounts } from '../../mock-genesys/scenarios/call-counts.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { valuesPass } from '../../mock-genesys/scenarios/match.js';
import { DETAILS_QUERY_PATH, journalOf, lastDayInterval, startScenarioMock, tokenOf, type ScenarioMock } from './helpers.js';

const CHAOS_YAML = `description: 10 % of queue listings fail with 503
seed: 7
rules:
  - match: { route: queues }
    steps:
      - { fault: status, status: 503, probability: 0.1 }
    then: repeat-last
`;

const SLOW_SOMETIMES_YAML = `description: 5 % of calls take 3 s
rules:
  - match: { route: organization }
    probability: 0.05
    steps:
      - { delay: { fixed_ms: 3000 } }
    then: repeat-last
`;

const ONE_QUEUE_YAML = `description: only queries filtering on queue q-1 fail
rules:
  - match:
      route: analytics-query
      body:
        - { path: '$..predicates[?(@.dimension=="queueId")].value', equals: q-1 }
    steps:
      - { fault: status, status: 503 }
    then: repeat-last
  - match:
      route: queues
      query: { name: { matches: '^Sales' } }
      headers: { X-Tenant: { equals: acme } }
    steps:
      - { fault: status, status: 429 }
    then: repeat-last
  - match:
      route: queue-estimated-wait-time
      params: { queueId: { equals: q-9 } }
    steps:
      - { fault: status, status: 500 }
    then: repeat-last
`;

let mock: ScenarioMock;
let token: string;

beforeAll(async () => {
  mock = await startScenarioMock({ 'chaos.yaml': CHAOS_YAML, 'one-queue.yaml': ONE_QUEUE_YAML, 'slow-sometimes.yaml': SLOW_SOMETIMES_YAML });
  token = await tokenOf(mock);
});
afterAll(() => mock.stop());

async function queueStatuses(session: string, calls: number, seed?: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let call = 0; call < calls; call += 1) {
    const response = await mock.app.inject({
      method: 'GET',
      url: '/api/v2/routing/queues',
      headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'chaos', 'x-mock-session': session, ...(seed === undefined ? {} : { 'x-mock-seed': String(seed) }) },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

const failedCalls = (statuses: number[]): number[] => statuses.flatMap((status, index) => (status === 503 ? [index] : []));

describe('probability and seed', () => {
  it('faults about 10 % of 1,000 calls, the same calls for the same seed and session, others for another seed', { timeout: 60_000 }, async () => {
    const first = failedCalls(await queueStatuses('chaos-a', 1_000));
    expect(first.length).toBeGreaterThanOrEqual(70);
    expect(first.length).toBeLessThanOrEqual(130);
    // The same session replayed from the start (after a reset) with the scenario's seed, then with another.
    await mock.app.inject({ method: 'POST', url: '/__admin/reset' });
    expect(failedCalls(await queueStatuses('chaos-a', 1_000))).toEqual(first);
    await mock.app.inject({ method: 'POST', url: '/__admin/reset' });
    const otherSeed = failedCalls(await queueStatuses('chaos-a', 1_000, 8));
    expect(otherSeed).not.toEqual(first);
    // x-mock-seed alone decides: another session with the same header seed sees the same calls fail.
    expect(failedCalls(await queueStatuses('chaos-other-session', 1_000, 8))).toEqual(otherSeed);
  });

  it('journals the draw of each call, below the probability exactly when it faulted', async () => {
    await queueStatuses('chaos-journal', 40);
    const entries = await journalOf(mock, 'chaos-journal');
    expect(entries).toHaveLength(40);
    for (const entry of entries as Array<{ fault: string; draw?: { step?: number } }>) {
      expect(entry.draw?.step).toBeGreaterThanOrEqual(0);
      expect(entry.fault === 'status').toBe((entry.draw?.step ?? 1) < 0.1);
    }
  });

  it('composes with a delay: a rule with probability 0.05 delays about 5 % of calls (counted, not timed)', () => {
    const scenario = parseScenario(SLOW_SOMETIMES_YAML, '/x/slow-sometimes.yaml');
    const counts = new CallCounts();
    const delayed = Array.from({ length: 2_000 }, () => counts.advance(scenario, 's', { route: 'organization', method: 'GET', path: '/api/v2/organizations/me', page: undefined }))
      .filter((decision) => decision.step.delay !== undefined).length;
    expect(delayed).toBeGreaterThanOrEqual(60);
    expect(delayed).toBeLessThanOrEqual(140);
  });
});

describe('request matching', () => {
  const queryOn = (queueId: string) =>
    mock.app.inject({
      method: 'POST',
      url: DETAILS_QUERY_PATH,
      headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'one-queue', 'content-type': 'application/json' },
      payload: { interval: lastDayInterval(), segmentFilters: [{ type: 'or', predicates: [{ dimension: 'queueId', value: queueId }] }] },
    });

  it('faults only the queries filtering on the queue the rule names', async () => {
    const [one, two, unfiltered] = await Promise.all([
      queryOn('q-1'),
      queryOn('q-2'),
      mock.app.inject({ method: 'POST', url: DETAILS_QUERY_PATH, headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'one-queue' }, payload: { interval: lastDayInterval() } }),
    ]);
    expect([one.statusCode, two.statusCode, unfiltered.statusCode]).toEqual([503, 200, 200]);
  });

  it('matches query parameters with an RE2 pattern and headers case-insensitively, all of them together', async () => {
    const list = (url: string, tenant?: string) =>
      mock.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'one-queue', ...(tenant ? { 'x-tenant': tenant } : {}) } });
    const statuses = await Promise.all([list('/api/v2/routing/queues?name=Sales*', 'acme'), list('/api/v2/routing/queues?name=Support', 'acme'), list('/api/v2/routing/queues?name=Sales*', 'other')]);
    expect(statuses.map((response) => response.statusCode)).toEqual([429, 200, 200]);
  });

  it('matches a path parameter of the route', async () => {
    const wait = (queueId: string) =>
      mock.app.inject({ method: 'GET', url: `/api/v2/routing/queues/${queueId}/estimatedwaittime`, headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'one-queue' } });
    const [nine, other] = await Promise.all([wait('q-9'), wait('q-1')]);
    expect(nine.statusCode).toBe(500);
    expect(other.statusCode).not.toBe(500);
  });

  it('refuses an invalid RE2 pattern and a path parameter the route does not have, located', () => {
    const rule = (match: string) => `rules:\n  - match: ${match}\n    steps: [{ fault: reset }]\n    then: pass\n`;
    expect(() => parseScenario(rule("{ route: queues, query: { name: { matches: '(a' } } }"), 'bad.yaml')).toThrow(/bad\.yaml:2:\d+: not a valid RE2 regular expression: .*missing closing \)/);
    expect(() => parseScenario(rule("{ route: queues, query: { name: { matches: '(a)\\1' } } }"), 'bad.yaml')).toThrow(/not a valid RE2/);
    expect(() => parseScenario(rule('{ route: user-presence, params: { queueId: { exists: true } } }'), 'bad.yaml')).toThrow(/route user-presence has no path parameter "queueId" \(it has: userId\)/);
    expect(() => parseScenario(rule('{ route: queues, headers: { a: { equals: 1, exists: true } } }'), 'bad.yaml')).toThrow(/bad\.yaml:2:/);
  });

  it('tests values with equals, contains, matches and exists', () => {
    expect(valuesPass({ equals: 5 }, ['5'])).toBe(true);
    expect(valuesPass({ equals: 'a' }, ['b'])).toBe(false);
    expect(valuesPass({ contains: 'ale' }, ['Sales'])).toBe(true);
    expect(valuesPass({ contains: 'q-2' }, [['q-1', 'q-2']])).toBe(true);
    expect(valuesPass({ matches: '^(a+)+$' }, [`${'a'.repeat(50_000)}!`])).toBe(false);
    expect(valuesPass({ exists: true }, [])).toBe(false);
    expect(valuesPass({ exists: false }, [])).toBe(true);
  });
});

describe('an injected 429', () => {
  it('carries the inin-ratelimit-* headers a 429 of the mock\'s own limiter carries', async () => {
    const response = await mock.app.inject({ method: 'GET', url: '/api/v2/routing/queues?name=Sales', headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'one-queue', 'x-tenant': 'acme' } });
    expect(response.statusCode).toBe(429);
    // MOCK_RATE_LIMIT_PER_MIN is 0 in tests: the headers show Genesys' default limit, one over it.
    expect(response.headers).toMatchObject({ 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '301', 'inin-ratelimit-reset': '60' });
  });
});
