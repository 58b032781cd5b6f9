// Memory with requests hanging upstream: 300 flow requests against upstream-hang (the mock never
// answers) held open for the whole deadline; the proxy's RSS before, at its peak, and after.
import { runLoad } from './load.js';
import { sampleRss } from './processes.js';
import { BENCH_API_KEY, type Service } from './services.js';
import { round } from './stats.js';

export const HUNG_REQUESTS = 300;
const HANG_DEADLINE_MS = 10_000;
/** Proxy env for this run: one attempt may last the whole deadline, so requests truly hang. */
export const HUNG_PROXY_ENV = { ATTEMPT_TIMEOUT_MS: String(HANG_DEADLINE_MS) };

export interface HungMemoryFigures {
  hungRequests: number;
  envelopes: number;
  baselineRssMb: number;
  peakRssMb: number;
  afterRssMb: number;
}

export async function measureHungMemory(proxy: Service): Promise<HungMemoryFigures> {
  const headers = { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' };
  // Baseline: after the code paths are warm (a few ordinary queries), before anything hangs.
  await runLoad({ url: proxy.url, path: '/api/query', headers, body: JSON.stringify({ page_size: 25, max_pages: 1 }), connections: 4, amount: 200 });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const baselineRssMb = proxy.rssMb();

  const sampler = sampleRss(proxy);
  const result = await runLoad({
    url: proxy.url,
    path: '/api/query',
    headers: { ...headers, 'x-mock-scenario': 'upstream-hang', 'x-mock-session': `hang-${Date.now()}` },
    body: JSON.stringify({ page_size: 25, max_pages: 1, deadline_ms: HANG_DEADLINE_MS }),
    connections: HUNG_REQUESTS,
    amount: HUNG_REQUESTS,
    timeoutS: 30,
  });
  const { peakMb } = sampler.stop();
  // After: the hung calls are aborted and their sockets closed; give the GC a moment.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return {
    hungRequests: HUNG_REQUESTS,
    envelopes: result.statusCounts['200'] ?? 0,
    baselineRssMb: round(baselineRssMb, 1),
    peakRssMb: round(peakMb, 1),
    afterRssMb: round(proxy.rssMb(), 1),
  };
}
