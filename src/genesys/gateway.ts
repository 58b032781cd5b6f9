// Everything the proxy holds towards Genesys: the undici pools, the proxy-wide retry budget and,
// per upstream context (the values of FORWARD_HEADERS, e.g. one x-mock-session), a token cache
// and a circuit breaker. Closing it forgets the contexts and closes the pools.
import type { IncomingHttpHeaders } from 'node:http';
import { BoundedMap } from '../../common/bounded-map.js';
import type { ProxyConfig } from '../config.js';
import type { QueryResult } from '../envelope.js';
import type { ProxyMetrics } from '../metrics.js';
import { RetryBudget } from '../retry/budget.js';
import { CircuitBreaker } from '../retry/circuit-breaker.js';
import { runConversationQuery, type RunnerDeps, type RunRequest } from './query-runner.js';
import { TokenProvider } from './token-provider.js';
import { Upstream, type UpstreamStats } from './upstream.js';

/** An attempt needs at least this long to be worth starting (connect + a fast answer). */
export const MIN_ATTEMPT_MS = 100;
/** Contexts kept at most; the oldest is dropped beyond (test harnesses mint one per run). */
const MAX_CONTEXTS = 1000;

export interface UpstreamContext {
  forwardedHeaders: Record<string, string>;
  tokens: TokenProvider;
  breaker: CircuitBreaker;
}

export interface GatewayOptions {
  random?: () => number;
  /** Every access token obtained (SecretRegistry.add), so envelopes can be scrubbed of it. */
  onToken?: (token: string) => void;
  /** Every upstream answer (HTTP status) or network fault, for /health/upstream. */
  onUpstreamCall?: (source: 'api' | 'login', outcome: string) => void;
  /** Every token fetch's result ('ok', an HTTP status or a fault), for /health/upstream. */
  onTokenFetch?: (result: string) => void;
}

/** The runner's dependencies shared by every context (all but its tokens, breaker and headers). */
type SharedRunnerDeps = Omit<RunnerDeps, 'tokens' | 'breaker' | 'forwardedHeaders'>;

export class GenesysGateway {
  readonly #budget: RetryBudget;
  readonly #config: ProxyConfig;
  readonly #metrics: ProxyMetrics;
  readonly #upstream: Upstream;
  readonly #contexts = new BoundedMap<string, UpstreamContext>(MAX_CONTEXTS);
  readonly #runnerDeps: SharedRunnerDeps;
  readonly #onToken: GatewayOptions['onToken'];
  readonly #onTokenFetch: GatewayOptions['onTokenFetch'];

  constructor(config: ProxyConfig, metrics: ProxyMetrics, options: GatewayOptions = {}) {
    this.#config = config;
    this.#metrics = metrics;
    this.#onToken = options.onToken;
    this.#budget = new RetryBudget(config.retryBudget);
    this.#onTokenFetch = options.onTokenFetch;
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
    this.#runnerDeps = {
      upstream: this.#upstream,
      budget: this.#budget,
      policy: { ...config.retry, minAttemptMs: MIN_ATTEMPT_MS },
      random: options.random ?? Math.random,
      onRetry: (reason) => metrics.retries.inc({ reason }),
      onBudgetRejected: () => metrics.budgetRejections.inc(),
      onBreakerRejected: () => metrics.breakerFastFails.inc(),
    };
  }

  /** The context of a caller's request: same forwarded header values, same tokens and breaker. */
  contextFor(headers: IncomingHttpHeaders): UpstreamContext {
    const forwardedHeaders: Record<string, string> = {};
    for (const name of this.#config.forwardHeaders) {
      const value = headers[name];
      if (value !== undefined) forwardedHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const key = JSON.stringify(forwardedHeaders);
    const existing = this.#contexts.get(key);
    if (existing !== undefined) return existing;
    const context = this.#createContext(forwardedHeaders);
    this.#contexts.set(key, context);
    return context;
  }

  async run(context: UpstreamContext, request: RunRequest): Promise<QueryResult> {
    const endRequest = this.#budget.startRequest();
    try {
      const { tokens, breaker, forwardedHeaders } = context;
      return await runConversationQuery({ ...this.#runnerDeps, tokens, breaker, forwardedHeaders }, request);
    } finally {
      endRequest();
    }
  }

  /** The undici pools' socket and request counts. */
  get upstreamStats(): UpstreamStats {
    return this.#upstream.stats;
  }

  async close(): Promise<void> {
    // Contexts hold no sockets or timers of their own (token calls go through the pools).
    this.#contexts.clear();
    await this.#upstream.close();
  }

  #createContext(forwardedHeaders: Record<string, string>): UpstreamContext {
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
      onFetch: (failure) => {
        const result = failure === undefined ? 'ok' : failure.kind === 'http' ? String(failure.status) : failure.fault;
        this.#metrics.tokenFetches.inc({ result });
        this.#onTokenFetch?.(result);
      },
    });
    const breaker = new CircuitBreaker(this.#config.breaker, () => Date.now(), (state) => this.#metrics.breakerTransitions.inc({ state }));
    return { forwardedHeaders, tokens, breaker };
  }
}
