// Scale-out: the flow request against one replica without Redis, then 1, 2 and 3 replicas sharing
// one redis-server (REDIS_URL), each configuration's load split evenly over its replicas and
// started cold (a fresh session: no token yet). On 2 cores the machine is the ceiling, so the
// figures that matter are what Redis costs (proxy CPU per request) and what it saves (token
// requests and Genesys calls per client request). Pacing is off here, as in the other figures.
import { startRedis } from '../harness/redis.js';
import type { CompiledBuild } from './build.js';
import { upstreamCallsOf } from './journal.js';
import { runLoad } from './load.js';
import { BENCH_API_KEY, FLOW_REQUEST, startProxy, type Service } from './services.js';
import { round } from './stats.js';

export interface ScaleOutFigures {
  configuration: string;
  replicas: number;
  redis: boolean;
  requestsPerSecond: number;
  /** Proxy CPU (all replicas) per answered request. */
  cpuMsPerRequest: number;
  tokenRequests: number;
  /** Genesys API calls per answered client request. */
  upstreamCallsPerRequest: number;
}

const CONFIGURATIONS = [
  { replicas: 1, redis: false },
  { replicas: 1, redis: true },
  { replicas: 2, redis: true },
  { replicas: 3, redis: true },
] as const;

export async function measureScaleOut(build: CompiledBuild, mock: Service, options: { durationS: number; concurrency: number }): Promise<ScaleOutFigures[]> {
  const redis = await startRedis();
  const figures: ScaleOutFigures[] = [];
  try {
    for (const { replicas, redis: shared } of CONFIGURATIONS) {
      const configuration = `${replicas} replica${replicas > 1 ? 's' : ''}, ${shared ? 'Redis' : 'no Redis'}`;
      const env: Record<string, string> = shared ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `bench-${replicas}`, REDIS_TIMEOUT_MS: process.env.BENCH_REDIS_TIMEOUT_MS ?? '50' } : {};
      const proxies = await Promise.all(Array.from({ length: replicas }, () => startProxy(build, mock.url, env)));
      try {
        const session = `scale-out-${replicas}-${shared}-${Date.now()}`;
        const load = (proxy: Service, connections: number, durationS: number, forSession = session) =>
          runLoad({
            url: proxy.url,
            path: '/api/query',
            headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-mock-session': forSession },
            body: JSON.stringify(FLOW_REQUEST),
            connections,
            durationS,
          });
        // Warm the JIT in another session, so the measured one still starts without a token.
        await Promise.all(proxies.map((proxy) => load(proxy, 4, 1, `${session}-warm-up`)));
        const cpuBefore = proxies.map((proxy) => proxy.cpuMs());
        const startedAt = performance.now();
        const results = await Promise.all(proxies.map((proxy) => load(proxy, Math.max(1, Math.round(options.concurrency / replicas)), options.durationS)));
        const seconds = (performance.now() - startedAt) / 1000;
        const answered = results.reduce((sum, result) => sum + result.answered, 0);
        const cpuMs = proxies.reduce((sum, proxy, index) => sum + proxy.cpuMs() - cpuBefore[index]!, 0);
        await new Promise((resolve) => setTimeout(resolve, 300));
        const calls = await upstreamCallsOf(mock.url, session);
        figures.push({
          configuration,
          replicas,
          redis: shared,
          requestsPerSecond: round(answered / seconds, 0),
          cpuMsPerRequest: round(cpuMs / Math.max(1, answered), 3),
          tokenRequests: calls.token ?? 0,
          upstreamCallsPerRequest: round((calls['analytics-query'] ?? 0) / Math.max(1, answered), 3),
        });
      } finally {
        await Promise.all(proxies.map((proxy) => proxy.stop()));
      }
    }
  } finally {
    await redis.stop();
  }
  return figures;
}
