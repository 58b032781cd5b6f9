// POST /api/query: authenticate, compile the body into a ConversationQuery, run it against
// Genesys within the deadline and answer one envelope. Upstream outcomes are always HTTP 200.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProxyConfig } from '../config.js';
import { envelopeFromResult, localEnvelope, serializeWithinBudget, type Envelope, type ErrorCode, type QueryResult } from '../envelope.js';
import type { GenesysGateway } from '../genesys/gateway.js';
import type { ProxyMetrics } from '../metrics.js';
import { compileQueryRequest, type CompileLimits } from '../query/compile.js';
import { queryRequestSchema, type QueryRequest } from '../query/request.js';
import type { SecretRegistry } from '../secrets.js';
import { createKeyChecker, presentedKey } from './auth.js';
import { envelopeSchema } from './schemas.js';

/**
 * Time kept between the loop's end and the caller's deadline for building and sending the
 * envelope. Callers time from their own send, so network and event-loop lag under load
 * come out of this margin too.
 */
export const ENVELOPE_MARGIN_MS = 250;

const JSON_TYPE = 'application/json; charset=utf-8';

export interface QueryRouteDeps {
  config: ProxyConfig;
  gateway: GenesysGateway;
  metrics: ProxyMetrics;
  /** The client secret and every token obtained: scrubbed from raw_response. */
  secrets: SecretRegistry;
}

/**
 * Sends an envelope with the given HTTP status, within the byte budget, and counts it. Every
 * envelope leaves here; what it stashes on the request feeds the access log and SLO metrics.
 */
export function sendEnvelope(
  reply: FastifyReply,
  httpStatus: number,
  envelope: Envelope,
  deps: Pick<QueryRouteDeps, 'config' | 'metrics'>,
  deadlineMs?: number,
): FastifyReply {
  // Measured now, when the envelope is written, so the time spent building it is counted too.
  envelope.elapsed_ms = Math.round(reply.elapsedTime);
  const { json } = serializeWithinBudget(envelope, deps.config.limits.maxEnvelopeBytes);
  deps.metrics.requests.inc({ action: envelope.action, fallback_type: envelope.fallback_type });
  const route = reply.request.routeOptions.url ?? 'unmatched';
  reply.request.outcome = deadlineMs === undefined ? { route, envelope } : { route, envelope, deadlineMs };
  return reply.code(httpStatus).type(JSON_TYPE).send(json);
}

/** An envelope for a caller mistake; the HTTP status is also its status_code. */
export function sendInvalid(
  reply: FastifyReply,
  httpStatus: number,
  errorCode: ErrorCode,
  message: string,
  deps: Pick<QueryRouteDeps, 'config' | 'metrics'>,
): FastifyReply {
  const envelope = localEnvelope('invalid_request', errorCode, message, {
    statusCode: httpStatus,
    correlationId: String(reply.request.id),
    elapsedMs: reply.elapsedTime,
  });
  return sendEnvelope(reply, httpStatus, envelope, deps);
}

export function registerQueryRoute(app: FastifyInstance, deps: QueryRouteDeps): void {
  const { config, gateway } = deps;
  const keyMatches = createKeyChecker(config.auth.apiKeys);
  const { secrets } = deps;
  const compileLimits: CompileLimits = { ...config.limits, defaultDeadlineMs: config.deadline.defaultMs };

  app.post<{ Body: QueryRequest }>(
    '/api/query',
    {
      schema: {
        summary: 'Query Genesys conversation details with retries; always answers a fallback envelope',
        body: queryRequestSchema({ maxPageSize: config.limits.maxPageSize, maxPages: config.limits.maxPages, maxDeadlineMs: config.deadline.maxMs }),
        operationId: 'queryConversationDetails',
        tags: ['query'],
        response: { 200: envelopeSchema, 400: envelopeSchema, 401: envelopeSchema, 413: envelopeSchema, 415: envelopeSchema },
        security: config.auth.enabled ? [{ bearer: [] }, { apiKey: [] }] : [],
      },
      onRequest: async (request, reply) => {
        if (!config.auth.enabled) return;
        if (!keyMatches(presentedKey(request.headers))) {
          return sendInvalid(reply, 401, 'unauthorized', 'missing or wrong API key: send Authorization: Bearer <key> or x-api-key: <key>', deps);
        }
      },
      preValidation: async (request) => {
        // All fields are optional: a POST without a body is the default query.
        if (request.body === undefined || request.body === null) request.body = {};
      },
    },
    async (request, reply) => {
      const startedAt = performance.now() - reply.elapsedTime;
      const compiled = compileQueryRequest(request.body, compileLimits, Date.now());
      if (!compiled.ok) return sendInvalid(reply, 400, 'invalid_request', compiled.message, deps);

      const { query, maxPages, allowPartial, deadlineMs } = compiled.value;
      const deadlineAt = startedAt + deadlineMs - ENVELOPE_MARGIN_MS;
      const context = gateway.contextFor(request.headers);
      const run = gateway.run(context, { query, maxPages, allowPartial, deadlineAt, requestId: String(request.id), startedAt });
      const result = await withDeadline(run, deadlineAt, () => deadlineResult(String(request.id), startedAt));
      const envelope = envelopeFromResult(result, secrets.values());
      logOutcome(request, envelope);
      return sendEnvelope(reply, 200, envelope, deps, deadlineMs);
    },
  );
}

/**
 * Safety net: the loop is built to finish before `deadlineAt`, but should anything ever hang,
 * the caller still gets its envelope in time.
 */
async function withDeadline(run: Promise<QueryResult>, deadlineAt: number, onTimeout: () => QueryResult): Promise<QueryResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<QueryResult>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), Math.max(0, deadlineAt - performance.now() + ENVELOPE_MARGIN_MS / 2));
  });
  try {
    return await Promise.race([run, late]);
  } finally {
    clearTimeout(timer);
  }
}

function deadlineResult(requestId: string, startedAt: number): QueryResult {
  return {
    conversations: [],
    totalHits: 0,
    pagesFetched: 0,
    incomplete: false,
    attempts: 0,
    elapsedMs: performance.now() - startedAt,
    correlationId: requestId,
    failure: { reason: 'deadline_exceeded' },
  };
}

function logOutcome(request: FastifyRequest, envelope: Envelope): void {
  const fields = {
    correlation_id: envelope.correlation_id,
    action: envelope.action,
    error_code: envelope.error_code,
    status_code: envelope.status_code,
    attempts: envelope.attempts,
    pages_fetched: envelope.pages_fetched,
    record_count: envelope.record_count,
    elapsed_ms: envelope.elapsed_ms,
  };
  // Successes stay off the hot path at info; every fallback is worth a line.
  if (envelope.success) request.log.debug(fields, 'query answered');
  else request.log.warn(fields, 'query answered with a fallback');
}
