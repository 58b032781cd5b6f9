// Retry budgets are per upstream context: the whole standard library run at once, each scenario
// in its own session, gives every expected envelope (no scenario pays for another's retries).
// And a caller that hangs up stops its work: the mock's journal shows no further call.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { runScenario } from '../../harness/run-scenario.js';
import { startStack, type Stack } from '../../harness/stack.js';
import type { ProxyServer } from '../../src/server.js';

const scenarios = await loadScenarios(defaultScenariosDir);

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
}, 60_000);
afterAll(() => stack.close());

async function journal(session: string): Promise<Array<{ route?: string }>> {
  const response = await request(`${stack.mockUrl}/__admin/journal?session=${encodeURIComponent(session)}`);
  return ((await response.body.json()) as { entries: Array<{ route?: string }> }).entries;
}

describe('the standard library, every scenario at once', () => {
  it('gives every expected envelope, each in its own session', async () => {
    const runs = await Promise.all(scenarios.map((scenario) => runScenario(scenario, stack)));
    const envelopeMismatches = runs.flatMap((run) => run.mismatches.filter((mismatch) => mismatch.field !== 'elapsed_ms').map((mismatch) => `${run.scenario}: ${mismatch.field} expected ${mismatch.expected}, got ${mismatch.actual}`));
    expect(envelopeMismatches).toEqual([]);
    expect(runs.some((run) => run.envelope.error_code === 'retry_budget_exhausted')).toBe(false);
  }, 60_000);
});

describe('a caller that hangs up', () => {
  it('causes no further upstream call', async () => {
    const session = `hang-up-${randomUUID()}`;
    const controller = new AbortController();
    const answer = request(`${stack.proxyUrl}/api/query`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', 'x-mock-scenario': 'rate-limit-exhausted', 'x-mock-session': session },
      body: JSON.stringify({ page_size: 25, max_pages: 1, deadline_ms: 8000 }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await expect.poll(async () => (await journal(session)).filter((entry) => entry.route === 'analytics-query').length, { timeout: 10_000 }).toBe(1);
    controller.abort();
    await answer;
    // Retry-After is 1 s: a proxy still working would call again within about a second.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect((await journal(session)).filter((entry) => entry.route === 'analytics-query')).toHaveLength(1);
    expect((stack.proxy as ProxyServer).gateway.upstreamStats.running).toBe(0);
  }, 20_000);
});
