// The retry decision as a pure function of data (cockatiel-style): given how an attempt failed,
// how many attempts were made and how much time is left, retry after how long, or stop and why.
// Only the loop in src/genesys/ sleeps and calls the network.
import type { AttemptFailure } from './outcome.js';

/** Statuses worth another attempt (undici's retry-handler list plus 429). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

export interface BackoffOptions {
  /** First retry's backoff cap, doubled per attempt. */
  baseDelayMs: number;
  /** Upper bound of any backoff delay (not of Retry-After). */
  maxDelayMs: number;
}

export interface DecisionPolicy extends BackoffOptions {
  /** Counted attempts per page, the first included. */
  maxAttempts: number;
  /** An attempt needs at least this much time to be worth starting. */
  minAttemptMs: number;
}

export type RetryReason = 'rate_limited' | 'server_error' | 'network' | 'token_refresh';
export type StopCause = 'not_retryable' | 'attempts_exhausted' | 'retry_after_exceeds_deadline' | 'no_time_left' | 'outcome_unknown';

export type RetryDecision =
  | { retry: true; delayMs: number; reason: RetryReason; refreshToken: boolean; countsAsAttempt: boolean }
  | { retry: false; cause: StopCause };

export interface DecisionInput {
  failure: AttemptFailure;
  /** Counted attempts made for this page so far, the failed one included (1-based). */
  attempt: number;
  timeLeftMs: number;
  /** Whether this page already used its one token refresh after a 401. */
  tokenRefreshed: boolean;
  policy: DecisionPolicy;
  /** Uniform in [0, 1); injected so tests pin the jitter. */
  random: () => number;
  /** False for writes (create-callback): repeated only where Genesys cannot have acted (default true). */
  idempotent?: boolean;
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base * 2^(attempt-1))). */
export function fullJitterDelayMs(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceilingMs = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceilingMs);
}

/**
 * Parses a Retry-After header (delay-seconds or HTTP-date, RFC 9110 §10.2.3) into seconds from
 * `nowMs`; undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (!/[a-z]/i.test(value)) return undefined;
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/**
 * Whether Genesys may have applied a write although the attempt failed: the request left after
 * the connection was up (timeout, reset, peer close, cut or unreadable answer) or Genesys failed
 * while handling it (500, 502, 504). Refused connections, 429 and 503 were turned away before
 * any work; token-endpoint failures happen before the write is sent.
 */
export function mayHaveApplied(failure: AttemptFailure): boolean {
  if (failure.source !== 'api') return false;
  if (failure.kind === 'network') return failure.fault !== 'connection_refused';
  return failure.status === 500 || failure.status === 502 || failure.status === 504;
}

function isRetryable(failure: AttemptFailure): boolean {
  return failure.kind === 'network' || RETRYABLE_STATUSES.has(failure.status);
}

export function decideRetry(input: DecisionInput): RetryDecision {
  const { failure, attempt, timeLeftMs, policy } = input;

  // 401 from the API: the token may have expired or been revoked; one fresh token, one more try.
  if (failure.kind === 'http' && failure.status === 401 && failure.source === 'api') {
    if (input.tokenRefreshed) return { retry: false, cause: 'not_retryable' };
    if (timeLeftMs < policy.minAttemptMs) return { retry: false, cause: 'no_time_left' };
    return { retry: true, delayMs: 0, reason: 'token_refresh', refreshToken: true, countsAsAttempt: false };
  }
  if (input.idempotent === false && mayHaveApplied(failure)) return { retry: false, cause: 'outcome_unknown' };
  if (!isRetryable(failure)) return { retry: false, cause: 'not_retryable' };
  if (attempt >= policy.maxAttempts) return { retry: false, cause: 'attempts_exhausted' };

  const reason: RetryReason = failure.kind === 'network' ? 'network' : failure.status === 429 ? 'rate_limited' : 'server_error';
  const retryAfterSeconds = failure.kind === 'http' ? failure.retryAfterSeconds : undefined;
  if (retryAfterSeconds !== undefined) {
    const delayMs = retryAfterSeconds * 1000;
    if (delayMs + policy.minAttemptMs > timeLeftMs) return { retry: false, cause: 'retry_after_exceeds_deadline' };
    return { retry: true, delayMs, reason, refreshToken: false, countsAsAttempt: true };
  }
  const delayMs = fullJitterDelayMs(attempt, policy, input.random);
  if (delayMs + policy.minAttemptMs > timeLeftMs) return { retry: false, cause: 'no_time_left' };
  return { retry: true, delayMs, reason, refreshToken: false, countsAsAttempt: true };
}
