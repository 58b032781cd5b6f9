// Upstream faults under concurrency: 200 requests at once spread over the standard scenarios,
// each in its own session. Every envelope must be the one its scenario expects, and afterwards
// no socket is left behind: no client connection on the proxy, no request running in the
// upstream pools, no mock connection beyond the pool's idle keep-alive ones, and after
// closing, the process's TCP handles are back to where they were.
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { SCENARIO_HEADER, SESSION_HEADER } from '../../mock-genesys/session.js';
import { checkExpectation } from '../../harness/expectations.js';
import { startStack, type Stack } from '../../harness/stack.js';
import type { ProxyServer } from '../../src/server.js';
import { answerProblem } from './envelope-check.js';

const CONCURRENT_REQUESTS = 200;
// Warm-up scenarios (a cache filled by an earlier request) need more than one request each.
const scenarios = (await loadScenarios(defaultScenariosDir)).filter((scenario) => scenario.warm_up === undefined);

function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((name) => name.startsWith('TCP')).length;
}

function openConnections(server: Stack['mock']['server']): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

describe(`${CONCURRENT_REQUESTS} concurrent requests across the scenario library`, () => {
  let stack: Stack;
  let tcpBefore: number;
  let closed = false;

  beforeAll(async () => {
    tcpBefore = tcpHandles();
    stack = await startStack({
      freePorts: true,
      // The budget's limiting under load is the bench's subject; here each request must play
      // out as its scenario does alone, so the proxy-wide retry budget must not cut in.
      env: { LOG_LEVEL: 'silent', RETRY_BUDGET_MIN_RETRIES: '100000' },
    });
  });
  afterAll(async () => {
    if (!closed) await stack?.close();
  });

  it('answers each with its scenario\'s envelope and leaves no socket behind', async () => {
    const client = new Agent({ connections: CONCURRENT_REQUESTS });
    const runs = await Promise.all(
      Array.from({ length: CONCURRENT_REQUESTS }, async (_, index) => {
        const scenario = scenarios[index % scenarios.length]!;
        const route = scenario.action !== undefined ? `/api/actions/${scenario.action}` : '/api/query';
        const response = await request(`${stack.proxyUrl}${route}`, {
          method: 'POST',
          dispatcher: client,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${stack.apiKey}`,
            [SCENARIO_HEADER]: scenario.name,
            [SESSION_HEADER]: `concurrent-${index}`,
          },
          body: JSON.stringify(scenario.request),
        });
        const text = await response.body.text();
        const problem = answerProblem(response.statusCode, text);
        const mismatches = problem
          ? [{ field: 'answer', expected: 'an envelope', actual: problem }]
          : checkExpectation({ http_status: scenario.expect.http_status, envelope: scenario.expect.envelope }, { httpStatus: response.statusCode, envelope: JSON.parse(text), elapsedMs: 0, upstreamCalls: {} });
        return { scenario: scenario.name, mismatches };
      }),
    );
    expect(runs.filter((run) => run.mismatches.length > 0)).toEqual([]);
    await client.close();

    const proxy = stack.proxy as ProxyServer;
    await expect.poll(() => openConnections(proxy.server), { timeout: 5000 }).toBe(0);
    const pools = proxy.gateway.upstreamStats;
    expect({ running: pools.running, pending: pools.pending, queued: pools.queued }).toEqual({ running: 0, pending: 0, queued: 0 });
    // Hung, reset and cut upstream calls were torn down: the mock holds only the idle pooled sockets.
    await expect.poll(async () => (await openConnections(stack.mock.server)) - proxy.gateway.upstreamStats.free, { timeout: 5000 }).toBe(0);

    await stack.close();
    closed = true;
    await expect.poll(tcpHandles, { timeout: 5000 }).toBe(tcpBefore);
  });
});
