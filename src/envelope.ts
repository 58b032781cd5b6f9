// The fallback envelope (README, The fallback envelope): the one JSON answer flows branch on. Field names and
// values are fixed by existing flows. Everything here is pure: outcome data in, envelope out.
import type { FromSchema } from 'json-schema-to-ts';
import type { Outcome } from './engine/outcome.js';
import type { envelopeSchema } from './http/schemas.js';
import type { AttemptFailure, FinalFailure } from './retry/outcome.js';
import { scrubSecrets } from './secrets.js';

export const ACTIONS = ['process_data', 'wait_and_retry', 'route_to_fallback', 'refresh_token', 'log_permission_error'] as const;
export type Action = (typeof ACTIONS)[number];

export const FALLBACK_TYPES = ['none', 'api_failure', 'network_error', 'internal_error', 'invalid_request'] as const;
export type FallbackType = (typeof FALLBACK_TYPES)[number];

/** The closed list of `error_code`s, each with what it means for the flow. */
export const ERROR_CODES = {
  rate_limited: 'Genesys answered 429 (API or token endpoint), or the proxy held the call back to stay under Genesys\' per-token limit (then attempts is 0); wait retry_after seconds before trying again.',
  upstream_error: 'Genesys answered 500 (or another 5xx not listed below) on every attempt.',
  upstream_unavailable: 'Genesys answered 502 or 503 on every attempt.',
  gateway_timeout: 'Genesys answered 504 on every attempt.',
  bad_credentials: 'The API answered 401 even with a freshly fetched token.',
  login_failed: 'The token endpoint rejected the client credentials (4xx other than 429).',
  missing_permissions: 'Genesys answered 403: the OAuth client lacks a role (analytics:conversationDetail:view).',
  bad_request: 'Genesys answered 400: the compiled query was rejected (see raw_response).',
  not_found: 'Genesys answered 404.',
  upstream_rejected: 'Genesys answered another 4xx (e.g. 405, 409, 415, 422).',
  connection_reset: 'The connection was reset (ECONNRESET) before an answer arrived.',
  connection_refused: 'Genesys could not be reached (connection refused or DNS failure).',
  connection_closed: 'Genesys closed the connection without an answer.',
  upstream_timeout: 'Genesys did not answer within the attempt timeout or the time left.',
  truncated_response: 'The answer body was cut off before its end.',
  malformed_response: 'The answer body was not the JSON expected.',
  response_too_large: 'The answer body exceeded MAX_UPSTREAM_BODY_BYTES; reading stopped at the cap (retried like a malformed answer).',
  deadline_exceeded: 'The request deadline left no time to start (or finish) the next call.',
  circuit_open: 'The circuit breaker is open after consecutive upstream failures; no call was made.',
  retry_budget_exhausted: 'A retry was needed but too many retries are already in flight for this upstream context.',
  outcome_unknown: 'A write (e.g. create-callback) failed after it was sent: Genesys may have applied it, so it was not repeated.',
  invalid_request: 'The request body, a field or the filter expression is invalid; see message.',
  unauthorized: 'The caller sent no API key or a wrong one.',
  action_not_allowed: 'The API key is scoped to other actions (PROXY_API_KEYS key:action1+action2); HTTP 403.',
  unknown_action: 'No flow action has this name (GET /api/actions lists them); HTTP 404.',
  payload_too_large: 'The request body exceeds the size limit.',
  internal_error: 'The proxy hit an unexpected error; it is logged server side.',
} as const satisfies Record<string, string>;
export type ErrorCode = keyof typeof ERROR_CODES;
/** The keys of ERROR_CODES (Object.keys says string[]; the object is closed, so these are all). */
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

/** status_code when no usable HTTP answer came (reset, refused, timeout, cut or unreadable body). */
export const NO_HTTP_ANSWER_STATUS = 599;
/** status_code of circuit_open when no upstream status is known: the service is treated as unavailable. */
export const CIRCUIT_OPEN_STATUS = 503;
export const RAW_RESPONSE_MAX_CHARS = 1000;
/** retry_after of a 429 that came without a usable Retry-After header. */
const RETRY_AFTER_FALLBACK_SECONDS = 1;

export type Conversation = Record<string, unknown>;

/** Where an action's answer came from (flow actions with a cache policy). */
export const CACHE_STATES = ['miss', 'hit', 'coalesced', 'stale'] as const;
export type CacheState = (typeof CACHE_STATES)[number];

/**
 * The envelope as `envelopeSchema` (http/schemas.ts, published in the OpenAPI document) describes
 * it. The published schema leaves other fields open so clients tolerate new ones; the proxy itself
 * writes only the listed fields, hence `additionalProperties: false` here.
 */
export type Envelope = FromSchema<typeof envelopeSchema & { additionalProperties: false }>;

type FailureFields = Pick<Envelope, 'status_code' | 'fallback_type' | 'action'> & {
  error_code: ErrorCode;
  genesys_code?: string;
  retry_after?: number;
  message: string;
};

function httpErrorCode(failure: AttemptFailure & { kind: 'http' }): ErrorCode {
  const { status, source } = failure;
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 503) return 'upstream_unavailable';
  if (status === 504) return 'gateway_timeout';
  if (status >= 500) return 'upstream_error';
  if (source === 'login') return 'login_failed';
  if (status === 401) return 'bad_credentials';
  if (status === 403) return 'missing_permissions';
  if (status === 400) return 'bad_request';
  if (status === 404) return 'not_found';
  return 'upstream_rejected';
}

function actionForStatus(status: number): Action {
  if (status === 429) return 'wait_and_retry';
  if (status === 401) return 'refresh_token';
  if (status === 403) return 'log_permission_error';
  return 'route_to_fallback';
}

/** Maps one upstream failure to the envelope's branch fields (status_code, fallback_type, action, error_code). */
export function failureFields(failure: AttemptFailure): FailureFields {
  const where = failure.source === 'login' ? 'token endpoint' : 'Genesys API';
  if (failure.kind === 'network') {
    return {
      status_code: NO_HTTP_ANSWER_STATUS,
      fallback_type: 'network_error',
      action: 'route_to_fallback',
      error_code: failure.fault,
      message: `${where}: ${ERROR_CODES[failure.fault]}`,
    };
  }
  const fields: FailureFields = {
    status_code: failure.status,
    fallback_type: 'api_failure',
    action: actionForStatus(failure.status),
    error_code: httpErrorCode(failure),
    message: `${where} answered HTTP ${failure.status}`,
  };
  if (failure.genesysCode !== undefined) fields.genesys_code = failure.genesysCode;
  if (fields.action === 'wait_and_retry') fields.retry_after = failure.retryAfterSeconds ?? RETRY_AFTER_FALLBACK_SECONDS;
  return fields;
}

/** Branch fields of a request that ended without data, including the loop's own reasons to stop. */
export function finalFailureFields(final: FinalFailure): FailureFields {
  const { last, reason } = final;
  if (reason === undefined && last !== undefined) return failureFields(last);
  // Genesys only asked to wait: a retry the budget refused still tells the flow how long.
  if (reason === 'retry_budget_exhausted' && last?.kind === 'http' && last.status === 429) return failureFields(last);
  if (reason === 'rate_paced') {
    return {
      status_code: 429,
      fallback_type: 'api_failure',
      action: 'wait_and_retry',
      error_code: 'rate_limited',
      retry_after: final.retryAfterSeconds ?? 1,
      message: "the proxy held the call back: Genesys' per-token rate limit (GENESYS_RATE_LIMIT_PER_MIN) is reached; no call was made",
    };
  }
  if (reason === 'outcome_unknown') {
    const base = last === undefined ? undefined : failureFields(last);
    return {
      status_code: base?.status_code ?? NO_HTTP_ANSWER_STATUS,
      fallback_type: base?.fallback_type ?? 'network_error',
      action: 'route_to_fallback',
      error_code: 'outcome_unknown',
      message: `${ERROR_CODES.outcome_unknown} Last failure: ${base?.message ?? 'none'}`,
      ...(base?.genesys_code !== undefined ? { genesys_code: base.genesys_code } : {}),
    };
  }
  // Stopped with neither a reason nor an upstream failure: reported as the deadline.
  if (reason === undefined || reason === 'deadline_exceeded') {
    return {
      status_code: NO_HTTP_ANSWER_STATUS,
      fallback_type: 'network_error',
      action: 'route_to_fallback',
      error_code: 'deadline_exceeded',
      message: ERROR_CODES.deadline_exceeded,
      ...(last?.kind === 'http' && last.genesysCode !== undefined ? { genesys_code: last.genesysCode } : {}),
    };
  }
  // circuit_open / retry_budget_exhausted: keep the last upstream status so the flow sees what Genesys did.
  const base = last === undefined ? undefined : failureFields(last);
  return {
    status_code: base?.status_code ?? CIRCUIT_OPEN_STATUS,
    fallback_type: base?.fallback_type ?? 'api_failure',
    action: 'route_to_fallback',
    error_code: reason,
    message: ERROR_CODES[reason],
    ...(base?.genesys_code !== undefined ? { genesys_code: base.genesys_code } : {}),
  };
}

// --- secrets never leave the proxy ---------------------------------------------------------

export { scrubSecrets } from './secrets.js';

/** Beyond the window, text long enough to hold a whole credential in its usual shapes. */
const SCRUB_LOOKAHEAD_CHARS = 512;

/**
 * The part of `body` that is scrubbed for raw_response: twice the limit (replacements shorten the
 * text) plus the longest secret, whatever the body's size. `keepChars`: only text starting that
 * far before the cut is kept, so a secret is either whole when it is scrubbed or not kept at all.
 */
export function rawResponseWindow(body: string, secrets: readonly string[]): { window: string; keepChars: number } {
  let longest = SCRUB_LOOKAHEAD_CHARS;
  for (const secret of secrets) longest = Math.max(longest, secret.length);
  const window = body.slice(0, 2 * RAW_RESPONSE_MAX_CHARS + longest);
  return { window, keepChars: window.length < body.length ? window.length - longest : window.length };
}

/** At most RAW_RESPONSE_MAX_CHARS of `body`, scrubbed; the window is cut first, so the cost is bounded. */
export function rawResponseExcerpt(body: string | undefined, secrets: readonly string[]): string | undefined {
  if (body === undefined || body === '') return undefined;
  const { window, keepChars } = rawResponseWindow(body, secrets);
  return scrubSecrets(window, secrets, keepChars).slice(0, RAW_RESPONSE_MAX_CHARS);
}

// --- building and fitting ------------------------------------------------------------------

/** What the envelope reports besides the outcome itself. */
export interface OutcomeMeta {
  /** Genesys API attempts made (token calls not counted). */
  attempts: number;
  elapsedMs: number;
  /** ININ-Correlation-Id of the last upstream answer, else the proxy's request id. */
  correlationId: string;
  /** Last upstream body, for raw_response (scrubbed here). */
  lastBody?: string;
}

/** Said on a success when paging stopped because nothing more could be sent. */
export const BUDGET_FULL_MESSAGE = "stopped paging: the conversations read fill the envelope's byte budget (MAX_ENVELOPE_BYTES)";

/** Maps an outcome to its envelope; nothing is re-derived (complete, partial, failed are the outcome's own). */
export function envelopeOf(outcome: Outcome, meta: OutcomeMeta, secrets: readonly string[]): Envelope {
  const common = { attempts: meta.attempts, elapsed_ms: Math.round(meta.elapsedMs), correlation_id: meta.correlationId };
  if (outcome.status === 'failed') {
    const envelope: Envelope = {
      success: false,
      ...finalFailureFields(outcome.failure),
      data: outcome.shape === 'list' ? [] : {},
      record_count: 0,
      total_hits: 0,
      pages_fetched: 0,
      truncated: false,
      ...common,
    };
    const raw = rawResponseExcerpt(meta.lastBody, secrets);
    if (raw !== undefined) envelope.raw_response = raw;
    return envelope;
  }
  const { data } = outcome;
  const envelope: Envelope =
    data.shape === 'list'
      ? { success: true, status_code: 200, fallback_type: 'none', action: 'process_data', data: data.items, record_count: data.items.length, total_hits: data.totalHits, pages_fetched: data.pagesFetched, truncated: data.incomplete, ...common }
      : { success: true, status_code: 200, fallback_type: 'none', action: 'process_data', data: data.value, record_count: 1, total_hits: 1, pages_fetched: data.answers, truncated: false, ...common };
  if (data.shape === 'list' && data.budgetFull) envelope.message = BUDGET_FULL_MESSAGE;
  if (outcome.status === 'partial') {
    // The data is usable; the error fields tell the flow what stopped it from being whole.
    const fields = finalFailureFields(outcome.failure);
    envelope.error_code = fields.error_code;
    if (fields.genesys_code !== undefined) envelope.genesys_code = fields.genesys_code;
    envelope.message = `partial result: ${fields.message}`;
    const raw = rawResponseExcerpt(meta.lastBody, secrets);
    if (raw !== undefined) envelope.raw_response = raw;
  }
  return envelope;
}

/** An envelope for requests that never reached Genesys (caller mistakes, proxy faults). */
export function localEnvelope(
  kind: 'invalid_request' | 'internal_error',
  errorCode: ErrorCode,
  message: string,
  meta: { statusCode: number; correlationId: string; elapsedMs: number },
): Envelope {
  return {
    success: false,
    status_code: meta.statusCode,
    fallback_type: kind,
    action: 'route_to_fallback',
    error_code: errorCode,
    message,
    data: [],
    record_count: 0,
    total_hits: 0,
    pages_fetched: 0,
    truncated: false,
    attempts: 0,
    elapsed_ms: Math.round(meta.elapsedMs),
    correlation_id: meta.correlationId,
  };
}

const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Only when the envelope without data is still over the budget (a tiny budget, or a long message):
 * drops raw_response, then shortens `message`, the fields of variable size besides data.
 */
function fitFrame(frame: Envelope, maxBytes: number): void {
  delete frame.raw_response;
  const overBytes = utf8Bytes(JSON.stringify(frame)) - maxBytes;
  if (overBytes > 0 && frame.message !== undefined) {
    // Each character cut removes at least one byte; the ellipsis costs one character (3 bytes).
    frame.message = `${frame.message.slice(0, Math.max(0, frame.message.length - overBytes - 4))}…`;
  }
}

/**
 * Serializes the envelope within maxBytes, dropping conversations from the end (and setting
 * `truncated`) when it does not fit. Each conversation is serialized at most once (not at all when
 * `dataJson` brings the JSON paging counted), so the cost stays linear in the data. The body is
 * the UTF-8 that goes on the wire, encoded once: its length is the budget check and the
 * Content-Length, and the socket copies it as it is.
 */
export function serializeWithinBudget(envelope: Envelope, maxBytes: number, dataJson?: readonly Buffer[]): { body: Buffer; envelope: Envelope } {
  const list = Array.isArray(envelope.data) ? envelope.data : undefined;
  const itemsJson = list !== undefined && dataJson !== undefined && dataJson.length === list.length ? dataJson : undefined;
  if (itemsJson !== undefined) {
    const body = withData(JSON.stringify({ ...envelope, data: [] }), itemsJson);
    if (body.length <= maxBytes) return { body, envelope };
  } else {
    const whole = JSON.stringify(envelope);
    // A UTF-16 code unit is at least one UTF-8 byte: a longer text cannot fit.
    if (whole.length <= maxBytes) {
      const body = Buffer.from(whole, 'utf8');
      if (body.length <= maxBytes) return { body, envelope };
    }
  }
  if (list === undefined) return fitObjectData(envelope, maxBytes);

  // Measure the frame with no data and `truncated: true`; record_count is measured at its full
  // width so a smaller final count can only shrink the result.
  const frame: Envelope = { ...envelope, data: [], truncated: true };
  const frameBytes = utf8Bytes(JSON.stringify(frame));
  const kept: Buffer[] = [];
  let used = frameBytes;
  for (const [index, conversation] of list.entries()) {
    const json = itemsJson?.[index] ?? Buffer.from(JSON.stringify(conversation), 'utf8');
    const cost = json.length + (kept.length > 0 ? 1 : 0);
    if (used + cost > maxBytes) break;
    used += cost;
    kept.push(json);
  }
  const fitted: Envelope = { ...frame, data: list.slice(0, kept.length), record_count: kept.length };
  if (frameBytes > maxBytes) fitFrame(fitted, maxBytes);
  return { body: withData(JSON.stringify({ ...fitted, data: [] }), kept), envelope: fitted };
}

const COMMA = 0x2c;

/**
 * Splices items' UTF-8 JSON into an envelope's JSON whose data is `[]` (a key no string value
 * can hold unescaped): the body, written once into a buffer of its exact size.
 */
function withData(frameJson: string, itemsJson: readonly Buffer[]): Buffer {
  const marker = '"data":[]';
  const at = frameJson.indexOf(marker) + marker.length - 1; // on the closing bracket
  const head = frameJson.slice(0, at);
  const tail = frameJson.slice(at);
  let size = utf8Bytes(head) + utf8Bytes(tail) + Math.max(0, itemsJson.length - 1);
  for (const item of itemsJson) size += item.length;
  const body = Buffer.allocUnsafe(size);
  let offset = body.write(head, 0, 'utf8');
  for (const [index, item] of itemsJson.entries()) {
    if (index > 0) body[offset++] = COMMA;
    offset += item.copy(body, offset);
  }
  body.write(tail, offset, 'utf8');
  return body;
}

/** An action's object `data` over the budget keeps its fields in order while they fit (`truncated`). */
function fitObjectData(envelope: Envelope, maxBytes: number): { body: Buffer; envelope: Envelope } {
  const frame: Envelope = { ...envelope, data: {}, truncated: true };
  if (utf8Bytes(JSON.stringify(frame)) > maxBytes) delete frame.raw_response;
  let used = utf8Bytes(JSON.stringify(frame));
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(envelope.data)) {
    const cost = utf8Bytes(JSON.stringify({ [key]: value })) - 1;
    if (used + cost > maxBytes) break;
    used += cost;
    kept[key] = value;
  }
  const fitted: Envelope = { ...frame, data: kept };
  return { body: Buffer.from(JSON.stringify(fitted), 'utf8'), envelope: fitted };
}
