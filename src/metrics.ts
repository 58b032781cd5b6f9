// Prometheus metrics, one registry per server instance (tests and harness run several).
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class ProxyMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'proxy_requests_total',
    help: 'POST /api/query answers by envelope action and fallback_type',
    labelNames: ['action', 'fallback_type'] as const,
    registers: [this.registry],
  });
  readonly upstreamAttempts = new Counter({
    name: 'proxy_upstream_calls_total',
    help: 'Calls to Genesys by endpoint (api, login) and outcome (HTTP status or network fault)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly retries = new Counter({
    name: 'proxy_retries_total',
    help: 'Retries started, by reason (rate_limited, server_error, network, token_refresh)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly budgetRejections = new Counter({
    name: 'proxy_retry_budget_rejections_total',
    help: 'Retries refused because the retry budget was spent',
    registers: [this.registry],
  });
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
  readonly breakerTransitions = new Counter({
    name: 'proxy_circuit_breaker_transitions_total',
    help: 'Circuit breaker state changes, by new state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });
  readonly breakerFastFails = new Counter({
    name: 'proxy_circuit_breaker_rejections_total',
    help: 'Attempts refused because the circuit was open',
    registers: [this.registry],
  });
  readonly tokenFetches = new Counter({
    name: 'proxy_token_fetches_total',
    help: 'Client-credentials token fetches, by result (ok or failure code)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly upstreamLatency = new Histogram({
    name: 'proxy_upstream_latency_seconds',
    help: 'Duration of calls to Genesys, by endpoint',
    labelNames: ['source'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16],
    registers: [this.registry],
  });

  // --- SLOs of the answers themselves (issue 14): time to answer and share of the deadline used.
  readonly answerSeconds = new Histogram({
    name: 'proxy_answer_seconds',
    help: 'Time from request to envelope written, by route (/api/query or the flow action) and envelope action',
    labelNames: ['route', 'action'] as const,
    // Callers' timeouts: Twilio 10 s, Architect up to 60 s, CXone up to 90 s.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 8, 10, 15, 30, 55, 90],
    registers: [this.registry],
  });
  readonly deadlineUsedRatio = new Histogram({
    name: 'proxy_deadline_used_ratio',
    help: "elapsed_ms / deadline_ms of envelopes whose request had a deadline, by route and envelope action (above 1: late)",
    labelNames: ['route', 'action'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.98, 1, 1.1, 1.5],
    registers: [this.registry],
  });
  readonly lateEnvelopes = new Counter({
    name: 'proxy_envelopes_late_total',
    help: 'Envelopes written after their deadline (must stay 0), by route',
    labelNames: ['route'] as const,
    registers: [this.registry],
  });

  // --- the fleet (REDIS_URL) and Genesys rate pacing.
  readonly fleetShared = new Gauge({
    name: 'proxy_fleet_redis_shared',
    help: '1 while the replica shares its state through Redis (REDIS_URL), 0 while it uses its own',
    registers: [this.registry],
  });
  readonly pacedCalls = new Counter({
    name: 'proxy_rate_paced_total',
    help: "Calls answered wait_and_retry without calling Genesys, to stay under its per-token rate limit",
    registers: [this.registry],
  });

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
}
