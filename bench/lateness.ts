// Deadline margin under a burst: 200 fresh connections arrive at once, every request hangs
// upstream (upstream-hang: the mock never answers), so every envelope is the proxy's deadline
// answer. Lateness is what the client observed minus the request's deadline_ms; the envelope
// should arrive before the deadline (lateness ≤ 0). A fresh proxy per burst, so no breaker state
// carries over, sent the burst once its /readyz says ready, as a load balancer would (before its
// warm-up a burst's first requests wait behind the SDK's import and the schema compiles, and
// about one burst in five had envelopes up to 0.3 s late); medians over the bursts and the worst of all.
import { request } from 'undici';
import { runLoad } from './load.js';
import { BENCH_API_KEY, type Service } from './services.js';
import { median, round } from './stats.js';

export const BURST_CONNECTIONS = 200;
export const BURST_DEADLINE_MS = 2000;

export interface LatenessFigures {
  connections: number;
  deadlineMs: number;
  bursts: number;
  /** Median over bursts of each burst's worst lateness, and the worst of all bursts. */
  worstLatenessMs: { median: number; max: number };
  /** Median over bursts of the burst's median lateness. */
  medianLatenessMs: number;
  lateEnvelopes: number;
  envelopes: number;
  requests: number;
}

export async function measureLateness(startProxy: () => Promise<Service>, options: { bursts: number }): Promise<LatenessFigures> {
  const worst: number[] = [];
  const middle: number[] = [];
  let late = 0;
  let envelopes = 0;
  for (let burst = 0; burst < options.bursts; burst++) {
    const proxy = await startProxy();
    try {
      await untilReady(proxy.url);
      const result = await runLoad({
        url: proxy.url,
        path: '/api/query',
        headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-mock-scenario': 'upstream-hang', 'x-mock-session': `burst-${burst}-${Date.now()}` },
        body: JSON.stringify({ page_size: 10, max_pages: 1, deadline_ms: BURST_DEADLINE_MS }),
        connections: BURST_CONNECTIONS,
        amount: BURST_CONNECTIONS,
        timeoutS: 30,
      });
      const lateness = result.latenciesMs.map((latency) => latency - BURST_DEADLINE_MS);
      worst.push(lateness[lateness.length - 1] ?? Number.NaN);
      middle.push(median(lateness));
      late += lateness.filter((ms) => ms > 0).length + result.timeouts;
      envelopes += result.statusCounts['200'] ?? 0;
    } finally {
      await proxy.stop();
    }
  }
  return {
    connections: BURST_CONNECTIONS,
    deadlineMs: BURST_DEADLINE_MS,
    bursts: options.bursts,
    worstLatenessMs: { median: round(median(worst), 0), max: round(Math.max(...worst), 0) },
    medianLatenessMs: round(median(middle), 0),
    lateEnvelopes: late,
    envelopes,
    requests: BURST_CONNECTIONS * options.bursts,
  };
}

/** Polls GET /readyz every 20 ms until it answers 200 (10 s at most). */
async function untilReady(url: string): Promise<void> {
  const giveUpAt = performance.now() + 10_000;
  for (;;) {
    const response = await request(`${url}/readyz`);
    await response.body.dump();
    if (response.statusCode === 200) return;
    if (performance.now() > giveUpAt) throw new Error(`the proxy at ${url} was not ready within 10 s (/readyz ${response.statusCode})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
