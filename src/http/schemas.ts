// JSON Schemas of the proxy's answers, published in the OpenAPI document (GET /openapi.json).
import { ACTIONS, CACHE_STATES, ERROR_CODE_NAMES, FALLBACK_TYPES } from '../envelope.js';

export const envelopeSchema = {
  $id: 'Envelope',
  type: 'object',
  description: 'The fallback envelope: the one JSON answer of POST /api/query, success or not; flows branch on `action`.',
  required: ['success', 'status_code', 'fallback_type', 'action', 'data', 'record_count', 'total_hits', 'pages_fetched', 'truncated', 'attempts', 'elapsed_ms', 'correlation_id'],
  properties: {
    success: { type: 'boolean', description: 'Data was fetched.' },
    status_code: { type: 'integer', description: 'Final upstream HTTP status; 200 on success; 599 when no usable HTTP answer came.' },
    fallback_type: { type: 'string', enum: [...FALLBACK_TYPES] },
    action: { type: 'string', enum: [...ACTIONS], description: 'The branch hint.' },
    error_code: { type: 'string', enum: ERROR_CODE_NAMES, description: 'Stable cause; absent on success.' },
    genesys_code: { type: 'string', description: 'Genesys ErrorBody.code when there was one.' },
    retry_after: { type: 'number', description: 'Seconds, from the last Retry-After; present with wait_and_retry.' },
    message: { type: 'string', description: 'Readable cause; for invalid requests, what to fix.' },
    data: {
      anyOf: [{ type: 'array', items: { type: 'object', additionalProperties: true } }, { type: 'object', additionalProperties: true }],
      description: 'Conversations, deduplicated by conversationId (/api/query, conversation-details), or only their requested `fields`; the counts object with `summary: true`; the projected object of any other action.',
    },
    record_count: { type: 'integer' },
    total_hits: { type: 'integer', description: "Genesys' totalHits." },
    pages_fetched: { type: 'integer' },
    truncated: { type: 'boolean', description: 'Something was left out (page cap, deadline or byte budget).' },
    attempts: { type: 'integer', description: 'Upstream API attempts made (token calls excluded).' },
    elapsed_ms: { type: 'integer' },
    correlation_id: { type: 'string', description: "ININ-Correlation-Id of the last upstream answer, else the proxy's request id." },
    raw_response: { type: 'string', description: 'At most 1,000 characters of the last upstream body, secrets removed.' },
    cache: { type: 'string', enum: [...CACHE_STATES], description: 'Flow actions with a cache policy: miss, hit (from memory), coalesced (shared a concurrent identical call), stale (stale-if-error).' },
    age_ms: { type: 'integer', description: 'Age of a cached or stale answer.' },
    stale: { type: 'boolean', description: 'A cached answer served because Genesys failed; error_code says what failed.' },
  },
} as const;
