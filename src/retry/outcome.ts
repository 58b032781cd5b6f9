// What one upstream call (API attempt or token fetch) can end with, as plain data: the input
// of the retry decision and of the envelope mapping.

/** Which Genesys endpoint answered: the analytics API or the OAuth token endpoint. */
export type UpstreamSource = 'api' | 'login';

/** Failures without a usable HTTP answer; all reported with status_code 599. */
export const NETWORK_FAULTS = [
  'connection_reset',
  'connection_refused',
  'connection_closed',
  'upstream_timeout',
  'truncated_response',
  'malformed_response',
  'response_too_large',
] as const;
export type NetworkFault = (typeof NETWORK_FAULTS)[number];

/** Genesys answered with a non-2xx status. */
export interface HttpFailure {
  kind: 'http';
  source: UpstreamSource;
  status: number;
  /** Raw body text (unscrubbed; the envelope scrubs it). */
  body: string;
  /** ErrorBody.code, or the OAuth `error` of a token-endpoint answer. */
  genesysCode?: string;
  /** Parsed Retry-After, in seconds from when the answer arrived. */
  retryAfterSeconds?: number;
  correlationId?: string;
}

/** No usable HTTP answer: the connection failed, timed out, or the body was cut or unreadable. */
export interface NetworkFailure {
  kind: 'network';
  source: UpstreamSource;
  fault: NetworkFault;
  /** Low-level detail for logs (error code/message), never sent to callers. */
  detail: string;
  /** Status line when one arrived before the body failed. */
  status?: number;
  body?: string;
  correlationId?: string;
}

export type AttemptFailure = HttpFailure | NetworkFailure;

/** The error an attempt throws so the retry loop (p-retry) sees a typed failure. */
export class AttemptFailedError extends Error {
  override name = 'AttemptFailedError';
  constructor(readonly failure: AttemptFailure) {
    super(failure.kind === 'http' ? `${failure.source} answered ${failure.status}` : `${failure.source} ${failure.fault}: ${failure.detail}`);
  }
}

/** Why the loop stopped without a success when the last attempt's failure is not the whole story. */
/** `rate_paced`: the proxy held a call back to stay under Genesys' per-token rate limit. */
export type GiveUpReason = 'deadline_exceeded' | 'circuit_open' | 'retry_budget_exhausted' | 'outcome_unknown' | 'rate_paced';

export interface FinalFailure {
  /** The last upstream failure, if any call was made. */
  last?: AttemptFailure;
  /** Set when the loop itself stopped the request (deadline, breaker, budget). */
  reason?: GiveUpReason;
  /** With `rate_paced`: when a slot under the rate limit frees, in seconds. */
  retryAfterSeconds?: number;
}
