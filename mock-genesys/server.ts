// Composes one mock Genesys Cloud server: fault injection from scenarios wraps the
// Genesys-compatible routes; the admin API and the console sit beside them.
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { MockConfig } from './config.js';
import { registerConsole, type ScenarioRunner } from './console/plugin.js';
import { installErrorHandlers } from './genesys/error-handlers.js';
import { registerGenesysRoutes } from './genesys/routes.js';
import { registerPassThrough } from './pass-through.js';
import { installScenarios } from './scenarios/plugin.js';
import { createMockState, type MockState } from './state.js';

export interface MockServer {
  app: FastifyInstance;
  state: MockState;
}

export interface MockServerOptions {
  /** The console's Run: given by whoever starts the mock with the harness; without it Run answers 501. */
  runScenario?: ScenarioRunner | undefined;
}

export async function buildMockServer(config: MockConfig, options: MockServerOptions = {}): Promise<MockServer> {
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    // Per-request log lines only when debugging: the mock is benchmarked under load.
    logController: new LogController({ disableRequestLogging: config.logLevel !== 'debug' && config.logLevel !== 'trace' }),
    bodyLimit: 1024 * 1024,
    // Genesys ids are case-sensitive; keep paths exact.
    routerOptions: { ignoreTrailingSlash: true },
  });
  const state = createMockState(config);
  // Genesys-shaped errors everywhere (pass-through mode too), before any route or child scope.
  installErrorHandlers(app);
  // Hooks first, so they wrap every route registered after them.
  const runtime = await installScenarios(app, { config, state });
  await registerConsole(app, {
    config,
    findScenario: (name) => runtime.catalog.get(name),
    listScenarios: () => runtime.catalog.scenarios(),
    runScenario: options.runScenario,
  });
  if (config.upstreamUrl) await registerPassThrough(app, { upstreamUrl: config.upstreamUrl });
  else await registerGenesysRoutes(app, { config, state });
  return { app, state };
}
