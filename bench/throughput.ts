// Proxy vs the mock answering the same query directly: same load generator, same concurrency,
// runs alternated so machine noise hits both alike; medians over the repeats.
import { compileQueryRequest } from '../src/query/compile.js';
import { runLoad, type LoadResult } from './load.js';
import { BENCH_API_KEY, DETAILS_QUERY_PATH, tokenFrom, type Service } from './services.js';
import { median, round } from './stats.js';

/** The flow's request: one page of 25, the default 24 h interval. */
const FLOW_REQUEST = { page_size: 25, max_pages: 1 };

export interface ThroughputFigures {
  concurrency: number;
  directRps: number;
  proxyRps: number;
  /** proxy / direct requests per second. */
  ratio: number;
  directP50Ms: number;
  proxyP50Ms: number;
  /** Median over repeats of (proxy − direct) at the same percentile. */
  addedP50Ms: number;
  addedP99Ms: number;
  failedAnswers: number;
}

/** The ConversationQuery the proxy sends for FLOW_REQUEST, for the direct calls. */
function directQueryBody(): string {
  const compiled = compileQueryRequest(FLOW_REQUEST, { maxPageSize: 100, maxPages: 5, defaultDeadlineMs: 8000, maxIntervalDays: 31, maxIntervalDaysWithoutFilters: 7 }, Date.now());
  if (!compiled.ok) throw new Error(compiled.message);
  return JSON.stringify(compiled.value.query);
}

function failures(result: LoadResult): number {
  return result.errors + Object.entries(result.statusCounts).filter(([status]) => status !== '200').reduce((sum, [, count]) => sum + count, 0);
}

export async function measureThroughput(mock: Service, proxy: Service, options: { concurrencies: number[]; repeats: number; durationS: number }): Promise<ThroughputFigures[]> {
  const token = await tokenFrom(mock.url);
  const direct = { url: mock.url, path: DETAILS_QUERY_PATH, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: directQueryBody() };
  const viaProxy = { url: proxy.url, path: '/api/query', headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(FLOW_REQUEST) };

  // Warm both (JIT, pools, the proxy's token) before anything is measured.
  await runLoad({ ...direct, connections: 8, durationS: 2 });
  await runLoad({ ...viaProxy, connections: 8, durationS: 2 });

  const figures: ThroughputFigures[] = [];
  for (const concurrency of options.concurrencies) {
    const directRuns: LoadResult[] = [];
    const proxyRuns: LoadResult[] = [];
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      directRuns.push(await runLoad({ ...direct, connections: concurrency, durationS: options.durationS }));
      proxyRuns.push(await runLoad({ ...viaProxy, connections: concurrency, durationS: options.durationS }));
    }
    const directRps = median(directRuns.map((run) => run.requestsPerSecond));
    const proxyRps = median(proxyRuns.map((run) => run.requestsPerSecond));
    figures.push({
      concurrency,
      directRps: round(directRps, 0),
      proxyRps: round(proxyRps, 0),
      ratio: round(proxyRps / directRps, 3),
      directP50Ms: round(median(directRuns.map((run) => run.p50Ms)), 3),
      proxyP50Ms: round(median(proxyRuns.map((run) => run.p50Ms)), 3),
      addedP50Ms: round(median(proxyRuns.map((run, index) => run.p50Ms - directRuns[index]!.p50Ms)), 3),
      addedP99Ms: round(median(proxyRuns.map((run, index) => run.p99Ms - directRuns[index]!.p99Ms)), 3),
      failedAnswers: [...directRuns, ...proxyRuns].reduce((sum, run) => sum + failures(run), 0),
    });
  }
  return figures;
}
