// The per-token rate limit (MOCK_RATE_LIMIT_PER_MIN): counted per token, the normalized 429
// with Retry-After once over, and inin-ratelimit-* headers on every API answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../support/mock.js';
import { fetchToken, pastDaysInterval, postQuery, readErrorBody, startGenesysMock } from './helpers.js';

describe('with MOCK_RATE_LIMIT_PER_MIN=3', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startGenesysMock({ MOCK_RATE_LIMIT_PER_MIN: '3' });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('answers the 4th call of a token with 429, Retry-After and the normalized body', async () => {
    const token = await fetchToken(mock);
    const query = { interval: pastDaysInterval(1) };
    for (let call = 1; call <= 3; call += 1) {
      const response = await postQuery(mock, token, query);
      expect(response.status).toBe(200);
      expect(response.headers.get('inin-ratelimit-count')).toBe(String(call));
      expect(response.headers.get('inin-ratelimit-allowed')).toBe('3');
    }
    const limited = await postQuery(mock, token, query);
    expect(limited.status).toBe(429);
    const retryAfterSeconds = Number(limited.headers.get('retry-after'));
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(limited.headers.get('inin-ratelimit-count')).toBe('4');
    expect(await readErrorBody(limited)).toMatchObject({
      status: 429,
      code: 'too.many.requests.retry.after',
      message: `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds`,
      details: [],
      errors: [],
    });
  });

  it('counts each token separately and across API routes', async () => {
    const first = await fetchToken(mock);
    const second = await fetchToken(mock);
    const headers = { authorization: `Bearer ${first}` };
    expect((await fetch(`${mock.url}/api/v2/organizations/me`, { headers })).status).toBe(200);
    expect((await fetch(`${mock.url}/api/v2/routing/queues`, { headers })).status).toBe(200);
    expect((await postQuery(mock, first, { interval: pastDaysInterval(1) })).status).toBe(200);
    expect((await fetch(`${mock.url}/api/v2/organizations/me`, { headers })).status).toBe(429);
    expect((await postQuery(mock, second, { interval: pastDaysInterval(1) })).status).toBe(200);
  });
});

describe('with the rate limit off (MOCK_RATE_LIMIT_PER_MIN=0)', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startGenesysMock({ MOCK_RATE_LIMIT_PER_MIN: '0' });
  });
  afterAll(async () => {
    await mock.close();
  });

  it('never answers 429 and still sends Genesys-default rate-limit headers', async () => {
    const token = await fetchToken(mock);
    let last: Response | undefined;
    for (let call = 0; call < 20; call += 1) {
      last = await postQuery(mock, token, { interval: pastDaysInterval(1), paging: { pageSize: 1 } });
      expect(last.status).toBe(200);
    }
    expect(last?.headers.get('inin-ratelimit-allowed')).toBe('300');
    expect(last?.headers.get('inin-ratelimit-count')).toBe('20');
  });
});
