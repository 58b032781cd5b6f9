// MOCK_JOURNAL_BODIES=on: request bodies (scrubbed, capped) and fault parameters in the journal;
// journal filters; and the scenario that reproduces what a session saw (--from-journal).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioFromJournal } from '../../harness/from-journal.js';
import { JOURNAL_BODY_MAX_CHARS, journalBody, type JournalEntry } from '../../mock-genesys/journal.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { DETAILS_QUERY_PATH, lastDayInterval, login, startScenarioMock, tokenOf, type ScenarioMock } from './helpers.js';

const FLAKY_YAML = `rules:
  - match: { route: analytics-query }
    steps:
      - { fault: status, status: 429, retry_after_s: 1, headers: { x-edge: a } }
      - { fault: status, status: 503 }
    then: pass
`;

let mock: ScenarioMock;
let token: string;

beforeAll(async () => {
  mock = await startScenarioMock({ 'flaky.yaml': FLAKY_YAML }, { MOCK_JOURNAL_BODIES: 'on' });
  token = await tokenOf(mock);
});
afterAll(() => mock.stop());

const journal = async (query: string): Promise<JournalEntry[]> => ((await mock.app.inject({ method: 'GET', url: `/__admin/journal?${query}` })).json() as { entries: JournalEntry[] }).entries;

const query = (session: string, scenario = 'flaky') =>
  mock.app.inject({
    method: 'POST',
    url: DETAILS_QUERY_PATH,
    headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': scenario, 'x-mock-session': session },
    payload: { interval: lastDayInterval(), paging: { pageSize: 5, pageNumber: 1 }, order: 'asc' },
  });

describe('journal bodies', () => {
  it('keeps the request body and the fault parameters, with the login secret scrubbed', async () => {
    await (await login(mock, { scenario: 'flaky', session: 'bodies' })).body.dump();
    await query('bodies');
    const [loginEntry, queryEntry] = await journal('session=bodies');
    expect(loginEntry?.body).toBe('{"grant_type":"client_credentials"}');
    expect(queryEntry?.body).toContain('"pageSize":5');
    expect(queryEntry?.fault_params).toEqual({ status: 429, retry_after_s: 1, headers: { 'x-edge': 'a' } });
    expect(JSON.stringify(await journal('session=bodies'))).not.toContain(mock.config.clientSecret);
  });

  it('scrubs secrets in forms and JSON, and caps the size', () => {
    expect(journalBody('grant_type=client_credentials&client_secret=s3cr3t&password=pw')).toBe('grant_type=client_credentials&client_secret=[scrubbed]&password=[scrubbed]');
    expect(journalBody({ a: 1, client_secret: 's3cr3t', nested: { access_token: 't' } })).toBe('{"a":1,"client_secret":"[scrubbed]","nested":{"access_token":"[scrubbed]"}}');
    expect(journalBody('{"refresh_token": "abc", "x": "Bearer eyJhbGciOi.x.y"}')).toBe('{"refresh_token": "[scrubbed]", "x": "Bearer [scrubbed]"}');
    expect(journalBody(Buffer.from('x'.repeat(100_000)))).toHaveLength(JOURNAL_BODY_MAX_CHARS + 1);
  });

  it('filters by session, route, status and fault', async () => {
    await query('filters');
    await query('filters');
    await query('filters');
    expect((await journal('session=filters')).map((entry) => entry.status)).toEqual([429, 503, 200]);
    expect((await journal('session=filters&status=503')).map((entry) => entry.status)).toEqual([503]);
    expect((await journal('session=filters&fault=pass&route=analytics-query'))).toHaveLength(1);
    expect((await journal('session=filters&route=token'))).toHaveLength(0);
    expect((await mock.app.inject({ method: 'GET', url: '/__admin/journal?status=abc' })).statusCode).toBe(400);
  });
});

describe('a scenario from a session\'s journal', () => {
  it('reproduces what the session saw, and is a valid scenario', async () => {
    await query('seen');
    await query('seen');
    await query('seen');
    const text = scenarioFromJournal('seen', await journal('session=seen'));
    const scenario = parseScenario(text, '/x/from-journal-seen.yaml');
    expect(scenario.rules).toEqual([
      {
        match: { route: 'analytics-query' },
        steps: [{ fault: 'status', status: 429, retry_after_s: 1, headers: { 'x-edge': 'a' } }, { fault: 'status', status: 503 }, { fault: 'pass' }],
        then: 'pass',
      },
    ]);
    expect((await mock.app.inject({ method: 'PUT', url: `/__admin/scenarios/${scenario.name}`, payload: text, headers: { 'content-type': 'application/yaml' } })).statusCode).toBe(201);
    const replayed = [await query('replay', scenario.name), await query('replay', scenario.name), await query('replay', scenario.name)];
    expect(replayed.map((response) => response.statusCode)).toEqual([429, 503, 200]);
  });
});
