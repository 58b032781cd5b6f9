// One `info` access line per request (4xx included) and the SLO metrics of every envelope, both
// read from what sendEnvelope stashes on the request (`request.outcome`, envelope-reply.ts). Also the request id: the caller's
// x-request-id or traceparent trace id when it sends one, echoed in x-request-id.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ProxyMetrics } from '../metrics.js';
import { waitedMs } from './arrival.js';

/** A caller's id is kept when it is short and plain (it lands in logs and headers). */
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;
/** W3C trace context: version-traceid-parentid-flags; the trace id names the request. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  if (typeof sent === 'string' && CALLER_REQUEST_ID.test(sent)) return sent;
  const traceparent = request.headers.traceparent;
  const traceId = typeof traceparent === 'string' ? TRACEPARENT.exec(traceparent.trim())?.[1] : undefined;
  if (traceId !== undefined && !/^0+$/.test(traceId)) return traceId;
  return `${PROCESS_ID_PREFIX}-${(++requestCount).toString(36)}`;
}

/** Ids the proxy makes: random per process (replicas differ), then a counter (no crypto per request). */
const PROCESS_ID_PREFIX = randomBytes(6).toString('hex');
let requestCount = 0;

export function registerAccessLog(app: FastifyInstance, options: { metrics: ProxyMetrics; accessLog: boolean }): void {
  const { metrics, accessLog } = options;

  // Callback hooks, not async ones: no promise per request on the hot path.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  app.addHook('onResponse', (request, reply, done) => {
    // Measured when the answer has been written, from the request's arrival (arrival.ts): what the
    // caller waited, not what the loop thought.
    const elapsedMs = reply.elapsedTime + waitedMs(request.raw);
    const outcome = request.outcome;
    const route = outcome?.route ?? request.routeOptions.url ?? 'unmatched';
    if (outcome !== undefined) metrics.observeEnvelope(route, outcome.envelope.action, elapsedMs, outcome.deadlineMs);
    if (!accessLog) return done();
    const envelope = outcome?.envelope;
    request.log.info(
      {
        method: request.method,
        route,
        status: reply.statusCode,
        action: envelope?.action,
        error_code: envelope?.error_code,
        attempts: envelope?.attempts,
        cache: envelope?.cache,
        elapsed_ms: Math.round(elapsedMs),
        correlation_id: envelope?.correlation_id,
      },
      'access',
    );
    done();
  });
}
