// The flow actions: GET /api/actions lists the catalog; POST /api/actions/{name} runs one action
// (through the cache and coalescing when its policy says so) and answers the same envelope as
// /api/query, HTTP 200 for every upstream outcome, with `data` the projected object.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import type { ProxyConfig } from '../config.js';
import { ActionCache, cacheKey } from '../actions/answer-cache.js';
import { defaultActionsDir, loadActionCatalog, type ActionDefinition, type FlatPropertySchema } from '../actions/catalog.js';
import { normalizeInput } from '../actions/request-template.js';
import { runAction } from '../actions/run-action.js';
import { ConfigError } from '../../common/env.js';
import { envelopeOf, type Envelope } from '../envelope.js';
import type { GenesysGateway } from '../genesys/gateway.js';
import type { ProxyMetrics } from '../metrics.js';
import { compileQueryRequest, type CompileLimits } from '../query/compile.js';
import { deadlineSchema, queryRequestSchema, type QueryRequest } from '../query/request.js';
import { createCallerAuth } from './caller-keys.js';
import { sendEnvelope, sendInvalid } from './envelope-reply.js';
import { startFlowRequest } from './flow-request.js';
import { answerConversationQuery, logOutcome } from './query-route.js';
import type { SecretRegistry } from '../secrets.js';
import { envelopeSchema } from './schemas.js';

export interface ActionRouteDeps {
  config: ProxyConfig;
  gateway: GenesysGateway;
  metrics: ProxyMetrics;
  /** The client secret and every token obtained: scrubbed from raw_response. */
  secrets: SecretRegistry;
}

/**
 * What the proxy itself reads of a validated action body: deadline_ms. The action's own fields
 * come from its YAML at start-up, so their type is only known then (normalizeInput reads them).
 */
type ActionBody = FromSchema<{ type: 'object'; properties: { deadline_ms: ReturnType<typeof deadlineSchema> } }>;

/** The JSON Schema Fastify validates an action's body with: its flat input plus deadline_ms. */
export function actionBodySchema(action: ActionDefinition, maxDeadlineMs: number): Record<string, unknown> {
  const property = (schema: FlatPropertySchema): Record<string, unknown> => {
    if (schema.format === 'string-map') {
      // A JSON text of strings, or the object itself; string keywords belong to the string branch.
      const { format: _format, type: _type, maxLength, minLength, pattern, ...rest } = schema;
      const text = { type: 'string', ...(maxLength !== undefined ? { maxLength } : {}), ...(minLength !== undefined ? { minLength } : {}), ...(pattern !== undefined ? { pattern } : {}) };
      return { ...rest, anyOf: [text, { type: 'object', maxProperties: 100, additionalProperties: { type: 'string', maxLength: 2000 } }] };
    }
    return { ...schema };
  };
  return {
    type: 'object',
    additionalProperties: false,
    required: action.inputSchema.required,
    properties: {
      ...Object.fromEntries(Object.entries(action.inputSchema.properties).map(([name, schema]) => [name, property(schema)])),
      deadline_ms: deadlineSchema(maxDeadlineMs),
    },
  };
}

function listing(action: ActionDefinition) {
  return {
    name: action.name,
    description: action.description,
    category: action.category,
    input_schema: action.inputSchema,
    output_schema: action.outputSchema,
    idempotent: action.idempotent,
    cache_ttl_ms: action.cache.ttlMs,
    stale_if_error_ms: action.cache.staleIfErrorMs,
    coalesce: action.cache.coalesce,
    ...(action.dataIsList ? { data_is_list: true } : {}),
  };
}

/** Loads the catalog (repository's actions/ plus ACTIONS_DIR) and registers its routes; throws a located error. */
export async function registerActionRoutes(app: FastifyInstance, deps: ActionRouteDeps): Promise<ActionDefinition[]> {
  const { config, gateway } = deps;
  const actions = await loadActionCatalog(config.actions.extraDir !== undefined ? [defaultActionsDir, config.actions.extraDir] : [defaultActionsDir]);
  const names = new Set(actions.map((action) => action.name));
  for (const scope of config.auth.scopes) {
    const unknown = scope?.find((name) => !names.has(name));
    if (unknown !== undefined) throw new ConfigError(`PROXY_API_KEYS: a key is scoped to "${unknown}", which is not an action (known: ${[...names].join(', ')})`);
  }
  const authorize = createCallerAuth(config.auth);
  const cache = new ActionCache({ maxBytes: Math.max(1, config.actions.cacheMaxBytes), shared: deps.gateway.fleet?.cache });
  const security: Array<Record<string, string[]>> = config.auth.enabled ? [{ bearer: [] }, { apiKey: [] }] : [];
  // Callback hooks (no promise per request); a hook that answers does not call done().
  const guard = (action: string | undefined) => (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const verdict = authorize(request.headers, action);
    if (verdict.ok) return done();
    sendInvalid(reply, verdict.status, verdict.status === 401 ? 'unauthorized' : 'action_not_allowed', verdict.message, deps);
  };
  const emptyBodyIsDefault = (request: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    if (request.body === undefined || request.body === null) request.body = {};
    done();
  };

  app.get('/api/actions', { schema: { summary: 'The flow actions this proxy serves, with their input and output schemas and cache policy', operationId: 'listActions', tags: ['actions'], security }, onRequest: guard(undefined) }, async (request) => {
    const verdict = authorize(request.headers, undefined);
    const scope = verdict.ok ? verdict.scope : undefined;
    return { actions: actions.filter((action) => scope === undefined || scope.includes(action.name)).map(listing) };
  });

  const compileLimits: CompileLimits = { ...config.limits, defaultDeadlineMs: config.deadline.defaultMs };
  const responses = { 200: envelopeSchema, 400: envelopeSchema, 401: envelopeSchema, 403: envelopeSchema, 413: envelopeSchema, 415: envelopeSchema };
  const routeOptions = (action: ActionDefinition, body: Record<string, unknown>) => ({
    schema: { summary: action.description, operationId: `action_${action.name.replace(/-/g, '_')}`, tags: [action.category], body, response: responses, security },
    onRequest: guard(action.name),
    preValidation: emptyBodyIsDefault,
  });

  for (const action of actions) {
    if (action.builtin === 'conversation-details') {
      const body = queryRequestSchema({ maxPageSize: config.limits.maxPageSize, maxPages: config.limits.maxPages, maxDeadlineMs: config.deadline.maxMs });
      app.post<{ Body: QueryRequest }>(`/api/actions/${action.name}`, routeOptions(action, body), async (request, reply) => {
        const compiled = compileQueryRequest(request.body, compileLimits, Date.now());
        if (!compiled.ok) return sendInvalid(reply, 400, 'invalid_request', compiled.message, deps);
        const { envelope, dataJson } = await answerConversationQuery(request, reply, compiled.value, deps);
        logOutcome(request, envelope);
        return sendEnvelope(reply, 200, envelope, deps, compiled.value.deadlineMs, dataJson);
      });
      continue;
    }
    app.post<{ Body: ActionBody }>(`/api/actions/${action.name}`, routeOptions(action, actionBodySchema(action, config.deadline.maxMs)), async (request, reply) => {
      const normalized = normalizeInput(action, request.body);
      if (!normalized.ok) return sendInvalid(reply, 400, 'invalid_request', normalized.message, deps);
      const deadlineMs = request.body.deadline_ms ?? config.deadline.defaultMs;
      const flow = startFlowRequest(reply, deadlineMs, gateway.clock);
      const context = gateway.contextFor(request.headers);
      const fresh = (signal: AbortSignal): Promise<Envelope> =>
        gateway
          .withEngine(context, (engine) => runAction(engine, action, normalized.input, { deadlineAt: flow.deadlineAt, signal, tally: flow.tally }))
          .then((outcome) => envelopeOf(outcome, flow.meta(), deps.secrets.values()));
      // A write already sent when the deadline came may have been applied: never "just late".
      const late = (): Envelope =>
        envelopeOf({ status: 'failed', shape: 'object', failure: { reason: !action.idempotent && flow.tally.attempts > 0 ? 'outcome_unknown' : 'deadline_exceeded' } }, flow.meta(), deps.secrets.values());
      const { ttlMs, staleIfErrorMs, coalesce } = action.cache;
      const cached = action.idempotent && (ttlMs > 0 || staleIfErrorMs > 0 || coalesce);
      const work = cached ? cache.serve(cacheKey(action.name, context.key, normalized.input), action.cache, flow.signal, fresh) : fresh(flow.signal);
      const envelope = await flow.answer(work, late);
      logOutcome(request, envelope);
      return sendEnvelope(reply, 200, envelope, deps, deadlineMs);
    });
  }

  // Any other name: the caller's key is checked first, then the action is named as unknown.
  app.post('/api/actions/:name', { schema: { hide: true }, onRequest: guard(undefined) }, async (request, reply) => {
    const { name } = request.params as { name: string };
    return sendInvalid(reply, 404, 'unknown_action', `no flow action ${JSON.stringify(name.slice(0, 64))}; known: ${[...names].join(', ')} (GET /api/actions)`, deps);
  });
  return actions;
}
