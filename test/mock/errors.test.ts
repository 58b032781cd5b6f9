// Error answers of the API routes on the wire: Genesys ErrorBody shapes, statuses and codes,
// with ININ-Correlation-Id equal to contextId.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../mock-genesys/genesys/token-store.js';
import type { RunningMock } from '../support/mock.js';
import { DETAILS_QUERY, fetchToken, pastDaysInterval, postJson, postQuery, readErrorBody, startGenesysMock } from './helpers.js';

let mock: RunningMock;
let token: string;
const validQuery = { interval: pastDaysInterval(1) };

beforeAll(async () => {
  mock = await startGenesysMock();
  token = await fetchToken(mock);
});
afterAll(async () => {
  await mock.close();
});

describe('bearer authentication of the API routes', () => {
  it('answers 401 authentication.required without an Authorization header', async () => {
    const response = await postJson(mock, DETAILS_QUERY, JSON.stringify(validQuery));
    expect(response.status).toBe(401);
    expect(await readErrorBody(response)).toMatchObject({ status: 401, code: 'authentication.required' });
  });

  it('answers 401 authentication.required for an ill-formed Authorization header', async () => {
    const response = await postJson(mock, DETAILS_QUERY, JSON.stringify(validQuery), { authorization: `Basic ${token}` });
    expect(response.status).toBe(401);
    expect(await readErrorBody(response)).toMatchObject({ code: 'authentication.required' });
  });

  it('answers 401 bad.credentials for a token it never issued', async () => {
    const response = await postQuery(mock, 'not-a-token-the-mock-issued', validQuery);
    expect(response.status).toBe(401);
    expect(await readErrorBody(response)).toMatchObject({ status: 401, code: 'bad.credentials' });
  });

  it('answers 401 bad.credentials once a token has expired', async () => {
    const original = mock.state.tokens;
    let nowMs = Date.now();
    mock.state.tokens = new TokenStore(() => nowMs);
    try {
      const shortLived = await fetchToken(mock);
      expect((await postQuery(mock, shortLived, validQuery)).status).toBe(200);
      nowMs += mock.config.tokenTtlSeconds * 1000;
      const response = await postQuery(mock, shortLived, validQuery);
      expect(response.status).toBe(401);
      expect(await readErrorBody(response)).toMatchObject({ code: 'bad.credentials', message: expect.stringContaining('expired') });
    } finally {
      mock.state.tokens = original;
    }
  });

  it('answers 401 bad.credentials for a token revoked in this session only', async () => {
    const revocable = await fetchToken(mock);
    mock.state.tokens.revoke(revocable, 'run-a');
    const revoked = await postQuery(mock, revocable, validQuery, { 'x-mock-session': 'run-a' });
    expect(revoked.status).toBe(401);
    expect(await readErrorBody(revoked)).toMatchObject({ code: 'bad.credentials', message: expect.stringContaining('revoked') });
    expect((await postQuery(mock, revocable, validQuery, { 'x-mock-session': 'run-b' })).status).toBe(200);
  });

  it('guards the queue and organization routes too', async () => {
    for (const path of ['/api/v2/routing/queues', '/api/v2/organizations/me']) {
      const response = await fetch(`${mock.url}${path}`);
      expect(response.status).toBe(401);
      expect(await readErrorBody(response)).toMatchObject({ code: 'authentication.required' });
    }
  });
});

describe('request errors', () => {
  it('answers 404 not.found for an unknown route', async () => {
    const response = await fetch(`${mock.url}/api/v2/no/such/thing?x=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(404);
    expect(await readErrorBody(response)).toMatchObject({ status: 404, code: 'not.found', message: expect.stringContaining('GET /api/v2/no/such/thing') });
  });

  it('answers 400 bad.request for malformed JSON', async () => {
    const response = await postJson(mock, DETAILS_QUERY, '{"interval": ', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(await readErrorBody(response)).toMatchObject({ status: 400, code: 'bad.request', message: 'The request body is not valid JSON.' });
  });

  it('answers 400 bad.request for an empty JSON body', async () => {
    const response = await postJson(mock, DETAILS_QUERY, '', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(await readErrorBody(response)).toMatchObject({ code: 'bad.request' });
  });

  it('answers 415 unsupported.media.type for a body that is not JSON', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await fetch(`${mock.url}${DETAILS_QUERY}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
        body: 'interval=2026-11-01T00:00:00Z/2026-11-02T00:00:00Z',
      });
      expect(response.status, contentType).toBe(415);
      expect(await readErrorBody(response)).toMatchObject({ status: 415, code: 'unsupported.media.type' });
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const huge = JSON.stringify({ interval: pastDaysInterval(1), padding: 'x'.repeat(2 * 1024 * 1024) });
    const response = await postJson(mock, DETAILS_QUERY, huge, { authorization: `Bearer ${token}` });
    expect(response.status).toBe(413);
    expect(await readErrorBody(response)).toMatchObject({ status: 413, code: 'request.entity.too.large' });
  });

  it('rejects __proto__ keys as a bad request', async () => {
    const response = await postJson(mock, DETAILS_QUERY, '{"interval":"x","__proto__":{"polluted":true}}', { authorization: `Bearer ${token}` });
    expect(response.status).toBe(400);
    expect(await readErrorBody(response)).toMatchObject({ code: 'bad.request' });
  });
});
