// What the proxy knows about Genesys' health, for /health/upstream and the detail of /readyz.
// It is fed by real outcomes (every upstream answer, every token fetch) and by one background
// check per interval; probes only read it, so no probe can make the proxy call Genesys.
import type { BreakerState } from '../retry/circuit-breaker.js';

/** Overall verdict: `unknown` before any outcome, `unhealthy` when calls cannot succeed now. */
export type UpstreamVerdict = 'ok' | 'degraded' | 'unhealthy' | 'unknown';

export interface UpstreamStatus {
  status: UpstreamVerdict;
  /** Why, when not `ok`. */
  reason?: string;
  breaker: { state: BreakerState; retry_in_ms: number; open_contexts: number };
  token: { state: 'none' | 'ok' | 'failing'; last_result?: string; last_fetch_at?: string; last_ok_at?: string };
  last_answer?: { source: 'api' | 'login'; outcome: string; at: string };
  check: { interval_ms: number; last_at?: string };
}

/** The breaker of the production context (no forwarded headers) and how many are open overall. */
export interface BreakerView {
  state: BreakerState;
  retryInMs: number;
  openContexts: number;
}

interface Stamped<T> {
  value: T;
  atMs: number;
}

export class UpstreamHealth {
  #lastAnswer: Stamped<{ source: 'api' | 'login'; outcome: string }> | undefined;
  #lastTokenFetch: Stamped<string> | undefined;
  #lastTokenOkAtMs: number | undefined;
  #lastCheckAtMs: number | undefined;

  constructor(
    private readonly checkIntervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** An upstream answer arrived (HTTP status) or failed (network fault code). */
  recordAnswer(source: 'api' | 'login', outcome: string): void {
    this.#lastAnswer = { value: { source, outcome }, atMs: this.now() };
  }

  /** A token fetch ended: `ok` or the failure (HTTP status or fault code). */
  recordTokenFetch(result: string): void {
    const atMs = this.now();
    this.#lastTokenFetch = { value: result, atMs };
    if (result === 'ok') this.#lastTokenOkAtMs = atMs;
  }

  recordCheck(): void {
    this.#lastCheckAtMs = this.now();
  }

  snapshot(breaker: BreakerView): UpstreamStatus {
    const token = this.#tokenStatus();
    const answer = this.#lastAnswer;
    const status: UpstreamStatus = {
      ...verdict(breaker, this.#lastTokenFetch?.value, answer?.value),
      breaker: { state: breaker.state, retry_in_ms: breaker.retryInMs, open_contexts: breaker.openContexts },
      token,
      check: { interval_ms: this.checkIntervalMs },
    };
    if (answer !== undefined) status.last_answer = { ...answer.value, at: iso(answer.atMs) };
    if (this.#lastCheckAtMs !== undefined) status.check.last_at = iso(this.#lastCheckAtMs);
    return status;
  }

  #tokenStatus(): UpstreamStatus['token'] {
    const fetch = this.#lastTokenFetch;
    if (fetch === undefined) return { state: 'none' };
    const token: UpstreamStatus['token'] = { state: fetch.value === 'ok' ? 'ok' : 'failing', last_result: fetch.value, last_fetch_at: iso(fetch.atMs) };
    if (this.#lastTokenOkAtMs !== undefined) token.last_ok_at = iso(this.#lastTokenOkAtMs);
    return token;
  }
}

/** Pure: the verdict and its reason from the breaker, the last token fetch and the last answer. */
export function verdict(
  breaker: BreakerView,
  lastTokenResult: string | undefined,
  lastAnswer: { source: 'api' | 'login'; outcome: string } | undefined,
): Pick<UpstreamStatus, 'status' | 'reason'> {
  const reasons: string[] = [];
  if (breaker.state === 'open') reasons.push(`circuit breaker open (next probe in ${Math.ceil(breaker.retryInMs / 1000)} s)`);
  else if (breaker.openContexts > 0) reasons.push(`${breaker.openContexts} upstream context(s) with an open circuit breaker`);
  if (lastTokenResult !== undefined && lastTokenResult !== 'ok') reasons.push(`token endpoint: ${describeOutcome(lastTokenResult)}`);
  if (reasons.length > 0) return { status: 'unhealthy', reason: reasons.join('; ') };
  if (lastAnswer !== undefined && isFailure(lastAnswer.outcome)) {
    return { status: 'degraded', reason: `last Genesys ${lastAnswer.source} call: ${describeOutcome(lastAnswer.outcome)}` };
  }
  if (lastTokenResult === undefined && lastAnswer === undefined) return { status: 'unknown', reason: 'no call to Genesys yet' };
  return { status: 'ok' };
}

/** 429 and 5xx and network faults say Genesys is struggling; other answers (2xx, 4xx) do not. */
function isFailure(outcome: string): boolean {
  const status = Number(outcome);
  return !Number.isInteger(status) || status === 429 || status >= 500;
}

function describeOutcome(outcome: string): string {
  return /^\d{3}$/.test(outcome) ? `answered ${outcome}` : outcome;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Runs `check` every `intervalMs` (never two at once; errors are the check's to record), so
 * Genesys' status stays fresh without traffic. At most one check per interval whatever the
 * number of probes. Returns a stop function.
 */
export function startBackgroundCheck(intervalMs: number, check: () => Promise<void>): () => void {
  if (intervalMs <= 0) return () => {};
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    check()
      .catch(() => {})
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
