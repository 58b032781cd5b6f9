// Starts the mock and the proxy in this process, the proxy wired to the mock: the setup
// behind `npm start`, the QA runner's self-started mode and the end-to-end suite.
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../common/env.js';
import { DEMO_API_KEY, loadMockConfig, type MockConfig } from '../mock-genesys/config.js';
import { listeningUrl } from '../mock-genesys/listening-url.js';
import { buildMockServer } from '../mock-genesys/server.js';
import { SCENARIO_HEADER, SEED_HEADER, SESSION_HEADER } from '../mock-genesys/session.js';
import { loadProxyConfig, type ProxyConfig } from '../src/config.js';
import { ARRIVAL_HEARTBEAT_MS } from '../src/http/arrival.js';
import { buildProxyServer } from '../src/server.js';
import type { StackTarget } from './run-scenario.js';

/** The caller key the harness uses: the first of PROXY_API_KEYS, the demo key when unset. */
export function firstApiKey(env: Env): string {
  // A scoped entry is key:action1+action2; the key is what goes on the wire.
  return (env.PROXY_API_KEYS ?? DEMO_API_KEY).split(',')[0]!.trim().replace(/:[a-z0-9+-]*$/, '');
}

export interface Stack extends StackTarget {
  mock: FastifyInstance;
  proxy: FastifyInstance;
  mockConfig: MockConfig;
  proxyConfig: ProxyConfig;
  close: () => Promise<void>;
}

export interface StackOptions {
  /** Environment both services read (process.env for `npm start`); defaults fill the wiring. */
  env?: Env;
  /** Use port 0 for both (tests, the QA runner) instead of MOCK_PORT / PORT. */
  freePorts?: boolean;
  /** Where the proxy's pino logs go (tests capture them). */
  proxyLogStream?: NodeJS.WritableStream;
  /**
   * Return once the proxy has loaded the Genesys SDK and compiled its validators (default true:
   * scenarios time their envelopes). `npm start` answers first instead, and the proxy warms up a
   * second after listening, as it does alone.
   */
  warmUp?: boolean;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env: Env = { ...(options.env ?? {}) };
  if (options.freePorts) {
    env.MOCK_PORT = '0';
    env.PORT = '0';
  }
  const mockConfig = loadMockConfig(env);
  // The console's Run loads the runner (and undici's client) on first use, not at every start.
  const { app: mock } = await buildMockServer(mockConfig, { runScenario: async (...args) => (await import('./run-scenario.js')).runScenario(...args) });
  await mock.listen({ host: mockConfig.host, port: mockConfig.port });
  const mockUrl = listeningUrl(mock);

  try {
    const apiKeys = env.PROXY_API_KEYS ?? DEMO_API_KEY;
    const proxyConfig = loadProxyConfig({
      HOST: '127.0.0.1',
      GENESYS_CLIENT_ID: mockConfig.clientId,
      GENESYS_CLIENT_SECRET: mockConfig.clientSecret,
      FORWARD_HEADERS: `${SCENARIO_HEADER},${SESSION_HEADER},${SEED_HEADER}`,
      ...env,
      PROXY_API_KEYS: apiKeys,
      GENESYS_API_URL: mockUrl,
      GENESYS_LOGIN_URL: mockUrl,
    });
    const proxy = await buildProxyServer(proxyConfig, options.proxyLogStream ? { logStream: options.proxyLogStream } : {});
    await proxy.listen({ host: proxyConfig.host, port: proxyConfig.port });
    // Scenarios time their envelopes: the first must not pay for loading the SDK (about a second
    // from the sources) or compiling a validator, which the proxy does after listening.
    if (options.warmUp ?? true) {
      await proxy.warmUp();
      // The proxy counts a request from the start of its loop's busy stretch (src/http/arrival.ts).
      // Here the callers share that loop, so the first scenarios would be charged the warm-up's
      // compiles (up to a second on a loaded machine): an idle pause ends the stretch.
      await delay(3 * ARRIVAL_HEARTBEAT_MS);
    }
    const apiKey = firstApiKey(env);
    const proxyUrl = listeningUrl(proxy);
    // The console's Run button goes through this stack's proxy; the mock reads these at request time.
    mockConfig.consoleProxyUrl = proxyUrl;
    mockConfig.consoleApiKey = apiKey;
    return {
      mock,
      proxy,
      mockConfig,
      proxyConfig,
      mockUrl,
      proxyUrl,
      apiKey,
      adminToken: mockConfig.adminToken,
      close: async () => {
        await proxy.close();
        await mock.close();
      },
    };
  } catch (error) {
    await mock.close();
    throw error;
  }
}
