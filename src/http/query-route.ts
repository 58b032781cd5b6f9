// POST /api/query: authenticate, compile the body into a ConversationQuery, run it against
// Genesys within the deadline and answer one envelope. Upstream outcomes are always HTTP 200.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProxyConfig } from '../config.js';
import type { ListData, Outcome } from '../engine/outcome.js';
import { envelopeOf, type Envelope } from '../envelope.js';
import type { GenesysGateway } from '../genesys/gateway.js';
import type { ProxyMetrics } from '../metrics.js';
import { compileQueryRequest, type CompileLimits, type CompiledQuery } from '../query/compile.js';
import { queryRequestSchema, type QueryRequest } from '../query/request.js';
import { projectConversation } from '../query/fields.js';
import { newSummaryTally, summaryOf, tallyConversation } from '../query/summary.js';
import type { SecretRegistry } from '../secrets.js';
import { createCallerAuth } from './caller-keys.js';
import { sendEnvelope, sendInvalid } from './envelope-reply.js';
import { startFlowRequest } from './flow-request.js';
import { envelopeSchema } from './schemas.js';

export { sendEnvelope, sendInvalid } from './envelope-reply.js';
export { ENVELOPE_MARGIN_MS } from './flow-request.js';

/** Bytes of the smallest success envelope without data: items beyond the budget minus this can never be sent. */
const MIN_ENVELOPE_FRAME_BYTES = 200;

export interface QueryRouteDeps {
  config: ProxyConfig;
  gateway: GenesysGateway;
  metrics: ProxyMetrics;
  /** The client secret and every token obtained: scrubbed from raw_response. */
  secrets: SecretRegistry;
}

/** A details query's envelope, and its conversations' JSON as paging serialized them (for sendEnvelope). */
export interface AnsweredQuery {
  envelope: Envelope;
  dataJson: readonly Buffer[] | undefined;
}

/** Runs a compiled details query for a flow request and answers its envelope (shared with the conversation-details action). */
export async function answerConversationQuery(
  request: FastifyRequest,
  reply: Parameters<typeof sendEnvelope>[0],
  compiled: CompiledQuery,
  deps: QueryRouteDeps,
): Promise<AnsweredQuery> {
  const { config, gateway } = deps;
  const flow = startFlowRequest(reply, compiled.deadlineMs, gateway.clock);
  const context = gateway.contextFor(request.headers);
  // summary: each conversation is folded into the tally as its page arrives and none is kept, so
  // the byte budget never stops paging; fields: each is projected before its bytes are counted.
  const tally = compiled.summary === true ? newSummaryTally() : undefined;
  const { fields } = compiled;
  const keep =
    tally !== undefined
      ? (conversation: Record<string, unknown>) => {
          tallyConversation(tally, conversation);
          return undefined;
        }
      : fields !== undefined
        ? (conversation: Record<string, unknown>) => projectConversation(conversation, fields)
        : undefined;
  const work = gateway.run(
    context,
    {
      query: compiled.query,
      maxPages: compiled.maxPages,
      allowPartial: compiled.allowPartial,
      itemBytesBudget: tally !== undefined ? Number.POSITIVE_INFINITY : config.limits.maxEnvelopeBytes - MIN_ENVELOPE_FRAME_BYTES,
      ...(keep !== undefined ? { keep } : {}),
    },
    { deadlineAt: flow.deadlineAt, signal: flow.signal, tally: flow.tally },
  );
  const late: Outcome<ListData> = { status: 'failed', shape: 'list', failure: { reason: 'deadline_exceeded' } };
  const outcome = await flow.answer(work, () => late);
  const envelope = envelopeOf(outcome, flow.meta(), deps.secrets.values());
  if (tally !== undefined && envelope.success) {
    // The summary replaces the (empty) list; record_count is the conversations it counted.
    const summary = summaryOf(tally);
    envelope.data = summary;
    envelope.record_count = summary.conversations;
    return { envelope, dataJson: undefined };
  }
  return { envelope, dataJson: outcome.status === 'failed' ? undefined : outcome.data.itemsJson };
}

export function registerQueryRoute(app: FastifyInstance, deps: QueryRouteDeps): void {
  const { config } = deps;
  const authorize = createCallerAuth(config.auth);
  const compileLimits: CompileLimits = { ...config.limits, defaultDeadlineMs: config.deadline.defaultMs };

  app.post<{ Body: QueryRequest }>(
    '/api/query',
    {
      schema: {
        summary: 'Query Genesys conversation details with retries; always answers a fallback envelope',
        body: queryRequestSchema({ maxPageSize: config.limits.maxPageSize, maxPages: config.limits.maxPages, maxDeadlineMs: config.deadline.maxMs }),
        operationId: 'queryConversationDetails',
        tags: ['query'],
        response: { 200: envelopeSchema, 400: envelopeSchema, 401: envelopeSchema, 403: envelopeSchema, 413: envelopeSchema, 415: envelopeSchema },
        security: config.auth.enabled ? [{ bearer: [] }, { apiKey: [] }] : [],
      },
      // Callback hooks (no promise per request); a hook that answers does not call done().
      onRequest: (request, reply, done) => {
        // /api/query is the seed-compatible form of the conversation-details action.
        const verdict = authorize(request.headers, 'conversation-details');
        if (verdict.ok) return done();
        sendInvalid(reply, verdict.status, verdict.status === 401 ? 'unauthorized' : 'action_not_allowed', verdict.message, deps);
      },
      preValidation: (request, _reply, done) => {
        // All fields are optional: a POST without a body is the default query.
        if (request.body === undefined || request.body === null) request.body = {};
        done();
      },
    },
    async (request, reply) => {
      const compiled = compileQueryRequest(request.body, compileLimits, Date.now());
      if (!compiled.ok) return sendInvalid(reply, 400, 'invalid_request', compiled.message, deps);
      const { envelope, dataJson } = await answerConversationQuery(request, reply, compiled.value, deps);
      logOutcome(request, envelope);
      return sendEnvelope(reply, 200, envelope, deps, compiled.value.deadlineMs, dataJson);
    },
  );
}

export function logOutcome(request: FastifyRequest, envelope: Envelope): void {
  const fields = {
    correlation_id: envelope.correlation_id,
    action: envelope.action,
    error_code: envelope.error_code,
    status_code: envelope.status_code,
    attempts: envelope.attempts,
    pages_fetched: envelope.pages_fetched,
    record_count: envelope.record_count,
    elapsed_ms: envelope.elapsed_ms,
    ...(envelope.cache !== undefined ? { cache: envelope.cache } : {}),
  };
  // Successes stay off the hot path at info; every fallback is worth a line.
  if (envelope.success) request.log.debug(fields, 'query answered');
  else request.log.warn(fields, 'query answered with a fallback');
}
