// Small wire helpers for the mock's tests: log in, post a details query.
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { ErrorBody } from '../../mock-genesys/genesys/errors.js';
import { startMock, type RunningMock } from '../support/mock.js';

/** A scenario folder with only a fault-free happy-path, so these tests see the routes alone. */
const FAULT_FREE_SCENARIOS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'scenarios');

export function startGenesysMock(env: Record<string, string> = {}): Promise<RunningMock> {
  return startMock({ SCENARIOS_DIR: FAULT_FREE_SCENARIOS_DIR, MOCK_SCENARIO: 'happy-path', ...env });
}

export const DETAILS_QUERY = '/api/v2/analytics/conversations/details/query';
const DAY_MS = 86_400_000;

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

/** One mock for a test file, started and logged in before its tests and closed after them. */
export function useLoggedInMock(env: Record<string, string> = {}): { mock: RunningMock; token: string } {
  const live = {} as { mock: RunningMock; token: string };
  beforeAll(async () => {
    live.mock = await startGenesysMock(env);
    live.token = await fetchToken(live.mock);
  });
  afterAll(() => live.mock.close());
  return live;
}

export async function fetchToken(mock: RunningMock): Promise<string> {
  const response = await fetch(`${mock.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: basicAuth(mock.config.clientId, mock.config.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (response.status !== 200) throw new Error(`login failed with ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function postJson(mock: RunningMock, path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mock.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

export function postQuery(mock: RunningMock, token: string, query: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return postJson(mock, DETAILS_QUERY, JSON.stringify(query), { authorization: `Bearer ${token}`, ...headers });
}

/** `start/end` covering whole past UTC days, ending at today's midnight. */
export function pastDaysInterval(days: number, nowMs = Date.now()): string {
  const endMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return `${new Date(endMs - days * DAY_MS).toISOString()}/${new Date(endMs).toISOString()}`;
}

/** Reads an ErrorBody and checks the Genesys shape and the correlation header. */
export async function readErrorBody(response: Response): Promise<ErrorBody> {
  const body = (await response.json()) as ErrorBody;
  if (response.headers.get('inin-correlation-id') !== body.contextId) {
    throw new Error(`ININ-Correlation-Id ${response.headers.get('inin-correlation-id')} differs from contextId ${body.contextId}`);
  }
  for (const key of ['message', 'code', 'status', 'messageWithParams', 'messageParams', 'contextId', 'details', 'errors']) {
    if (!(key in body)) throw new Error(`ErrorBody lacks ${key}: ${JSON.stringify(body)}`);
  }
  return body;
}
