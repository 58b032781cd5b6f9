// Helpers for the fault engine's wire tests: a mock on a temp folder of scenarios, a token,
// and raw requests with undici (so resets, closes and parse errors surface as they happen).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Agent, request, type Dispatcher } from 'undici';
import { startMock, type RunningMock } from '../support/mock.js';

export const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';

export const HAPPY_PATH_YAML = 'description: no faults\nrules: []\n';

export async function makeScenarioDir(files: Record<string, string>): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mock-scenarios-'));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(path.join(dir, name), text)));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface ScenarioMock extends RunningMock {
  dir: string;
  agent: Agent;
  /** Closes the mock and the client pool, and removes the folder. */
  stop: () => Promise<void>;
}

/** A real mock on 127.0.0.1:0 reading scenarios from a temp folder (happy-path always included). */
export async function startScenarioMock(files: Record<string, string>, env: Record<string, string> = {}): Promise<ScenarioMock> {
  const { dir, remove } = await makeScenarioDir({ 'happy-path.yaml': HAPPY_PATH_YAML, ...files });
  const mock = await startMock({ SCENARIOS_DIR: dir, ...env });
  const agent = new Agent({ connections: 64 });
  return {
    ...mock,
    dir,
    agent,
    stop: async () => {
      await agent.destroy();
      await mock.close();
      await remove();
    },
  };
}

export interface Call {
  scenario?: string;
  session?: string;
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function callHeaders(call: Call): Record<string, string> {
  return {
    ...(call.scenario ? { 'x-mock-scenario': call.scenario } : {}),
    ...(call.session ? { 'x-mock-session': call.session } : {}),
    ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
    ...call.headers,
  };
}

export function login(mock: ScenarioMock, call: Call = {}): Promise<Dispatcher.ResponseData> {
  const basic = Buffer.from(`${mock.config.clientId}:${mock.config.clientSecret}`).toString('base64');
  return request(`${mock.url}/oauth/token`, {
    method: 'POST',
    dispatcher: mock.agent,
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', ...callHeaders(call) },
    body: 'grant_type=client_credentials',
    ...(call.signal ? { signal: call.signal } : {}),
  });
}

/** A fresh access token (the happy-path scenario answers the login normally). */
export async function tokenOf(mock: ScenarioMock): Promise<string> {
  const response = await login(mock, { scenario: 'happy-path', session: `login-${Math.random()}` });
  const body = (await response.body.json()) as { access_token?: string };
  if (response.statusCode !== 200 || !body.access_token) throw new Error(`login failed: ${response.statusCode}`);
  return body.access_token;
}

/** Last 24 hours, so the synthetic data set has conversations to page through. */
export function lastDayInterval(): string {
  const end = Date.now() - 60_000;
  return `${new Date(end - 86_400_000).toISOString()}/${new Date(end).toISOString()}`;
}

export function postQuery(mock: ScenarioMock, call: Call & { page?: number; pageSize?: number; interval?: string }): Promise<Dispatcher.ResponseData> {
  const body = JSON.stringify({ interval: call.interval ?? lastDayInterval(), paging: { pageSize: call.pageSize ?? 10, pageNumber: call.page ?? 1 } });
  return request(`${mock.url}${DETAILS_QUERY_PATH}`, {
    method: 'POST',
    dispatcher: mock.agent,
    headers: { 'content-type': 'application/json', ...callHeaders(call) },
    body,
    ...(call.signal ? { signal: call.signal } : {}),
  });
}

/** Status of a call after reading (and dropping) its body. */
export async function statusOf(response: Promise<Dispatcher.ResponseData>): Promise<number> {
  const answered = await response;
  await answered.body.dump();
  return answered.statusCode;
}

export interface JournalEntryShape {
  seq: number;
  route: string | null;
  page: number | null;
  scenario: string | null;
  session: string;
  rule_index: number | null;
  step_index: number | null;
  fault: string;
  status: number | null;
  duration_ms: number;
}

export async function journalOf(mock: ScenarioMock, session?: string, headers: Record<string, string> = {}): Promise<JournalEntryShape[]> {
  const query = session === undefined ? '' : `?session=${encodeURIComponent(session)}`;
  const response = await request(`${mock.url}/__admin/journal${query}`, { dispatcher: mock.agent, headers });
  const body = (await response.body.json()) as { entries: JournalEntryShape[] };
  return body.entries;
}
