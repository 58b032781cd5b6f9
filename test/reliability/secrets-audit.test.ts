// Secrets audit over an end-to-end run of the whole scenario library: the client secret, its
// Basic credentials, the caller's API key and every bearer token the mock issued must appear
// in no proxy log line (captured at trace level) and no envelope, metrics or OpenAPI text.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { TokenStore } from '../../mock-genesys/genesys/token-store.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';
import { runScenario, type ScenarioRun } from '../../harness/run-scenario.js';
import { startStack, type Stack } from '../../harness/stack.js';

const scenarios = await loadScenarios(defaultScenariosDir);

/**
 * Five at a time, as the e2e suite runs them: all twenty at once would spend the proxy-wide
 * retry budget (floor 10) and change the outcomes the scenario files expect.
 */
async function mapFiveAtATime<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: 5 }, worker));
  return results;
}

describe('secrets audit across the scenario library', () => {
  const logLines: string[] = [];
  // Watching the token store is the only test-only access: it tells which tokens exist.
  const issueSpy = vi.spyOn(TokenStore.prototype, 'issue');
  let stack: Stack;
  let runs: ScenarioRun[];
  const otherTexts: string[] = [];
  /** Copied once the runs are done: vitest clears mock state between tests. */
  const issuedTokens: string[] = [];

  beforeAll(async () => {
    const proxyLogStream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
        callback();
      },
    });
    // trace: the most the proxy ever logs. The mock stays quiet (its logs are not audited here).
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'trace' }, proxyLogStream });
    stack.mock.log.level = 'silent';
    runs = await mapFiveAtATime(scenarios, (scenario) => runScenario(scenario, stack));
    issuedTokens.push(...issueSpy.mock.results.flatMap((result) => (result.type === 'return' ? [result.value.token] : [])));
    for (const path of ['/metrics', '/openapi.json', '/readyz', '/healthz']) {
      otherTexts.push(await (await fetch(`${stack.proxyUrl}${path}`)).text());
    }
  }, 60_000);
  afterAll(async () => {
    issueSpy.mockRestore();
    await stack?.close();
  });

  function secrets(): Array<[string, string]> {
    const { clientId, clientSecret } = stack.mockConfig;
    const tokens = issuedTokens;
    return [
      ['client secret', clientSecret],
      ['Basic credentials', Buffer.from(`${clientId}:${clientSecret}`).toString('base64')],
      ['caller API key', stack.apiKey],
      ...tokens.map((token, index): [string, string] => [`bearer token #${index + 1}`, token]),
    ];
  }

  it('ran every scenario as its file expects, with tokens issued and logs written', () => {
    expect(runs.filter((run) => !run.passed).map((run) => [run.scenario, run.mismatches])).toEqual([]);
    // Non-vacuous: most scenarios fetch a token, and the proxy logged each query.
    expect(issuedTokens.length).toBeGreaterThanOrEqual(scenarios.length - 3);
    expect(logLines.length).toBeGreaterThanOrEqual(scenarios.length);
  });

  it('never writes a secret or a token into a log line', () => {
    const leaks = logLines.flatMap((line) => secrets().filter(([, value]) => line.includes(value)).map(([what]) => `${what} in log: ${line.slice(0, 200)}`));
    expect(leaks).toEqual([]);
  });

  it('never puts a secret or a token into an envelope', () => {
    const leaks = runs.flatMap((run) => {
      const text = JSON.stringify(run.envelope);
      return secrets().filter(([, value]) => text.includes(value)).map(([what]) => `${what} in the envelope of ${run.scenario}`);
    });
    expect(leaks).toEqual([]);
  });

  it('never exposes a secret or a token on /metrics, /openapi.json, /readyz or /healthz', () => {
    const leaks = otherTexts.flatMap((text) => secrets().filter(([, value]) => text.includes(value)).map(([what]) => what));
    expect(leaks).toEqual([]);
  });
});
