// The proxy against the real mock Genesys (official-SDK compatible), scenarios chosen per request
// with x-mock-scenario and counted per x-mock-session, both forwarded through FORWARD_HEADERS.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../support/mock.js';
import { startProxy, type RunningProxy } from './support/proxy.js';

interface ScenarioFile {
  request?: Record<string, unknown>;
  expect?: { envelope?: Record<string, unknown>; attempts?: number | { min: number; max: number }; upstream_calls?: Record<string, number | { min: number; max: number }> };
}

const scenariosDir = path.resolve(import.meta.dirname, '..', '..', 'scenarios');
const loadScenario = async (name: string): Promise<ScenarioFile> => parse(await readFile(path.join(scenariosDir, `${name}.yaml`), 'utf8')) as ScenarioFile;

const within = (value: number, expected: number | { min: number; max: number }): boolean =>
  typeof expected === 'number' ? value === expected : value >= expected.min && value <= expected.max;

let mock: RunningMock;
let proxy: RunningProxy;
let session = 0;

beforeAll(async () => {
  mock = await startMock();
  proxy = await startProxy(mock.url, {
    GENESYS_CLIENT_ID: mock.config.clientId,
    GENESYS_CLIENT_SECRET: mock.config.clientSecret,
    FORWARD_HEADERS: 'x-mock-scenario,x-mock-session',
    LOG_LEVEL: 'silent',
    // The scenario files assume the production retry timings.
    RETRY_BASE_DELAY_MS: '500',
    RETRY_MAX_DELAY_MS: '4000',
    // The scenarios run concurrently here; each expects its retries as if it ran alone.
    RETRY_BUDGET_MIN_RETRIES: '1000',
  }, Math.random);
});

afterAll(async () => {
  await proxy?.close();
  await mock?.close();
});

describe.concurrent.each([
  'happy-path',
  'multi-page',
  'rate-limited-then-success',
  'retry-after-beyond-deadline',
  'token-expired-mid-query',
  'bad-credentials',
  'login-unavailable',
  'forbidden',
  'bad-request',
  'connection-reset-then-success',
  'truncated-body',
  'malformed-json',
  'fault-on-page-3',
  'rate-limit-exhausted',
  'server-errors-persistent',
  'connection-reset-persistent',
  'gateway-timeout',
  'slow-response',
  'upstream-hang',
])('scenario %s through the mock', (name) => {
  it('answers the envelope, attempts and upstream calls the scenario expects', async () => {
    const scenario = await loadScenario(name);
    const sessionId = `proxy-test-${name}-${++session}`;
    const { status, envelope, elapsedMs } = await proxy.query(scenario.request ?? {}, { 'x-mock-scenario': name, 'x-mock-session': sessionId });
    expect(status).toBe(200);
    expect(elapsedMs).toBeLessThan(Number((scenario.request ?? {}).deadline_ms ?? 8000));
    expect(envelope).toMatchObject(scenario.expect?.envelope ?? {});
    if (scenario.expect?.attempts !== undefined) expect(within(envelope.attempts, scenario.expect.attempts), `attempts ${envelope.attempts}`).toBe(true);
    const journal = ((await (await fetch(`${mock.url}/__admin/journal?session=${sessionId}`)).json()) as { entries: { route: string | null }[] }).entries;
    for (const [route, expected] of Object.entries(scenario.expect?.upstream_calls ?? {})) {
      const calls = journal.filter((entry) => entry.route === route).length;
      expect(within(calls, expected), `${route} calls ${calls}`).toBe(true);
    }
  });
});
