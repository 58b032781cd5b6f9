// Retry amplification in a full outage: 200 flow requests, 50 at a time, against
// server-errors-persistent (every call a 5xx). Upstream details-query calls per client request,
// with the retry budget and breaker on, and with both turned off (the naive policy), plus
// deadline adherence: envelopes that arrived later than the request's deadline.
import { upstreamCallsOf } from './journal.js';
import { runLoad } from './load.js';
import { BENCH_API_KEY, type Service } from './services.js';
import { round } from './stats.js';

export const OUTAGE_REQUESTS = 200;
export const OUTAGE_CONCURRENCY = 50;
const DEADLINE_MS = 8000;

/** Env of the naive policy: up to RETRY_MAX_ATTEMPTS per request, whatever the others do. */
export const NAIVE_POLICY_ENV = { RETRY_BUDGET_MIN_RETRIES: '100000', BREAKER_FAILURE_THRESHOLD: '10000' };

export interface AmplificationFigures {
  policy: 'budget+breaker' | 'naive';
  clientRequests: number;
  envelopes: number;
  upstreamCalls: number;
  /** Upstream details-query calls per client request (token calls excluded). */
  amplification: number;
  /** Envelopes answered after the deadline, by the client's clock or by elapsed_ms. */
  lateEnvelopes: number;
  maxLatencyMs: number;
  errorCodes: Record<string, number>;
}

export async function measureAmplification(mock: Service, proxy: Service, policy: AmplificationFigures['policy']): Promise<AmplificationFigures> {
  const session = `outage-${policy}-${Date.now()}`;
  const errorCodes: Record<string, number> = {};
  let envelopes = 0;
  let lateByElapsed = 0;
  const result = await runLoad({
    url: proxy.url,
    path: '/api/query',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-mock-scenario': 'server-errors-persistent', 'x-mock-session': session },
    body: JSON.stringify({ page_size: 25, max_pages: 1, deadline_ms: DEADLINE_MS }),
    connections: OUTAGE_CONCURRENCY,
    amount: OUTAGE_REQUESTS,
    timeoutS: 30,
    onResponse: (_status, body) => {
      try {
        const envelope = JSON.parse(body) as { error_code?: string; elapsed_ms?: number };
        envelopes++;
        errorCodes[envelope.error_code ?? 'none'] = (errorCodes[envelope.error_code ?? 'none'] ?? 0) + 1;
        if ((envelope.elapsed_ms ?? 0) > DEADLINE_MS) lateByElapsed++;
      } catch {
        errorCodes.unparsable = (errorCodes.unparsable ?? 0) + 1;
      }
    },
  });
  // Calls are journaled when their connection ends; let the last ones land.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const calls = await upstreamCallsOf(mock.url, session);
  const upstreamCalls = calls['analytics-query'] ?? 0;
  return {
    policy,
    clientRequests: OUTAGE_REQUESTS,
    envelopes,
    upstreamCalls,
    amplification: round(upstreamCalls / OUTAGE_REQUESTS, 2),
    // A timed-out request got no envelope at all: it counts as late.
    lateEnvelopes: Math.max(lateByElapsed, result.latenciesMs.filter((latency) => latency > DEADLINE_MS).length) + result.timeouts,
    maxLatencyMs: round(result.maxMs, 0),
    errorCodes,
  };
}
