// The single exit of every proxy answer: an envelope, within the byte budget, counted, and
// stashed on the request (`request.outcome`) for the access log and SLO metrics.
import type { FastifyReply } from 'fastify';
import type { ProxyConfig } from '../config.js';
import { localEnvelope, serializeWithinBudget, type Envelope, type ErrorCode } from '../envelope.js';
import type { ProxyMetrics } from '../metrics.js';
import { waitedMs } from './arrival.js';

export interface RequestOutcome {
  /** '/api/query', or the action name of POST /api/actions/{name}. */
  route: string;
  envelope: Envelope;
  /** The request's deadline when it was known (absent for caller mistakes found before). */
  deadlineMs?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    outcome?: RequestOutcome;
  }
}

export interface EnvelopeReplyDeps {
  config: ProxyConfig;
  metrics: ProxyMetrics;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** What the access log names the request by: the action, else the route's URL pattern. */
function routeOf(reply: FastifyReply): string {
  const url = reply.request.routeOptions.url ?? reply.request.url.split('?')[0]!;
  const name = (reply.request.params as { name?: unknown } | undefined)?.name;
  if (typeof name === 'string') return name.slice(0, 64);
  return url.startsWith('/api/actions/') ? url.slice('/api/actions/'.length) : url;
}

/**
 * Sends an envelope with the given HTTP status, within the byte budget, and counts it. `dataJson`:
 * the JSON of each item of a list `data`, when paging already serialized them (ListData.itemsJson).
 */
export function sendEnvelope(reply: FastifyReply, httpStatus: number, envelope: Envelope, deps: EnvelopeReplyDeps, deadlineMs?: number, dataJson?: readonly Buffer[]): FastifyReply {
  // Measured now, when the envelope is written, so the time spent building it is counted too,
  // and from the request's arrival (arrival.ts).
  envelope.elapsed_ms = Math.round(reply.elapsedTime + waitedMs(reply.request.raw));
  const fitted = serializeWithinBudget(envelope, deps.config.limits.maxEnvelopeBytes, dataJson);
  reply.request.outcome = { route: routeOf(reply), envelope: fitted.envelope, ...(deadlineMs !== undefined ? { deadlineMs } : {}) };
  deps.metrics.requests.inc({ action: envelope.action, fallback_type: envelope.fallback_type });
  return reply.code(httpStatus).type(JSON_TYPE).send(fitted.body);
}

/** An envelope for a caller mistake; the HTTP status is also its status_code. */
export function sendInvalid(reply: FastifyReply, httpStatus: number, errorCode: ErrorCode, message: string, deps: EnvelopeReplyDeps): FastifyReply {
  const envelope = localEnvelope('invalid_request', errorCode, message, {
    statusCode: httpStatus,
    correlationId: String(reply.request.id),
    elapsedMs: reply.elapsedTime,
  });
  return sendEnvelope(reply, httpStatus, envelope, deps);
}
