// Everything the proxy holds towards Genesys: the undici pools and, per upstream context (the
// values of FORWARD_HEADERS, e.g. one x-mock-session), a token cache, a circuit breaker and a
// retry budget. Closing it forgets the contexts and closes the pools.
import type { IncomingHttpHeaders } from 'node:http';
import { BoundedMap } from '../../common/bounded-map.js';
import type { ProxyConfig } from '../config.js';
import type { CallControl, ContextPacer, EngineDeps } from '../engine/call.js';
import { systemClock, type Clock } from '../engine/clock.js';
import { ItemSizeEstimate } from '../engine/item-size.js';
import type { ListData, Outcome } from '../engine/outcome.js';
import { contextPacer, Fleet, PACING_WINDOW_MS } from '../fleet/fleet.js';
import { GenesysPacer } from '../fleet/pacer.js';
import type { LinkMode } from '../fleet/redis-link.js';
import type { ProxyMetrics } from '../metrics.js';
import { RetryBudget, type RetryAdmission } from '../retry/budget.js';
import { CircuitBreaker, type AttemptGate, type BreakerState } from '../retry/circuit-breaker.js';
import { runConversationQuery, type ConversationQueryRequest } from './query-runner.js';
import { TokenProvider } from './token-provider.js';
import { Upstream, type UpstreamStats } from './upstream.js';

/** An attempt needs at least this long to be worth starting (connect + a fast answer). */
export const MIN_ATTEMPT_MS = 100;
/** Contexts kept at most; the oldest is dropped beyond (test harnesses mint one per run). */
const MAX_CONTEXTS = 1000;

export interface UpstreamContext {
  /** Identity of the context (its forwarded header values), e.g. for cache keys. */
  key: string;
  forwardedHeaders: Record<string, string>;
  tokens: TokenProvider;
  breaker: AttemptGate;
  /** Retries are limited per context (Envoy budgets are per cluster), not proxy-wide. */
  budget: RetryAdmission;
  /** Absent when GENESYS_RATE_LIMIT_PER_MIN=0. */
  pacer: ContextPacer | undefined;
  /**
   * Bytes per whole conversation in this context's details-query answers (its first page's size).
   * Per context, as a test session starts with none: a scenario pages the same after any other.
   */
  conversationSizes: ItemSizeEstimate;
}

export interface GatewayOptions {
  random?: () => number;
  clock?: Clock;
  /** Called with every token obtained (wire it to the secret registry). */
  onToken?: (token: string) => void;
  /** Every upstream answer (HTTP status) or network fault, for /health/upstream. */
  onUpstreamCall?: (source: 'api' | 'login', outcome: string) => void;
  /** Every token fetch's result ('ok', an HTTP status or a fault), for /health/upstream. */
  onTokenFetch?: (result: string) => void;
  /** Called when the fleet's Redis link changes mode (REDIS_URL set). */
  onFleetModeChange?: (mode: LinkMode, reason?: string) => void;
}

export class GenesysGateway {
  readonly #config: ProxyConfig;
  readonly #metrics: ProxyMetrics;
  readonly #upstream: Upstream;
  readonly #contexts = new BoundedMap<string, UpstreamContext>(MAX_CONTEXTS, (key) => {
    this.fleet?.forget(key);
    this.#pacer?.forget(key);
  });
  readonly #shared: Omit<EngineDeps, 'tokens' | 'breaker' | 'budget' | 'forwardedHeaders'>;
  readonly #onToken: ((token: string) => void) | undefined;
  readonly #onTokenFetch: GatewayOptions['onTokenFetch'];
  /** Shared state through Redis; undefined without REDIS_URL. */
  readonly fleet: Fleet | undefined;
  readonly #pacer: GenesysPacer | undefined;

  constructor(config: ProxyConfig, metrics: ProxyMetrics, options: GatewayOptions = {}) {
    this.#config = config;
    this.#metrics = metrics;
    this.#onToken = options.onToken;
    this.#onTokenFetch = options.onTokenFetch;
    this.fleet =
      config.redis === undefined
        ? undefined
        : new Fleet({
            redisUrl: config.redis.url,
            keyPrefix: config.redis.keyPrefix,
            timeoutMs: config.redis.timeoutMs,
            breaker: config.breaker,
            retryBudget: config.retryBudget,
            ...(options.onFleetModeChange !== undefined ? { onModeChange: options.onFleetModeChange } : {}),
          });
    this.#pacer =
      config.rateLimitPerMinute === 0 ? undefined : new GenesysPacer({ limit: config.rateLimitPerMinute, windowMs: PACING_WINDOW_MS, link: this.fleet?.link });
    metrics.countOpenBreakers = () => {
      let open = 0;
      for (const context of this.#contexts.values()) if (context.breaker.state !== 'closed') open++;
      return open;
    };
    this.#upstream = new Upstream({
      apiBaseUrl: config.genesys.apiBaseUrl,
      loginBaseUrl: config.genesys.loginBaseUrl,
      maxCallMs: config.deadline.maxMs + 1000,
      maxBodyBytes: config.limits.maxUpstreamBodyBytes,
      onCall: (source, outcome, durationMs) => {
        metrics.upstreamAttempts.inc({ source, outcome });
        metrics.upstreamLatency.observe({ source }, durationMs / 1000);
        options.onUpstreamCall?.(source, outcome);
      },
    });
    this.#shared = {
      upstream: this.#upstream,
      policy: { ...config.retry, minAttemptMs: MIN_ATTEMPT_MS },
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      onRetry: (reason) => metrics.retries.inc({ reason }),
      onBudgetRejected: () => metrics.budgetRejections.inc(),
      onBreakerRejected: () => metrics.breakerFastFails.inc(),
    };
  }

  get clock(): Clock {
    return this.#shared.clock;
  }

  /** The context of a caller's request: same forwarded header values, same tokens, breaker and budget. */
  contextFor(headers: IncomingHttpHeaders): UpstreamContext {
    const forwardedHeaders: Record<string, string> = {};
    for (const name of this.#config.forwardHeaders) {
      const value = headers[name];
      if (value !== undefined) forwardedHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const key = JSON.stringify(forwardedHeaders);
    const existing = this.#contexts.get(key);
    if (existing !== undefined) return existing;
    const context = this.#createContext(key, forwardedHeaders);
    this.#contexts.set(key, context);
    return context;
  }

  /** Runs `work` with the engine of `context`, counted as one request in flight for its budget. */
  async withEngine<T>(context: UpstreamContext, work: (deps: EngineDeps) => Promise<T>): Promise<T> {
    const endRequest = context.budget.startRequest();
    try {
      const { tokens, breaker, budget, forwardedHeaders, pacer } = context;
      return await work({ ...this.#shared, tokens, breaker, budget, forwardedHeaders, ...(pacer !== undefined ? { pacer } : {}) });
    } finally {
      endRequest();
    }
  }

  /** The conversation-details query (POST /api/query). */
  run(context: UpstreamContext, request: ConversationQueryRequest, control: CallControl): Promise<Outcome<ListData>> {
    return this.withEngine(context, (deps) => runConversationQuery(deps, request, control, context.conversationSizes));
  }

  /** The pacing of a context as this replica sees it; undefined when pacing is off. */
  pacingOf(contextKey: string): { limit_per_min: number; sent_last_minute_here: number } | undefined {
    if (this.#pacer === undefined) return undefined;
    return { limit_per_min: this.#pacer.limitFor(contextKey), sent_last_minute_here: this.#pacer.localCount(contextKey) };
  }

  /** The undici pools' socket and request counts. */
  get upstreamStats(): UpstreamStats {
    return this.#upstream.stats;
  }

  async close(): Promise<void> {
    // Contexts hold no sockets or timers of their own (token calls go through the pools).
    this.#contexts.clear();
    await this.fleet?.close();
    await this.#upstream.close();
  }

  #createContext(key: string, forwardedHeaders: Record<string, string>): UpstreamContext {
    const { genesys } = this.#config;
    const tokens = new TokenProvider({
      clientId: genesys.clientId,
      clientSecret: genesys.clientSecret,
      environment: genesys.environment,
      loginOverride: genesys.hostsOverridden ? genesys.loginBaseUrl : undefined,
      refreshMarginSeconds: this.#config.tokenRefreshMarginSeconds,
      upstream: this.#upstream,
      forwardedHeaders,
      ...(this.#onToken !== undefined ? { onToken: this.#onToken } : {}),
      ...(this.fleet !== undefined ? { shared: { token: this.fleet.token, context: key } } : {}),
      onFetch: (failure) => {
        const result = failure === undefined ? 'ok' : failure.kind === 'http' ? String(failure.status) : failure.fault;
        this.#metrics.tokenFetches.inc({ result });
        this.#onTokenFetch?.(result);
      },
    });
    const onBreakerChange = (state: BreakerState): void => void this.#metrics.breakerTransitions.inc({ state });
    const breaker =
      this.fleet === undefined
        ? new CircuitBreaker(this.#config.breaker, () => Date.now(), onBreakerChange)
        : this.fleet.breaker(key, this.#config.breaker, () => Date.now(), onBreakerChange);
    const localBudget = new RetryBudget(this.#config.retryBudget);
    const budget = this.fleet === undefined ? localBudget : this.fleet.budgetFor(key, localBudget);
    const pacer = this.#pacer === undefined ? undefined : contextPacer(this.#pacer, key, this.#shared.clock, () => this.#metrics.pacedCalls.inc());
    return { key, forwardedHeaders, tokens, breaker, budget, pacer, conversationSizes: new ItemSizeEstimate() };
  }
}
