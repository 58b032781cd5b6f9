// The load generator: autocannon, run in this process against servers in child processes.
// Latencies are taken from each response (sub-millisecond, unlike autocannon's 1 ms histogram).
import autocannon from 'autocannon';
import { percentile } from './stats.js';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Run for this long, or until `amount` requests are answered. */
  durationS?: number;
  amount?: number;
  timeoutS?: number;
  /** Sees every answer's status and body (only when given: reading bodies costs the generator). */
  onResponse?: (status: number, body: string) => void;
}

export interface LoadResult {
  answered: number;
  errors: number;
  timeouts: number;
  durationS: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  statusCounts: Record<string, number>;
  /** Every answer's latency, ascending. */
  latenciesMs: number[];
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const request = {
    method: options.method ?? 'POST',
    path: options.path,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.body !== undefined ? { body: options.body } : {}),
    ...(options.onResponse ? { onResponse: (status: number, body: string) => options.onResponse!(status, body) } : {}),
  };
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 3 }),
    timeout: options.timeoutS ?? 10,
    requests: [request],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => latencies.push(responseTimeMs));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  const statusCounts: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statusCounts[status] = Number(count);
  return {
    answered: latencies.length,
    errors: result.errors,
    timeouts: result.timeouts,
    durationS: result.duration,
    requestsPerSecond: latencies.length / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies[latencies.length - 1] ?? Number.NaN,
    statusCounts,
    latenciesMs: latencies,
  };
}
