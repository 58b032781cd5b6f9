// The scenario model: what a YAML file in scenarios/ means once loaded and validated.
// The fault engine interprets `rules`; the harness uses `request` and `expect`.

/** Routes a rule can match by name (instead of method + path). */
export const ROUTE_IDS = [
  'token',
  'analytics-query',
  'queues',
  'organization',
  'queue-estimated-wait-time',
  'queue-activity',
  'user-routing-status',
  'user-presence',
  'contact-by-phone',
  'data-tables',
  'data-table-row',
  'create-callback',
  'set-participant-data',
  'users',
] as const;
export type RouteId = (typeof ROUTE_IDS)[number];

export type Delay =
  | { fixed_ms: number }
  | { uniform: { min_ms: number; max_ms: number } }
  | { lognormal: { median_ms: number; sigma: number } };

export const FAULT_KINDS = [
  'pass',
  'status',
  'reset',
  'hang',
  'empty',
  'malformed-json',
  'truncated-body',
  'slow-body',
  'random-bytes',
  'revoke-token',
  'expire-token',
  'rate-limit',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One step of a rule's sequence: an optional delay, then a fault (default `pass`). */
export interface Step {
  fault: FaultKind;
  delay?: Delay;
  /** `status`: the HTTP status to answer. */
  status?: number;
  /** `status`: Genesys ErrorBody (or OAuth body on the token route) field overrides. */
  body?: Record<string, unknown>;
  /** `status` (and `pass`): extra or replaced response headers. */
  headers?: Record<string, string>;
  /** `status` 429/503: the Retry-After header, in seconds. */
  retry_after_s?: number;
  /** `slow-body`: how long dribbling the body takes. */
  duration_ms?: number;
  /** `truncated-body`: fraction of the body sent before the socket closes (0..1). */
  fraction?: number;
  /** `random-bytes`: how many bytes to send before closing. */
  bytes?: number;
  /** `rate-limit`: allowed requests per window per token. */
  limit?: number;
  window_ms?: number;
}

/** What happens once a rule's steps are used up. */
export type AfterSequence = 'repeat-last' | 'cycle' | 'pass';

export interface RuleMatch {
  route?: RouteId;
  /** Upper case once loaded. */
  method?: string;
  /** Exact path, e.g. /api/v2/organizations/me; without a trailing slash once loaded. */
  path?: string;
  /** Details query only: paging.pageNumber (1 when absent). */
  page?: number;
}

export interface Rule {
  match: RuleMatch;
  steps: Step[];
  then: AfterSequence;
}

/** A subset check of the proxy's answer, used by the QA runner and the end-to-end suite. */
export interface Expectation {
  /** HTTP status of the proxy's answer (default 200). */
  http_status?: number;
  /** Envelope fields that must be equal (a subset of the envelope). */
  envelope?: Record<string, unknown>;
  attempts?: number | { min?: number; max?: number };
  elapsed_ms?: { min?: number; max?: number };
  /** Calls the mock received in this run, by route id (or "METHOD /path"). */
  upstream_calls?: Record<string, number | { min?: number; max?: number }>;
}

export interface Scenario {
  name: string;
  description: string;
  /** Absolute path of the file it came from. */
  file: string;
  rules: Rule[];
  /** Body a flow would POST to the proxy's /api/query. */
  request: Record<string, unknown>;
  expect: Expectation;
}
