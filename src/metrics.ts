// Prometheus metrics, one registry per server instance (tests and harness run several).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ProxyMetrics {
  readonly registry = new Registry();
  readonly requests = this.#counter('proxy_requests_total', 'POST /api/query answers by envelope action and fallback_type', ['action', 'fallback_type']);
  readonly upstreamAttempts = this.#counter('proxy_upstream_calls_total', 'Calls to Genesys by endpoint (api, login) and outcome (HTTP status or network fault)', ['source', 'outcome']);
  readonly retries = this.#counter('proxy_retries_total', 'Retries started, by reason (rate_limited, server_error, network, token_refresh)', ['reason']);
  readonly budgetRejections = this.#counter('proxy_retry_budget_rejections_total', 'Retries refused because the retry budget was spent');
  /** Set by the gateway: counts contexts whose breaker is not closed, read at scrape time. */
  countOpenBreakers: () => number = () => 0;
  readonly breakerOpen = new Gauge({
    name: 'proxy_circuit_breakers_open',
    help: 'Upstream contexts whose circuit breaker is open or half-open',
    registers: [this.registry],
    collect: () => {
      this.breakerOpen.set(this.countOpenBreakers());
    },
  });
  readonly breakerTransitions = this.#counter('proxy_circuit_breaker_transitions_total', 'Circuit breaker state changes, by new state', ['state']);
  readonly breakerFastFails = this.#counter('proxy_circuit_breaker_rejections_total', 'Attempts refused because the circuit was open');
  readonly tokenFetches = this.#counter('proxy_token_fetches_total', 'Client-credentials token fetches, by result (ok or failure code)', ['result']);
  readonly upstreamLatency = this.#histogram('proxy_upstream_latency_seconds', 'Duration of calls to Genesys, by endpoint', ['source'], [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16]);

  // --- SLOs of the answers themselves (issue 14): time to answer and share of the deadline used.
  readonly answerSeconds = this.#histogram(
    'proxy_answer_seconds',
    'Time from request to envelope written, by route (/api/query or the flow action) and envelope action',
    ['route', 'action'],
    // Callers' timeouts: Twilio 10 s, Architect up to 60 s, CXone up to 90 s.
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 10, 15, 30, 55, 90],
  );
  readonly deadlineUsedRatio = this.#histogram(
    'proxy_deadline_used_ratio',
    'elapsed_ms / deadline_ms of envelopes whose request had a deadline, by route and envelope action (above 1: late)',
    ['route', 'action'],
    [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 1, 1.1, 1.5],
  );
  readonly lateEnvelopes = this.#counter('proxy_envelopes_late_total', 'Envelopes written after their deadline (must stay 0), by route', ['route']);

  // --- the fleet (REDIS_URL) and Genesys rate pacing.
  readonly fleetShared = new Gauge({
    name: 'proxy_fleet_redis_shared',
    help: '1 while the replica shares its state through Redis (REDIS_URL), 0 while it uses its own',
    registers: [this.registry],
  });
  readonly pacedCalls = this.#counter('proxy_rate_paced_total', 'Calls answered wait_and_retry without calling Genesys, to stay under its per-token rate limit');

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Present at 0 from the start, so "late envelopes stay at 0" is visible before any traffic.
    this.lateEnvelopes.inc({ route: '/api/query' }, 0);
  }

  /** One envelope written after `elapsedMs`, for a request with `deadlineMs` when known. */
  observeEnvelope(route: string, action: string, elapsedMs: number, deadlineMs: number | undefined): void {
    this.answerSeconds.observe({ route, action }, elapsedMs / 1000);
    if (deadlineMs === undefined || deadlineMs <= 0) return;
    this.deadlineUsedRatio.observe({ route, action }, elapsedMs / deadlineMs);
    if (elapsedMs > deadlineMs) this.lateEnvelopes.inc({ route });
  }

  #counter<Label extends string = string>(name: string, help: string, labelNames: readonly Label[] = []): Counter<Label> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  #histogram<Label extends string>(name: string, help: string, labelNames: readonly Label[], buckets: number[]): Histogram<Label> {
    return new Histogram({ name, help, labelNames, buckets, registers: [this.registry] });
  }
}
