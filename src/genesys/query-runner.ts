// The I/O shell around the pure retry decision: runs the conversation-details query page by
// page, each page under p-retry with our own delays (p-retry has no per-error delay, so its
// backoff is zeroed and onFailedAttempt waits what decideRetry says), gated by the circuit
// breaker and the retry budget, always finishing before the request's deadline.
import { setTimeout as sleep } from 'node:timers/promises';
import pRetry, { AbortError } from 'p-retry';
import type { Conversation, QueryResult } from '../envelope.js';
import type { ConversationQuery } from '../query/conversation-query.js';
import type { RetryBudget } from '../retry/budget.js';
import type { CircuitBreaker } from '../retry/circuit-breaker.js';
import { decideRetry, type DecisionPolicy, type RetryReason } from '../retry/decide.js';
import { AttemptFailedError, type AttemptFailure, type FinalFailure, type GiveUpReason } from '../retry/outcome.js';
import type { TokenProvider } from './token-provider.js';
import { classifyAnswer, correlationIdOf, type Upstream } from './upstream.js';

export const CONVERSATIONS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';
/** Genesys refuses paging past 100,000 results (pageNumber × pageSize) of one query. */
const GENESYS_MAX_RESULTS = 100_000;

export interface RunnerDeps {
  upstream: Upstream;
  tokens: TokenProvider;
  breaker: CircuitBreaker;
  budget: RetryBudget;
  policy: DecisionPolicy & { attemptTimeoutMs: number };
  forwardedHeaders: Record<string, string>;
  random?: () => number;
  onRetry?: (reason: RetryReason) => void;
  onBudgetRejected?: () => void;
  onBreakerRejected?: () => void;
}

export interface RunRequest {
  query: ConversationQuery;
  maxPages: number;
  allowPartial: boolean;
  /** performance.now() by which the loop must be done (the envelope's margin already taken off). */
  deadlineAt: number;
  requestId: string;
  startedAt: number;
}

/** Stops the page's retry loop; carries why (thrown inside p-retry wrapped in AbortError). */
class GiveUp extends Error {
  constructor(
    readonly last: AttemptFailure | undefined,
    readonly reason: GiveUpReason | undefined,
  ) {
    super(reason ?? 'give up');
  }
}

interface RunState {
  attempts: number;
  correlationId: string | undefined;
  lastBody: string | undefined;
}

type PageResult = { ok: true; conversations: Conversation[]; totalHits: number } | { ok: false; failure: FinalFailure };

export async function runConversationQuery(deps: RunnerDeps, request: RunRequest): Promise<QueryResult> {
  const state: RunState = { attempts: 0, correlationId: undefined, lastBody: undefined };
  const seen = new Set<unknown>();
  const conversations: Conversation[] = [];
  const pageSize = request.query.paging.pageSize;
  let totalHits = 0;
  let pagesFetched = 0;
  let complete = false;
  let failure: FinalFailure | undefined;

  for (let pageNumber = 1; pageNumber <= request.maxPages; pageNumber++) {
    if (pageNumber > 1 && request.deadlineAt - performance.now() < deps.policy.minAttemptMs) break; // deadline: keep what we have
    const page = await fetchPage(deps, request, { ...request.query, paging: { pageSize, pageNumber } }, state);
    if (!page.ok) {
      failure = page.failure;
      break;
    }
    pagesFetched++;
    totalHits = page.totalHits;
    for (const conversation of page.conversations) {
      const id = conversation.conversationId;
      if (id !== undefined) {
        if (seen.has(id)) continue; // totalHits moves while data arrives: pages can overlap
        seen.add(id);
      }
      conversations.push(conversation);
    }
    if (page.conversations.length < pageSize || pageNumber * pageSize >= totalHits || (pageNumber + 1) * pageSize > GENESYS_MAX_RESULTS) {
      complete = true;
      break;
    }
  }

  const failedOutright = failure !== undefined && (pagesFetched === 0 || !request.allowPartial);
  const result: QueryResult = {
    conversations: failedOutright ? [] : conversations,
    totalHits: failedOutright ? 0 : totalHits,
    pagesFetched: failedOutright ? 0 : pagesFetched,
    incomplete: !failedOutright && !complete,
    attempts: state.attempts,
    elapsedMs: performance.now() - request.startedAt,
    correlationId: state.correlationId ?? request.requestId,
  };
  if (failure !== undefined) result.failure = failure;
  if (state.lastBody !== undefined) result.lastBody = state.lastBody;
  return result;
}

async function fetchPage(deps: RunnerDeps, request: RunRequest, query: ConversationQuery, state: RunState): Promise<PageResult> {
  const { policy } = deps;
  const random = deps.random ?? Math.random;
  const body = JSON.stringify(query);
  let countedAttempts = 0;
  let tokenRefreshed = false;
  let releaseRetry: (() => void) | undefined;
  let lastFailure: AttemptFailure | undefined;
  const timeLeft = (): number => request.deadlineAt - performance.now();

  const attempt = async (): Promise<PageResult & { ok: true }> => {
    try {
      if (timeLeft() < policy.minAttemptMs) throw new AbortError(new GiveUp(undefined, 'deadline_exceeded'));
      if (!deps.breaker.tryAcquire()) {
        deps.onBreakerRejected?.();
        throw new AbortError(new GiveUp(undefined, 'circuit_open'));
      }
      let token: string;
      try {
        token = await deps.tokens.getToken(Math.min(policy.attemptTimeoutMs, timeLeft()));
      } catch (error) {
        recordHealth(deps.breaker, error);
        throw error;
      }
      const remaining = timeLeft();
      if (remaining < policy.minAttemptMs) {
        deps.breaker.release();
        throw new AbortError(new GiveUp(undefined, 'deadline_exceeded'));
      }
      state.attempts++;
      let answer;
      try {
        answer = await deps.upstream.send({
          source: 'api',
          method: 'POST',
          path: CONVERSATIONS_QUERY_PATH,
          headers: {
            ...deps.forwardedHeaders,
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body,
          timeoutMs: Math.min(policy.attemptTimeoutMs, remaining),
        });
      } catch (error) {
        recordHealth(deps.breaker, error);
        throw error;
      }
      state.correlationId = correlationIdOf(answer) ?? state.correlationId;
      const classified = classifyAnswer('api', answer);
      if (!classified.ok) {
        const failed = new AttemptFailedError(classified.failure);
        recordHealth(deps.breaker, failed);
        if (classified.failure.kind === 'http' && classified.failure.status === 401) deps.tokens.invalidate(token);
        throw failed;
      }
      deps.breaker.record('healthy');
      const list = classified.json.conversations;
      if (list !== undefined && !Array.isArray(list)) {
        throw new AttemptFailedError({ kind: 'network', source: 'api', fault: 'malformed_response', detail: 'conversations is not an array', status: answer.status, body: answer.bodyText });
      }
      const conversations = (list ?? []) as Conversation[];
      const totalHits = typeof classified.json.totalHits === 'number' ? classified.json.totalHits : conversations.length;
      return { ok: true, conversations, totalHits };
    } finally {
      releaseRetry?.();
      releaseRetry = undefined;
    }
  };

  try {
    return await pRetry(attempt, {
      // decideRetry bounds the attempts; this only has to be large enough not to interfere.
      retries: policy.maxAttempts + 1,
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      randomize: false,
      onFailedAttempt: async ({ error }) => {
        if (!(error instanceof AttemptFailedError)) throw new AbortError(error);
        const failure = error.failure;
        lastFailure = failure;
        if (failure.kind === 'http' || failure.body !== undefined) state.lastBody = failure.body;
        if (failure.correlationId !== undefined) state.correlationId = failure.correlationId;
        const decision = decideRetry({ failure, attempt: countedAttempts + 1, timeLeftMs: timeLeft(), tokenRefreshed, policy, random });
        if (!decision.retry) throw new AbortError(new GiveUp(failure, undefined));
        const release = deps.budget.tryStartRetry();
        if (release === undefined) {
          deps.onBudgetRejected?.();
          throw new AbortError(new GiveUp(failure, 'retry_budget_exhausted'));
        }
        releaseRetry = release;
        if (decision.countsAsAttempt) countedAttempts++;
        if (decision.refreshToken) tokenRefreshed = true;
        deps.onRetry?.(decision.reason);
        if (decision.delayMs > 0) await sleep(decision.delayMs);
      },
    });
  } catch (error) {
    releaseRetry?.();
    const cause = error instanceof AbortError ? error.originalError : error;
    if (cause instanceof GiveUp) {
      const failure: FinalFailure = {};
      const last = cause.last ?? lastFailure;
      if (last !== undefined) failure.last = last;
      if (cause.reason !== undefined) failure.reason = cause.reason;
      return { ok: false, failure };
    }
    throw cause;
  }
}

function recordHealth(breaker: CircuitBreaker, error: unknown): void {
  if (!(error instanceof AttemptFailedError)) {
    breaker.release();
    return;
  }
  const failure = error.failure;
  breaker.record(failure.kind === 'network' || failure.status >= 500 ? 'failed' : 'healthy');
}
