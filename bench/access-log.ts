// The cost of the access log: two proxies on the same mock, ACCESS_LOG=on and ACCESS_LOG=off,
// each writing its log to a pipe the bench drains (as a container runtime would), alternated at
// concurrency 32 with the throughput figures' flow request.
import { runLoad } from './load.js';
import { BENCH_API_KEY, FLOW_REQUEST, type Service } from './services.js';
import { median, round } from './stats.js';
import { runMeasured } from './throughput.js';

export interface AccessLogFigures {
  onRps: number;
  offRps: number;
  /** on / off requests per second. */
  ratio: number;
  onCpuMsPerRequest: number;
  offCpuMsPerRequest: number;
}

export async function measureAccessLog(proxies: { on: Service; off: Service }, options: { repeats: number; durationS: number; concurrency: number }): Promise<AccessLogFigures> {
  const load = { path: '/api/query', headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(FLOW_REQUEST) };
  for (const proxy of [proxies.on, proxies.off]) await runLoad({ ...load, url: proxy.url, connections: 8, durationS: 2 });
  const runs: Record<'on' | 'off', Array<{ rps: number; cpu: number }>> = { on: [], off: [] };
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    for (const name of repeat % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
      const run = await runMeasured(proxies[name], { ...load, url: proxies[name].url, connections: options.concurrency, durationS: options.durationS });
      runs[name].push({ rps: run.result.requestsPerSecond, cpu: run.cpuMsPerRequest });
    }
  }
  const rps = (name: 'on' | 'off'): number => median(runs[name].map((run) => run.rps));
  const cpu = (name: 'on' | 'off'): number => round(median(runs[name].map((run) => run.cpu)), 3);
  return {
    onRps: round(rps('on'), 0),
    offRps: round(rps('off'), 0),
    ratio: round(rps('on') / rps('off'), 3),
    onCpuMsPerRequest: cpu('on'),
    offCpuMsPerRequest: cpu('off'),
  };
}
