// A cold burst: a freshly started proxy gets 500 concurrent requests; the mock's journal tells
// how many times it fetched a token (single flight: exactly 1).
import { upstreamCallsOf } from './journal.js';
import { runLoad } from './load.js';
import { BENCH_API_KEY, type Service } from './services.js';

export const BURST_REQUESTS = 500;

export interface TokenBurstFigures {
  requests: number;
  answered200: number;
  tokenFetches: number;
}

export async function measureTokenBurst(mock: Service, coldProxy: Service): Promise<TokenBurstFigures> {
  const session = `burst-${Date.now()}`;
  const result = await runLoad({
    url: coldProxy.url,
    path: '/api/query',
    headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-mock-session': session },
    body: JSON.stringify({ page_size: 25, max_pages: 1 }),
    connections: BURST_REQUESTS,
    amount: BURST_REQUESTS,
    timeoutS: 30,
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const calls = await upstreamCallsOf(mock.url, session);
  return { requests: BURST_REQUESTS, answered200: result.statusCounts['200'] ?? 0, tokenFetches: calls.token ?? 0 };
}
