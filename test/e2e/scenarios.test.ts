// The scenario library, run once end to end and audited. Each file in scenarios/ sends its
// request through the real proxy to the real mock on loopback sockets, and the envelope,
// attempts, elapsed time and upstream calls must match its `expect`. The same run is the
// secrets audit: the client secret, its Basic credentials, the caller's API key and every
// bearer token the mock issued must appear in no proxy log line (captured at trace level)
// and no envelope, metrics or OpenAPI text.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLibrary } from '../../harness/run-library.js';
import type { ScenarioRun } from '../../harness/run-scenario.js';
import { startStack, type Stack } from '../../harness/stack.js';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { TokenStore } from '../../mock-genesys/genesys/token-store.js';
import { loadScenarios } from '../../mock-genesys/scenarios/loader.js';

const scenarios = await loadScenarios(defaultScenariosDir);

/**
 * Five at a time: each scenario's retries must play out as if it ran alone, and all twenty at
 * once would spend the proxy-wide retry budget (floor 10) and change the outcomes they expect.
 */
const CONCURRENCY = 5;

describe('the scenario library, end to end', () => {
  const logLines: string[] = [];
  // Watching the token store is the only test-only access: it tells which tokens exist.
  const issueSpy = vi.spyOn(TokenStore.prototype, 'issue');
  /** Copied once the runs are done: vitest clears mock state between tests. */
  const issuedTokens: string[] = [];
  const otherTexts: string[] = [];
  let stack: Stack;
  let runs: ScenarioRun[];

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
    runs = await runLibrary(scenarios, stack, { concurrency: CONCURRENCY });
    issuedTokens.push(...issueSpy.mock.results.flatMap((result) => (result.type === 'return' ? [result.value.token] : [])));
    for (const path of ['/metrics', '/openapi.json', '/readyz', '/healthz']) {
      otherTexts.push(await (await fetch(`${stack.proxyUrl}${path}`)).text());
    }
  }, 60_000);
  afterAll(async () => {
    issueSpy.mockRestore();
    await stack?.close();
  });

  it('has scenarios to run', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  it.each(scenarios.map((scenario, index) => [scenario.name, index] as const))('%s answers as its file expects', (_name, index) => {
    const run = runs[index]!;
    expect(run.mismatches, JSON.stringify(run.envelope)).toEqual([]);
  });

  describe('secrets audit over the same run', () => {
    function secrets(): Array<[string, string]> {
      const { clientId, clientSecret } = stack.mockConfig;
      return [
        ['client secret', clientSecret],
        ['Basic credentials', Buffer.from(`${clientId}:${clientSecret}`).toString('base64')],
        ['caller API key', stack.apiKey],
        ...issuedTokens.map((token, index): [string, string] => [`bearer token #${index + 1}`, token]),
      ];
    }

    it('had tokens issued and logs written (so the audit below is not vacuous)', () => {
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
});
