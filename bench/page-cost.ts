// What a flow request costs as pages grow: for page sizes 1, 10, 25 and 100, with one page and
// with five, over 7 days (enough data for five full pages), plus the empty request `{}` with its
// defaults. Per case: Genesys calls per flow request (the mock's journal of one x-mock-session),
// the envelope it produced, and the proxy's own CPU time per request under load (medians of
// alternated repeats). The envelope is capped by its byte budget, so the cost should not grow
// with the pages read beyond what is sent.
import { upstreamCallsOf } from './journal.js';
import { runLoad } from './load.js';
import { BENCH_API_KEY, type Service } from './services.js';
import { median, round } from './stats.js';
import { failures, runMeasured } from './throughput.js';

export const PAGE_SIZES = [1, 10, 25, 100] as const;
export const PAGE_COUNTS = [1, 5] as const;
/** Sequential requests whose upstream calls are counted per case. */
const COUNTED_REQUESTS = 10;

export interface PageCostCase {
  label: string;
  request: Record<string, unknown>;
  genesysCallsPerRequest: number;
  envelopeBytes: number;
  recordCount: number;
  pagesFetched: number;
  truncated: boolean;
  cpuMsPerRequest: number;
  rps: number;
  /** Non-200 answers, counted and loaded runs together (0 expected). */
  failedAnswers: number;
}

/** The last 7 days ending one minute ago: Genesys' longest interval without filters. */
export function sevenDayInterval(nowMs: number): string {
  const end = new Date(Math.floor(nowMs / 60_000) * 60_000 - 60_000);
  const start = new Date(end.getTime() - 7 * 24 * 3600 * 1000);
  return `${start.toISOString()}/${end.toISOString()}`;
}

export function pageCostRequests(nowMs: number): Array<{ label: string; request: Record<string, unknown> }> {
  const interval = sevenDayInterval(nowMs);
  const cases = PAGE_COUNTS.flatMap((maxPages) =>
    PAGE_SIZES.map((pageSize) => ({ label: `page_size ${pageSize}, max_pages ${maxPages}, 7 days`, request: { interval, page_size: pageSize, max_pages: maxPages } })),
  );
  return [...cases, { label: '{} (defaults)', request: {} }];
}

export async function measurePageCost(mock: Service, proxy: Service, options: { repeats: number; durationS: number; concurrency: number }): Promise<PageCostCase[]> {
  const headers = { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' };
  const cases = pageCostRequests(Date.now());

  // Counting: a few sequential requests per case in their own session; the last envelope describes the case.
  const counted = [];
  for (const [index, { label, request }] of cases.entries()) {
    const session = `page-cost-${index}-${Date.now()}`;
    let lastBody = '';
    let answered = 0;
    await runLoad({
      url: proxy.url,
      path: '/api/query',
      headers: { ...headers, 'x-mock-session': session },
      body: JSON.stringify(request),
      connections: 1,
      amount: COUNTED_REQUESTS,
      onResponse: (status, body) => {
        if (status === 200) answered++;
        lastBody = body;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const calls = await upstreamCallsOf(mock.url, session);
    const envelope = JSON.parse(lastBody) as { record_count?: number; pages_fetched?: number; truncated?: boolean };
    counted.push({
      label,
      request,
      genesysCallsPerRequest: round((calls['analytics-query'] ?? 0) / COUNTED_REQUESTS, 2),
      envelopeBytes: Buffer.byteLength(lastBody),
      recordCount: envelope.record_count ?? 0,
      pagesFetched: envelope.pages_fetched ?? 0,
      truncated: envelope.truncated ?? false,
      failedCounted: COUNTED_REQUESTS - answered,
    });
  }

  // CPU under load, cases alternated within each repeat.
  const cpu: number[][] = cases.map(() => []);
  const rps: number[][] = cases.map(() => []);
  const failed: number[] = cases.map(() => 0);
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const [index, { request }] of cases.entries()) {
      const run = await runMeasured(proxy, { url: proxy.url, path: '/api/query', headers, body: JSON.stringify(request), connections: options.concurrency, durationS: options.durationS });
      failed[index]! += failures(run.result);
      cpu[index]!.push(run.cpuMsPerRequest);
      rps[index]!.push(run.result.requestsPerSecond);
    }
  }
  return counted.map(({ failedCounted, ...figures }, index) => ({
    ...figures,
    cpuMsPerRequest: round(median(cpu[index]!), 3),
    rps: round(median(rps[index]!), 0),
    failedAnswers: failedCounted + failed[index]!,
  }));
}
