// Probes and build identity: /healthz (alive), /readyz (warmed up and can serve; Genesys only in the detail),
// /health/upstream (Genesys' state for dashboards) and /version. None of them calls Genesys:
// they read UpstreamHealth, which real traffic and one background check per interval feed.
import type { FastifyInstance } from 'fastify';
import type { GenesysGateway } from '../genesys/gateway.js';
import type { UpstreamHealth, UpstreamStatus } from '../health/upstream-health.js';
import type { ProxyMetrics } from '../metrics.js';
import { AttemptFailedError } from '../retry/outcome.js';
import type { BuildInfo } from '../version.js';

export interface HealthRouteDeps {
  gateway: GenesysGateway;
  metrics: ProxyMetrics;
  health: UpstreamHealth;
  build: BuildInfo;
  /** True from the start of a graceful shutdown. */
  isClosing: () => boolean;
  /** True once the proxy has loaded and compiled what its first requests need (server.ts warmUp). */
  isWarm: () => boolean;
}

const verdictSchema = { type: 'string', enum: ['ok', 'degraded', 'unhealthy', 'unknown'] } as const;

const upstreamStatusSchema = {
  type: 'object',
  description: "What the proxy last saw of Genesys (real answers and the background check); never fetched on demand.",
  required: ['status', 'breaker', 'token', 'check'],
  properties: {
    status: verdictSchema,
    reason: { type: 'string' },
    breaker: {
      type: 'object',
      properties: { state: { type: 'string', enum: ['closed', 'open', 'half_open'] }, retry_in_ms: { type: 'integer' }, open_contexts: { type: 'integer' } },
    },
    token: {
      type: 'object',
      properties: {
        state: { type: 'string', enum: ['none', 'ok', 'failing'] },
        last_result: { type: 'string' },
        last_fetch_at: { type: 'string', format: 'date-time' },
        last_ok_at: { type: 'string', format: 'date-time' },
      },
    },
    last_answer: {
      type: 'object',
      properties: { source: { type: 'string', enum: ['api', 'login'] }, outcome: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
    },
    check: { type: 'object', properties: { interval_ms: { type: 'integer' }, last_at: { type: 'string', format: 'date-time' } } },
    fleet: { $ref: 'fleetStatus#' },
    pacing: {
      type: 'object',
      description: "Genesys' per-token rate limit as paced by this replica (GENESYS_RATE_LIMIT_PER_MIN; absent when off)",
      properties: { limit_per_min: { type: 'integer' }, sent_last_minute_here: { type: 'integer' } },
    },
  },
} as const;

/** Redis of the fleet (REDIS_URL): off (unset), shared, or local while Redis is unavailable. */
const fleetStatusSchema = {
  $id: 'fleetStatus',
  type: 'object',
  properties: { redis: { type: 'string', enum: ['off', 'shared', 'local'] } },
} as const;

const readinessSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ready', 'warming_up', 'shutting_down'] },
    genesys: { type: 'object', description: 'Informational only: Genesys never makes this probe fail.', properties: { status: verdictSchema, reason: { type: 'string' } } },
    fleet: { $ref: 'fleetStatus#' },
  },
} as const;

const probe = (operationId: string, summary: string, responses: Record<number, unknown>) => ({
  schema: { operationId, summary, tags: ['operations'], security: [], response: responses },
});

export function registerHealthRoutes(app: FastifyInstance, deps: HealthRouteDeps): void {
  app.addSchema(fleetStatusSchema);
  const fleet = (): { redis: 'off' | 'shared' | 'local' } => ({ redis: deps.gateway.fleet?.mode ?? 'off' });
  const upstreamStatus = (): UpstreamStatus & { fleet: ReturnType<typeof fleet>; pacing?: { limit_per_min: number; sent_last_minute_here: number } } => {
    // The production context is the one without forwarded headers.
    const context = deps.gateway.contextFor({});
    const { breaker } = context;
    const status = deps.health.snapshot({ state: breaker.state, retryInMs: breaker.retryInMs, openContexts: deps.metrics.countOpenBreakers() });
    const pacing = deps.gateway.pacingOf(context.key);
    return { ...status, fleet: fleet(), ...(pacing !== undefined ? { pacing } : {}) };
  };

  app.get(
    '/healthz',
    probe('getLiveness', 'Liveness: the process answers', { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } }),
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    probe('getReadiness', 'Readiness: configuration valid, listening, warmed up, not shutting down (Genesys never makes it 503)', { 200: readinessSchema, 503: readinessSchema }),
    async (_request, reply) => {
      if (deps.isClosing()) return reply.code(503).send({ status: 'shutting_down' });
      // Until then a burst's first requests would wait behind the SDK's import and the schema
      // compiles, and envelopes due together could leave late.
      if (!deps.isWarm()) return reply.code(503).send({ status: 'warming_up' });
      const { status, reason } = upstreamStatus();
      return { status: 'ready', genesys: reason === undefined ? { status } : { status, reason }, fleet: fleet() };
    },
  );

  app.get('/health/upstream', probe('getUpstreamHealth', "Genesys' state as last seen: breaker, token, last answer", { 200: upstreamStatusSchema }), async () => upstreamStatus());

  app.get(
    '/version',
    probe('getVersion', 'Package version and the commit it was built from', {
      200: { type: 'object', required: ['version', 'commit'], properties: { version: { type: 'string' }, commit: { type: 'string' } } },
    }),
    async () => deps.build,
  );
}

/**
 * One token check against Genesys for the production context: a cached token costs nothing, a
 * missing one is one login (its result reaches UpstreamHealth through the gateway's hooks).
 * Returns the failure's description, or undefined when a token was had.
 */
export async function checkGenesys(gateway: GenesysGateway, health: UpstreamHealth, timeoutMs: number): Promise<string | undefined> {
  try {
    await gateway.contextFor({}).tokens.getToken(timeoutMs);
    return undefined;
  } catch (error) {
    if (!(error instanceof AttemptFailedError)) throw error;
    const failure = error.failure;
    return failure.kind === 'http' ? `token endpoint answered ${failure.status}` : `token endpoint: ${failure.fault}`;
  } finally {
    health.recordCheck();
  }
}
