// Assembles the proxy: Fastify with pino logs (secrets redacted), the query route, health,
// readiness, metrics and the OpenAPI document. The caller listen()s and close()s; closing
// releases the undici pools, token caches and SDK clients.
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import pino from 'pino';
import type { ProxyConfig } from './config.js';
import { localEnvelope } from './envelope.js';
import { GenesysGateway } from './genesys/gateway.js';
import { loadSdk } from './genesys/sdk-login.js';
import { LazyCompilers } from './http/compilers.js';
import { parseJsonBody } from './http/json-body.js';
import { startBackgroundCheck, UpstreamHealth } from './health/upstream-health.js';
import { registerAccessLog, requestIdOf } from './http/access-log.js';
import { trackArrivals } from './http/arrival.js';
import { checkGenesys, registerHealthRoutes } from './http/health-routes.js';
import { registerActionRoutes } from './http/actions-route.js';
import { registerExportRoutes } from './http/export-routes.js';
import { registerQueryRoute, sendEnvelope, sendInvalid } from './http/query-route.js';
import { ProxyMetrics } from './metrics.js';
import { SecretRegistry } from './secrets.js';
import { describeViolations, type SchemaViolation } from './query/request.js';
import { effectiveConfig } from './startup.js';
import { buildInfo, type BuildInfo } from './version.js';

/** Largest request body accepted (a query is a few hundred bytes; 64 kB leaves room for raw filters). */
export const BODY_LIMIT_BYTES = 64 * 1024;

/** Log fields never written: caller keys, Genesys tokens and the client secret. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'headers["x-api-key"]',
  '*.authorization',
  'authorization',
  'clientSecret',
  'client_secret',
  '*.clientSecret',
  '*.client_secret',
  'secret',
  '*.secret',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
];

/** How long a starting replica waits for Redis before serving on its own state. */
const FLEET_JOIN_WAIT_MS = 2000;

export interface ProxyServerOptions {
  /** Where pino writes JSON log lines (default stdout, asynchronously); tests pass a capture stream. */
  logStream?: NodeJS.WritableStream;
  /** Uniform [0, 1) source for backoff jitter (tests pin it). */
  random?: () => number;
}

export type ProxyServer = FastifyInstance & {
  gateway: GenesysGateway;
  metrics: ProxyMetrics;
  upstreamHealth: UpstreamHealth;
  build: BuildInfo;
  /** One token check against Genesys (what the background check and GENESYS_CHECK_ON_START run); the failure, or undefined. */
  checkGenesys: () => Promise<string | undefined>;
  /** Loads the Genesys SDK and compiles the body validators now (once; done WARM_UP_DELAY_MS after listening anyway). */
  warmUp: () => Promise<void>;
};

/** How long after listening the proxy loads the Genesys SDK and compiles the body validators. */
const WARM_UP_DELAY_MS = 1000;

export async function buildProxyServer(config: ProxyConfig, options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const compilers = new LazyCompilers();
  const app = Fastify({
    schemaController: { compilersFactory: compilers.factory },
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      // Lines written while a write is in flight go out together in the next one: one write(2)
      // per batch, not per line (pino flushes what is left when the process exits).
      stream: options.logStream ?? pino.destination({ dest: 1, sync: false }),
    },
    // Fastify's own two lines per request are replaced by one access line (access-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT_BYTES,
    // Slow or silent callers cannot hold sockets: see guardConnections for the idle timeout.
    connectionTimeout: config.server.idleTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    http: { headersTimeout: config.server.headersTimeoutMs, connectionsCheckingInterval: CONNECTIONS_CHECK_MS },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
  });

  const metrics = new ProxyMetrics();
  const secrets = new SecretRegistry([config.genesys.clientSecret]);
  const build = buildInfo(config.operations.buildCommit);
  const upstreamHealth = new UpstreamHealth(config.operations.healthRefreshIntervalMs);
  const gateway = new GenesysGateway(config, metrics, {
    ...(options.random !== undefined ? { random: options.random } : {}),
    onToken: (token) => secrets.add(token),
    onUpstreamCall: (source, outcome) => upstreamHealth.recordAnswer(source, outcome),
    onTokenFetch: (result) => upstreamHealth.recordTokenFetch(result),
    onFleetModeChange: (mode, reason) => {
      metrics.fleetShared.set(mode === 'shared' ? 1 : 0);
      if (mode === 'shared') app.log.info('fleet: sharing state through Redis');
      else app.log.warn({ reason }, "fleet: Redis unavailable, using this replica's own state until it returns");
    },
  });
  const checkTimeoutMs = Math.min(config.retry.attemptTimeoutMs, config.deadline.defaultMs);
  const runCheck = () => checkGenesys(gateway, upstreamHealth, checkTimeoutMs);
  const stopBackgroundCheck = startBackgroundCheck(config.operations.healthRefreshIntervalMs, async () => {
    await runCheck();
  });
  app.addHook('onClose', async () => {
    stopBackgroundCheck();
    await gateway.close();
  });
  // A cold replica joins the fleet before it answers, so its first calls share the fleet's token;
  // with Redis unreachable it starts on its own state and joins when Redis answers.
  if (gateway.fleet !== undefined && !(await gateway.fleet.link.whenShared(FLEET_JOIN_WAIT_MS))) {
    app.log.warn(`fleet: Redis did not answer within ${FLEET_JOIN_WAIT_MS} ms at start; serving on this replica's own state`);
  }
  // Graceful shutdown: requests in flight get their envelopes, then their keep-alive
  // connections close so close() does not wait for clients to hang up.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
  const deps = { config, gateway, metrics, secrets };
  registerAccessLog(app, { metrics, accessLog: config.operations.accessLog });
  // What the first answer does not need waits until WARM_UP_DELAY_MS after listening: the
  // Genesys SDK and the body validators (a flow request before then loads what it needs);
  // /readyz says ready once they are loaded, so a load balancer's first burst finds them. In a
  // fleet the SDK loads before listening instead: importing it stalls the event loop longer than
  // REDIS_TIMEOUT_MS, and a replica stalled mid-burst would drop to its own state and log in on
  // its own.
  let warming: Promise<void> | undefined;
  let warm = false;
  const warmUp = (): Promise<void> =>
    (warming ??= loadSdk()
      .then(() => compilers.warmUp())
      .catch(() => {})
      .finally(() => {
        warm = true;
      }));
  if (gateway.fleet !== undefined) await loadSdk();
  let warmUpTimer: NodeJS.Timeout | undefined;
  app.addHook('onListen', async () => {
    app.log.info({ config: effectiveConfig(config, build), addresses: app.addresses() }, 'proxy started');
    warmUpTimer = setTimeout(() => void warmUp(), WARM_UP_DELAY_MS);
    warmUpTimer.unref();
  });
  app.addHook('onClose', async () => clearTimeout(warmUpTimer));

  guardConnections(app, config.server);
  trackArrivals(app.server);

  // An empty JSON body is the default query, not a parse error. Only JSON is accepted: text/plain
  // (even holding valid JSON) gets the 415 that says what to send.
  app.removeContentTypeParser('text/plain');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') return done(null, {});
    const parsed = parseJsonBody(text);
    if (parsed.ok) return done(null, parsed.value);
    done(Object.assign(new Error(parsed.message), { statusCode: 400 }), undefined);
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Genesys retry proxy',
        version: build.version,
        description: 'Deadline-aware retries in front of Genesys Cloud analytics; always answers a fallback envelope.',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
      },
      // Relative: the document describes the proxy it was fetched from, wherever it is deployed.
      servers: [{ url: '/', description: 'this proxy' }],
      tags: [
        { name: 'query', description: 'Genesys calls with retries, answered with a fallback envelope' },
        { name: 'operations', description: 'Probes, metrics, version and this document; none calls Genesys' },
      ],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
    },
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation !== undefined) {
      return sendInvalid(reply, 400, 'invalid_request', describeViolations(error.validation as unknown as SchemaViolation[]), deps);
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return sendInvalid(reply, 413, 'payload_too_large', `request body exceeds ${BODY_LIMIT_BYTES} bytes`, deps);
    if (status === 415) return sendInvalid(reply, 415, 'invalid_request', unsupportedMediaTypeMessage(request.headers['content-type']), deps);
    if (status >= 400 && status < 500) return sendInvalid(reply, status, 'invalid_request', error.message, deps);
    // Never a 5xx: the flow gets an envelope it can branch on; the stack stays in the log.
    request.log.error({ err: error }, 'unexpected error');
    const envelope = localEnvelope('internal_error', 'internal_error', 'the proxy hit an unexpected error; it is logged', {
      statusCode: 500,
      correlationId: String(request.id),
      elapsedMs: reply.elapsedTime,
    });
    return sendEnvelope(reply, 200, envelope, deps);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error_code: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}; the query endpoint is POST /api/query` });
  });

  registerQueryRoute(app, deps);
  const actions = await registerActionRoutes(app, deps);
  registerExportRoutes(app, { config, actions });

  registerHealthRoutes(app, { gateway, metrics, health: upstreamHealth, build, isClosing: () => closing, isWarm: () => warm });

  const textAnswer = (description: string, type: string) => ({ description, content: { [type]: { schema: { type: 'string' } } } });
  app.get(
    '/metrics',
    { schema: { operationId: 'getMetrics', summary: 'Prometheus metrics', tags: ['operations'], security: [], response: { 200: textAnswer('Prometheus text exposition format', 'text/plain') } } },
    async (_request, reply) => {
      return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    },
  );

  app.get(
    '/openapi.json',
    { schema: { operationId: 'getOpenApiDocument', summary: 'This OpenAPI document', tags: ['operations'], security: [], response: { 200: { description: 'OpenAPI 3 document', type: 'object', additionalProperties: true } } } },
    async () => app.swagger(),
  );

  return Object.assign(app, { gateway, metrics, upstreamHealth, build, checkGenesys: runCheck, warmUp }) as ProxyServer;
}

/** How often Node checks the request and headers timeouts (its default, 30 s, would let them overrun by that much). */
const CONNECTIONS_CHECK_MS = 500;

/**
 * Idle timeout and connection cap on the proxy's own server. A socket silent for
 * idleTimeoutMs is closed unless its request is being answered (the deadline bounds those). At
 * maxConnections, a new connection closes the oldest idle socket (one that never sent a request
 * first), so sockets held open by a misbehaving client cannot lock legitimate callers out;
 * only when every socket is busy is the new one refused.
 */
function guardConnections(app: FastifyInstance, limits: ProxyConfig['server']): void {
  const server = app.server;
  /** Every open client socket, oldest first. */
  const open = new Set<Socket>();
  /** Sockets whose request is being answered. */
  const answering = new WeakSet<Socket>();
  /** Sockets that have sent at least one complete request. */
  const served = new WeakSet<Socket>();
  const maxConnections = Math.min(limits.maxConnections, fileLimitCap() ?? Number.POSITIVE_INFINITY);
  if (maxConnections < limits.maxConnections) {
    app.log.warn({ configured: limits.maxConnections, effective: maxConnections }, 'SERVER_MAX_CONNECTIONS lowered to fit the open-file limit (raise ulimit -n)');
  }

  server.on('timeout', (socket: Socket) => {
    if (!answering.has(socket)) socket.destroy();
  });
  server.on('connection', (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    if (open.size <= maxConnections) return;
    const victim = oldestIdle(open, answering, (candidate) => !served.has(candidate)) ?? oldestIdle(open, answering, () => true);
    (victim ?? socket).destroy();
  });
  app.addHook('preHandler', (request, _reply, done) => {
    answering.add(request.raw.socket);
    served.add(request.raw.socket);
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    answering.delete(request.raw.socket);
    done();
  });
}

function oldestIdle(open: Set<Socket>, answering: WeakSet<Socket>, eligible: (socket: Socket) => boolean): Socket | undefined {
  for (const socket of open) if (!answering.has(socket) && eligible(socket)) return socket;
  return undefined;
}

/** Sockets kept free for upstream pools (two origins × 256), logs and files. */
const FILE_DESCRIPTOR_RESERVE = 600;

/** Client sockets the process's open-file limit leaves room for (Linux), or undefined when unknown. */
function fileLimitCap(): number | undefined {
  let limits: string;
  try {
    limits = readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
  const soft = openFilesSoftLimit(limits);
  return soft === undefined ? undefined : Math.max(1, soft - FILE_DESCRIPTOR_RESERVE);
}

/** The soft "Max open files" of /proc/self/limits; undefined when unlimited or absent. */
export function openFilesSoftLimit(procLimits: string): number | undefined {
  const match = /^Max open files\s+(\d+)/m.exec(procLimits);
  return match === null ? undefined : Number(match[1]);
}

/** Says which Content-Type came (or that none did) and what to send instead. */
function unsupportedMediaTypeMessage(contentType: string | undefined): string {
  const received = contentType === undefined ? 'a body without Content-Type' : `Content-Type ${JSON.stringify(contentType.slice(0, 100))}`;
  return `unsupported media type (${received}): send the body as Content-Type: application/json`;
}
