// Composes one mock Genesys Cloud server: fault injection from scenarios wraps the
// Genesys-compatible routes; the admin API and the console sit beside them.
import { createRequire } from 'node:module';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
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

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

// Fastify's default schema compilers, required from Fastify's own dependencies when a route first
// declares a schema (the mock's routes declare none): Fastify would require them, Ajv included,
// while making the server, a fifth of the mock's start-up.
const fromFastify = (id: string): unknown => createRequire(createRequire(import.meta.url).resolve('fastify'))(id);
const LAZY_COMPILERS: CompilersFactory = {
  buildValidator: (...args) => (fromFastify('@fastify/ajv-compiler') as () => NonNullable<CompilersFactory['buildValidator']>)()(...args),
  buildSerializer: (...args) => (fromFastify('@fastify/fast-json-stringify-compiler') as () => NonNullable<CompilersFactory['buildSerializer']>)()(...args),
};

export async function buildMockServer(config: MockConfig, options: MockServerOptions = {}): Promise<MockServer> {
  const app = Fastify({
    schemaController: { compilersFactory: LAZY_COMPILERS },
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
