// Pass-through mode: a second mock instance plays the real Genesys org; the front mock forwards
// what no step faults, and faults the rest itself.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginUpstreamOf } from '../../mock-genesys/pass-through.js';
import { journalOf, lastDayInterval, login, postQuery, startScenarioMock, statusOf, tokenOf, type ScenarioMock } from './helpers.js';

describe('pass-through to an upstream', () => {
  let upstream: ScenarioMock;
  let front: ScenarioMock;
  beforeAll(async () => {
    // The upstream would fault every details query if the front mock forwarded its selection headers.
    upstream = await startScenarioMock({ 'upstream-trap.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status, status: 418 }]\n    then: repeat-last\n' });
    front = await startScenarioMock(
      { 'upstream-trap.yaml': 'rules:\n  - match: { route: analytics-query, page: 2 }\n    steps: [{ fault: status, status: 503 }]\n    then: pass\n' },
      { MOCK_UPSTREAM_URL: upstream.url, MOCK_CLIENT_ID: upstream.config.clientId, MOCK_CLIENT_SECRET: upstream.config.clientSecret },
    );
  });
  afterAll(async () => {
    await front.stop();
    await upstream.stop();
  });

  it('forwards the login and unfaulted queries to the upstream, and faults the rest itself', async () => {
    const session = 'through';
    const loginResponse = await login(front, { session, scenario: 'upstream-trap' });
    const { access_token: token } = (await loginResponse.body.json()) as { access_token: string };
    expect(loginResponse.statusCode).toBe(200);
    expect(upstream.state.tokens.size).toBe(1);

    const page1 = await postQuery(front, { scenario: 'upstream-trap', session, token, page: 1 });
    expect(page1.statusCode).toBe(200);
    expect(await page1.body.json()).toHaveProperty('totalHits');
    expect(await statusOf(postQuery(front, { scenario: 'upstream-trap', session, token, page: 2 }))).toBe(503);
    expect(await statusOf(postQuery(front, { scenario: 'upstream-trap', session, token, page: 2 }))).toBe(200);

    expect((await journalOf(front, session)).map((entry) => [entry.route, entry.fault, entry.status])).toEqual([
      ['token', 'pass', 200],
      ['analytics-query', 'pass', 200],
      ['analytics-query', 'status', 503],
      ['analytics-query', 'pass', 200],
    ]);
    // The upstream saw the login and the two unfaulted queries, under its own active scenario.
    expect((await journalOf(upstream)).map((entry) => [entry.route, entry.scenario, entry.status])).toEqual([
      ['token', 'happy-path', 200],
      ['analytics-query', 'happy-path', 200],
      ['analytics-query', 'happy-path', 200],
    ]);
  });

  it('answers a malformed token request with the OAuth error shape, not a Genesys ErrorBody', async () => {
    const response = await request(`${front.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type": ',
      dispatcher: front.agent,
    });
    expect(response.statusCode).toBe(400);
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'invalid_request', error_description: 'The request body is not valid JSON.' });
    expect(body).not.toHaveProperty('contextId');
  });
});

describe('pass-through body faults', () => {
  let upstream: ScenarioMock;
  let front: ScenarioMock;
  beforeAll(async () => {
    upstream = await startScenarioMock({});
    front = await startScenarioMock(
      { 'cut-upstream-body.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: truncated-body, fraction: 0.5 }]\n    then: pass\n' },
      { MOCK_UPSTREAM_URL: upstream.url },
    );
  });
  afterAll(async () => {
    await front.stop();
    await upstream.stop();
  });

  it('cuts the streamed upstream body like one of its own', async () => {
    const token = await tokenOf(upstream);
    const interval = lastDayInterval();
    const normal = await postQuery(upstream, { token, interval });
    const fullBytes = Buffer.byteLength(await normal.body.text());
    const cut = await postQuery(front, { scenario: 'cut-upstream-body', token, interval });
    expect(cut.statusCode).toBe(200);
    expect(Number(cut.headers['content-length'])).toBe(fullBytes);
    expect(cut.headers['transfer-encoding']).toBeUndefined();
    let receivedBytes = 0;
    await expect(
      (async () => {
        for await (const chunk of cut.body) receivedBytes += (chunk as Buffer).length;
      })(),
    ).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(receivedBytes).toBe(Math.floor(fullBytes * 0.5));
  });
});

describe('loginUpstreamOf', () => {
  it('sends the token endpoint of a Genesys API host to its login host', () => {
    expect(loginUpstreamOf(new URL('https://api.mypurecloud.ie')).href).toBe('https://login.mypurecloud.ie/');
    expect(loginUpstreamOf(new URL('https://api.usw2.pure.cloud/')).href).toBe('https://login.usw2.pure.cloud/');
  });

  it('keeps any other host for both', () => {
    expect(loginUpstreamOf(new URL('http://127.0.0.1:4010')).href).toBe('http://127.0.0.1:4010/');
  });
});
