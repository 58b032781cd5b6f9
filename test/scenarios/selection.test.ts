// Which scenario a request gets (active one, or the x-mock-scenario header), and call counts
// kept per (scenario, x-mock-session) so concurrent runs see their own sequences.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { postQuery, startScenarioMock, statusOf, tokenOf, type ScenarioMock } from './helpers.js';

const files = {
  'twice-429.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps:\n      - { fault: status, status: 429, retry_after_s: 1 }\n      - { fault: status, status: 429, retry_after_s: 1 }\n    then: pass\n',
  'page-two.yaml': 'rules:\n  - match: { route: analytics-query, page: 2 }\n    steps: [{ fault: status, status: 503 }]\n    then: repeat-last\n',
  'cycle.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status, status: 500 }, { fault: status, status: 502 }]\n    then: cycle\n',
  'org-by-path.yaml': 'rules:\n  - match: { method: GET, path: /api/v2/organizations/me }\n    steps: [{ fault: status, status: 404 }]\n    then: repeat-last\n',
};

describe('scenario selection and sessions', () => {
  let mock: ScenarioMock;
  let token: string;
  beforeAll(async () => {
    mock = await startScenarioMock(files, { MOCK_SCENARIO: 'twice-429' });
    token = await tokenOf(mock);
  });
  afterAll(() => mock.stop());

  it('applies the active scenario (MOCK_SCENARIO) to requests without a header', async () => {
    const statuses = [];
    for (let call = 0; call < 3; call += 1) statuses.push(await statusOf(postQuery(mock, { session: 'active', token })));
    expect(statuses).toEqual([429, 429, 200]);
  });

  it('lets x-mock-scenario override the active scenario per request', async () => {
    expect(await statusOf(postQuery(mock, { scenario: 'happy-path', session: 'override', token }))).toBe(200);
  });

  it('answers an unknown scenario with a Genesys 400 that names it and lists the known ones', async () => {
    const response = await postQuery(mock, { scenario: 'no-such-thing', token });
    const body = (await response.body.json()) as { code: string; message: string; contextId: string };
    expect(response.statusCode).toBe(400);
    expect(body.code).toBe('bad.request');
    expect(body.message).toContain('"no-such-thing"');
    expect(body.message).toContain('cycle, happy-path, org-by-path, page-two, twice-429');
    expect(response.headers['inin-correlation-id']).toBe(body.contextId);
  });

  it('gives 20 concurrent sessions each their own 429, 429, 200', async () => {
    const runSession = async (index: number): Promise<number[]> => {
      const statuses = [];
      for (let call = 0; call < 3; call += 1) statuses.push(await statusOf(postQuery(mock, { scenario: 'twice-429', session: `concurrent-${index}`, token })));
      return statuses;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => runSession(index)));
    expect(results).toEqual(Array.from({ length: 20 }, () => [429, 429, 200]));
  });

  it('faults only the matched page of the details query', async () => {
    const statuses = [];
    for (const page of [1, 2, 3, 2]) statuses.push(await statusOf(postQuery(mock, { scenario: 'page-two', session: 'pages', token, page })));
    expect(statuses).toEqual([200, 503, 200, 503]);
  });

  it('cycles through the steps with then: cycle', async () => {
    const statuses = [];
    for (let call = 0; call < 5; call += 1) statuses.push(await statusOf(postQuery(mock, { scenario: 'cycle', session: 'cycle', token })));
    expect(statuses).toEqual([500, 502, 500, 502, 500]);
  });

  it('matches rules by method and path', async () => {
    const get = (): Promise<number> =>
      statusOf(request(`${mock.url}/api/v2/organizations/me`, { dispatcher: mock.agent, headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': 'org-by-path' } }));
    expect(await get()).toBe(404);
    expect(await statusOf(postQuery(mock, { scenario: 'org-by-path', token }))).toBe(200);
  });
});
