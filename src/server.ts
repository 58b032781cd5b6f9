// Assembles the proxy: Fastify with pino logs (secrets redacted), the query route, health,
// readiness, metrics and the OpenAPI document. The caller listen()s and close()s; closing
// releases the undici pools, token caches and SDK clients.
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { ProxyConfig } from './config.js';
import { localEnvelope } from './envelope.js';
import { GenesysGateway } from './genesys/gateway.js';
import { registerQueryRoute, sendEnvelope, sendInvalid } from './http/query-route.js';
import { statusSchema } from './http/schemas.js';
import { ProxyMetrics } from './metrics.js';
import { describeViolations, type SchemaViolation } from './query/request.js';

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
  /** Where pino writes JSON log lines (default stdout); tests pass a capture stream. */
  logStream?: NodeJS.WritableStream;
  /** Uniform [0, 1) source for backoff jitter (tests pin it). */
  random?: () => number;
}

export type ProxyServer = FastifyInstance & { gateway: GenesysGateway; metrics: ProxyMetrics };

export async function buildProxyServer(config: ProxyConfig, options: ProxyServerOptions = {}): Promise<ProxyServer> {
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
      ...(options.logStream !== undefined ? { stream: options.logStream } : {}),
    },
    // One line per query from the route itself; no per-request access log on the hot path.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: true } },
  });

  const metrics = new ProxyMetrics();
  const gateway = new GenesysGateway(config, metrics, {
    ...(options.random !== undefined ? { random: options.random } : {}),
    onFleetModeChange: (mode, reason) => {
      metrics.fleetShared.set(mode === 'shared' ? 1 : 0);
      if (mode === 'shared') app.log.info('fleet: sharing state through Redis');
      else app.log.warn({ reason }, 'fleet: Redis unavailable, using this replica\'s own state until it returns');
    },
  });
  app.addHook('onClose', async () => gateway.close());
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
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  const deps = { config, gateway, metrics };

  // An empty JSON body is the default query, not a parse error.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, {});
    parseJson(request, body as string, done);
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Genesys retry proxy', version: '0.1.0', description: 'Deadline-aware retries in front of Genesys Cloud analytics; always answers a fallback envelope.' },
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

  app.get('/healthz', { schema: { hide: true, response: { 200: statusSchema } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true, response: { 200: statusSchema, 503: statusSchema } } }, async (request, reply) => {
    const context = gateway.contextFor(request.headers);
    const readiness = await gateway.checkReady(context, Math.min(config.retry.attemptTimeoutMs, config.deadline.defaultMs));
    if (readiness.ready) return { status: 'ready' };
    return reply.code(503).send({ status: 'not_ready', reason: readiness.reason });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  return Object.assign(app, { gateway, metrics }) as ProxyServer;
}

/** Says which Content-Type came (or that none did) and what to send instead. */
function unsupportedMediaTypeMessage(contentType: string | undefined): string {
  const received = contentType === undefined ? 'a body without Content-Type' : `Content-Type ${JSON.stringify(contentType.slice(0, 100))}`;
  return `unsupported media type (${received}): send the body as Content-Type: application/json`;
}
