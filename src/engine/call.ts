// The one "call Genesys with retries under a deadline" every action and page goes through.
// p-retry runs the loop through its own hooks: shouldConsumeRetry lets the one token refresh
// after a 401 go uncounted, onFailedAttempt takes a retry-budget slot and awaits the decided
// delay, shouldRetry asks the pure decision (src/retry/decide.ts), and `signal` stops everything
// when the deadline passes or the caller hangs up. The breaker sees every attempt through
// `withBreaker`, so no exit can forget to record or release it.
import pRetry, { AbortError, type RetryContext } from 'p-retry';
import { correlationIdOf, classifyAnswer, type Upstream } from '../genesys/upstream.js';
import type { RetryAdmission } from '../retry/budget.js';
import type { AttemptGate } from '../retry/circuit-breaker.js';
import { decideRetry, mayHaveApplied, type DecisionPolicy, type RetryDecision, type RetryReason } from '../retry/decide.js';
import { AttemptFailedError, type AttemptFailure, type FinalFailure, type GiveUpReason } from '../retry/outcome.js';
import type { Clock } from './clock.js';

/** What a whole flow request did upstream, shared by its pages and parallel calls. */
export interface RequestTally {
  /** Genesys API attempts made (token calls not counted). */
  attempts: number;
  correlationId?: string;
  /** Last upstream body seen on a failure, for raw_response. */
  lastBody?: string;
}

export interface GenesysRequest {
  method: 'GET' | 'POST' | 'PATCH';
  /** Path and query string. */
  path: string;
  body?: string;
  /** False for writes that must never be sent twice when Genesys may have applied them. */
  idempotent: boolean;
  /** False when Genesys answers without a body (PATCH …/attributes); any 2xx is then a success. */
  expectBody?: boolean;
  /** Checks a 2xx answer has the shape the envelope needs; a message makes it `malformed_response`. */
  check?: (json: Record<string, unknown>) => string | undefined;
}

export interface Tokens {
  getToken(timeoutMs: number): Promise<string>;
  invalidate(token: string): void;
}

export interface EngineDeps {
  upstream: Pick<Upstream, 'send'>;
  tokens: Tokens;
  breaker: AttemptGate;
  /** The retry budget of this upstream context. */
  budget: RetryAdmission;
  /** Holds calls back to stay under Genesys' per-token rate limit (absent: no pacing). */
  pacer?: ContextPacer;
  policy: DecisionPolicy & { attemptTimeoutMs: number };
  forwardedHeaders: Record<string, string>;
  clock: Clock;
  random: () => number;
  onRetry?: (reason: RetryReason) => void;
  onBudgetRejected?: () => void;
  onBreakerRejected?: () => void;
}

/** The rate pacer bound to one upstream context. */
export interface ContextPacer {
  /** Waits for a slot while one frees in time; else the seconds the caller should wait. */
  acquire(deadlineAt: number, minAttemptMs: number, signal: AbortSignal): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
  /** Learns the allowance from an answer's inin-ratelimit-allowed header. */
  observe(allowedHeader: string | undefined): void;
}

export interface CallControl {
  /** clock.now() by which the call must be over (the envelope's margin already taken off). */
  deadlineAt: number;
  /** Aborts at the deadline and when the caller hangs up: waits and the call in flight stop. */
  signal: AbortSignal;
  tally: RequestTally;
}

/** A success: the answer's JSON object and, when it had one, the body JSON.parse accepted (for splicing its bytes). */
export type CallResult = { ok: true; json: Record<string, unknown>; body?: Buffer } | { ok: false; failure: FinalFailure };

/** Stops the loop with the reason the engine itself gives (thrown through p-retry's AbortError). */
class GiveUp extends Error {
  constructor(
    readonly reason: GiveUpReason,
    readonly retryAfterSeconds?: number,
  ) {
    super(reason);
  }
}

export async function callGenesys(deps: EngineDeps, request: GenesysRequest, control: CallControl): Promise<CallResult> {
  const { policy, clock, tally, signal } = { ...deps, ...control };
  const timeLeft = (): number => control.deadlineAt - clock.now();
  let tokenRefreshed = false;
  let lastFailure: AttemptFailure | undefined;
  let releaseRetry: (() => void) | undefined;
  let budgetRefused = false;
  const decisions = new Map<number, RetryDecision>();
  let lastDecision: RetryDecision | undefined;
  /** A request left for Genesys and nothing yet says it was not applied (a write may be in effect). */
  let mayBeApplied = false;

  const attempt = async (): Promise<{ json: Record<string, unknown>; body?: Buffer }> => {
    try {
      if (timeLeft() < policy.minAttemptMs) throw new AbortError(new GiveUp('deadline_exceeded'));
      return await withBreaker(deps, signal, async () => {
        const token = await untilAborted(deps.tokens.getToken(Math.min(policy.attemptTimeoutMs, timeLeft())), signal);
        if (deps.pacer !== undefined) {
          const slot = await deps.pacer.acquire(control.deadlineAt, policy.minAttemptMs, signal);
          if (!slot.ok) throw new AbortError(new GiveUp('rate_paced', slot.retryAfterSeconds));
        }
        const remaining = timeLeft();
        if (remaining < policy.minAttemptMs) throw new AbortError(new GiveUp('deadline_exceeded'));
        tally.attempts++;
        mayBeApplied = true;
        const answer = await deps.upstream.send({
          source: 'api',
          method: request.method,
          path: request.path,
          headers: {
            ...deps.forwardedHeaders,
            authorization: `Bearer ${token}`,
            accept: 'application/json',
            ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(request.body !== undefined ? { body: request.body } : {}),
          timeoutMs: Math.min(policy.attemptTimeoutMs, remaining),
          signal,
        });
        tally.correlationId = correlationIdOf(answer) ?? tally.correlationId;
        deps.pacer?.observe(headerText(answer.headers['inin-ratelimit-allowed']));
        if (request.expectBody === false && answer.status >= 200 && answer.status < 300) return { json: {} };
        const classified = classifyAnswer('api', answer);
        if (classified.ok) {
          const problem = request.check?.(classified.json);
          if (problem === undefined) return { json: classified.json, body: answer.body };
          throw new AttemptFailedError({ kind: 'network', source: 'api', fault: 'malformed_response', detail: problem, status: answer.status, body: answer.bodyText });
        }
        if (classified.failure.kind === 'http' && classified.failure.status === 401) deps.tokens.invalidate(token);
        throw new AttemptFailedError(classified.failure);
      });
    } finally {
      releaseRetry?.();
      releaseRetry = undefined;
    }
  };

  /** The pure decision for the attempt that just failed, taken once per attempt. */
  const decisionFor = (context: RetryContext): RetryDecision => {
    const known = decisions.get(context.attemptNumber);
    if (known !== undefined) return known;
    const error = context.error;
    if (signal.aborted) throw new GiveUp('deadline_exceeded');
    if (!(error instanceof AttemptFailedError)) throw error; // a bug, not an upstream failure: no retry
    const failure = error.failure;
    lastFailure = failure;
    mayBeApplied = mayHaveApplied(failure);
    if (failure.kind === 'http' || failure.body !== undefined) tally.lastBody = failure.body;
    if (failure.correlationId !== undefined) tally.correlationId = failure.correlationId;
    const decision = decideRetry({
      failure,
      attempt: context.retriesConsumed + 1,
      timeLeftMs: timeLeft(),
      tokenRefreshed,
      policy,
      random: deps.random,
      idempotent: request.idempotent,
    });
    decisions.set(context.attemptNumber, decision);
    lastDecision = decision;
    return decision;
  };

  try {
    const answer = await pRetry(attempt, {
      // The decision bounds the attempts; this backstop only has to leave room for it.
      retries: policy.maxAttempts,
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      randomize: false,
      signal,
      shouldConsumeRetry: (context) => {
        const decision = decisionFor(context);
        return !(decision.retry && decision.refreshToken);
      },
      onFailedAttempt: async (context) => {
        const decision = decisionFor(context);
        if (!decision.retry) return;
        if (decision.refreshToken) {
          // The one token refresh is not a retry of Genesys' failure: never charged to the budget.
          tokenRefreshed = true;
          deps.onRetry?.(decision.reason);
          return;
        }
        const release = await deps.budget.tryStartRetry();
        if (release === undefined) {
          budgetRefused = true;
          deps.onBudgetRejected?.();
          return;
        }
        releaseRetry = release;
        deps.onRetry?.(decision.reason);
        if (decision.delayMs > 0) await clock.sleep(decision.delayMs, signal);
      },
      shouldRetry: (context) => decisionFor(context).retry && !budgetRefused,
    });
    return { ok: true, ...answer };
  } catch (error) {
    releaseRetry?.();
    const failure: FinalFailure = lastFailure !== undefined ? { last: lastFailure } : {};
    if (error instanceof GiveUp) {
      failure.reason = error.reason;
      if (error.retryAfterSeconds !== undefined) failure.retryAfterSeconds = error.retryAfterSeconds;
    }
    else if (signal.aborted) failure.reason = 'deadline_exceeded';
    else if (!(error instanceof AttemptFailedError)) throw error;
    else if (budgetRefused) failure.reason = 'retry_budget_exhausted';
    else if (lastDecision?.retry === false && lastDecision.cause === 'outcome_unknown') failure.reason = 'outcome_unknown';
    // A write stopped by the deadline or a hang-up once it was sent: Genesys may have applied it.
    if (!request.idempotent && mayBeApplied && failure.reason === 'deadline_exceeded') failure.reason = 'outcome_unknown';
    return { ok: false, failure };
  }
}

/** Admits one attempt through the breaker and accounts for it on every exit. */
async function withBreaker<T>(deps: Pick<EngineDeps, 'breaker' | 'onBreakerRejected'>, signal: AbortSignal, run: () => Promise<T>): Promise<T> {
  const { breaker } = deps;
  if (!(await breaker.tryAcquire())) {
    deps.onBreakerRejected?.();
    throw new AbortError(new GiveUp('circuit_open'));
  }
  try {
    const value = await run();
    breaker.record('healthy');
    return value;
  } catch (error) {
    // Only a finished upstream answer says something about Genesys' health; an attempt that
    // never ran, or that the caller's hang-up cut short, gives its slot back.
    if (error instanceof AttemptFailedError && !signal.aborted) breaker.record(healthOf(error.failure));
    else breaker.release();
    throw error;
  }
}

/** 5xx and network faults count against Genesys' health; 429 and 4xx mean it answered. */
function healthOf(failure: AttemptFailure): 'healthy' | 'failed' {
  return failure.kind === 'network' || failure.status >= 500 ? 'failed' : 'healthy';
}

/** `promise`, or a rejection with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}
