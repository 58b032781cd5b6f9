// POST /oauth/token: the client-credentials grant and its OAuth-shaped errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicCredentialsOf, checkTokenRequest } from '../../mock-genesys/genesys/oauth.js';
import type { RunningMock } from '../support/mock.js';
import { basicAuth, startGenesysMock } from './helpers.js';

let mock: RunningMock;

beforeAll(async () => {
  mock = await startGenesysMock({ MOCK_CLIENT_ID: 'flow-client', MOCK_CLIENT_SECRET: 's3cret:with:colons', MOCK_TOKEN_TTL_S: '600' });
});
afterAll(async () => {
  await mock.close();
});

function requestToken(authorization: string | undefined, body: string, contentType = 'application/x-www-form-urlencoded'): Promise<Response> {
  return fetch(`${mock.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(authorization ? { authorization } : {}) },
    body,
  });
}

describe('POST /oauth/token', () => {
  it('issues a bearer token with the configured lifetime', async () => {
    const response = await requestToken(basicAuth('flow-client', 's3cret:with:colons'), 'grant_type=client_credentials');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.stringMatching(/^[\w-]{40,}$/), token_type: 'bearer', expires_in: 600 });
    expect(mock.state.tokens.status(body.access_token as string, 'default')).toBe('valid');
  });

  it('answers 401 invalid_client for a wrong secret', async () => {
    const response = await requestToken(basicAuth('flow-client', 'wrong'), 'grant_type=client_credentials');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await response.json()).toEqual({ error: 'invalid_client', description: expect.any(String), error_description: expect.any(String) });
  });

  it('answers 401 invalid_client for an unknown client id', async () => {
    const response = await requestToken(basicAuth('someone-else', 's3cret:with:colons'), 'grant_type=client_credentials');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('answers 401 invalid_client without client authentication', async () => {
    const response = await requestToken(undefined, 'grant_type=client_credentials');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client', description: expect.stringContaining('Basic') });
  });

  it('answers 400 invalid_request without a grant type', async () => {
    const response = await requestToken(basicAuth('flow-client', 's3cret:with:colons'), 'scope=everything');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', description: expect.stringContaining('grant_type is required') });
  });

  it('answers 400 unsupported_grant_type for another grant', async () => {
    const response = await requestToken(basicAuth('flow-client', 's3cret:with:colons'), 'grant_type=password&username=a&password=b');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type', description: expect.stringContaining('"password"') });
  });

  it('answers an OAuth-shaped 415 for a body type it cannot read', async () => {
    const response = await requestToken(basicAuth('flow-client', 's3cret:with:colons'), '<grant/>', 'application/xml');
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers an OAuth-shaped 400 for malformed JSON', async () => {
    const response = await requestToken(basicAuth('flow-client', 's3cret:with:colons'), '{', 'application/json');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('client credentials parsing', () => {
  it('splits id and secret at the first colon', () => {
    expect(basicCredentialsOf(basicAuth('id', 'a:b'))).toEqual({ clientId: 'id', clientSecret: 'a:b' });
  });

  it('finds no credentials in other schemes or without a colon', () => {
    expect(basicCredentialsOf('Bearer abc')).toBeUndefined();
    expect(basicCredentialsOf(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(basicCredentialsOf(undefined)).toBeUndefined();
  });

  it('checks the client before the grant', () => {
    const expected = { clientId: 'id', clientSecret: 'secret' };
    expect(checkTokenRequest(basicAuth('id', 'nope'), {}, expected)).toMatchObject({ ok: false, status: 401 });
    expect(checkTokenRequest(basicAuth('id', 'secret'), {}, expected)).toMatchObject({ ok: false, status: 400 });
    expect(checkTokenRequest(basicAuth('id', 'secret'), { grant_type: 'client_credentials' }, expected)).toEqual({ ok: true, clientId: 'id' });
  });
});
