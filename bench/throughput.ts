// The proxy beside its peers, measured in the same run on the same mock: the mock answering the
// same ConversationQuery directly, a bare Fastify→undici pass-through (pass-through.ts), and the
// same pass-through checking each page with JSON.parse before sending it (PARSE_PAGE=on): the
// floor of any proxy that, like this one, never forwards a page it has not parsed.
// Same load generator and concurrency; the three alternate within each repeat (the first of them
// rotating) so machine noise hits all alike; medians over the repeats.
import { compileQueryRequest } from '../src/query/compile.js';
import { runLoad, type LoadOptions, type LoadResult } from './load.js';
import { BENCH_API_KEY, DETAILS_QUERY_PATH, FLOW_REQUEST, tokenFrom, type Service } from './services.js';
import { median, round } from './stats.js';

export type Peer = 'direct' | 'passThrough' | 'parsingPassThrough' | 'proxy';
const PEERS: readonly Peer[] = ['direct', 'passThrough', 'parsingPassThrough', 'proxy'];

export interface PeerFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of the server's own process per answered request (the mock's for `direct`). */
  cpuMsPerRequest: number;
}

export interface ThroughputFigures {
  concurrency: number;
  peers: Record<Peer, PeerFigures>;
  /** proxy / direct, proxy / pass-through and proxy / parsing pass-through requests per second. */
  ratioToDirect: number;
  ratioToPassThrough: number;
  ratioToParsingPassThrough: number;
  /** parsing pass-through / pass-through: what parsing each page alone costs. */
  parsingToPassThrough: number;
  /** Median over repeats of (peer − direct) at the same percentile, from the same repeat. */
  addedP50Ms: number;
  addedP99Ms: number;
  passThroughAddedP50Ms: number;
  parsingPassThroughAddedP50Ms: number;
  failedAnswers: number;
}

/** The ConversationQuery the proxy sends for FLOW_REQUEST, for the direct and pass-through calls. */
export function directQueryBody(request: object = FLOW_REQUEST): string {
  const compiled = compileQueryRequest(request, { maxPageSize: 100, maxPages: 5, defaultDeadlineMs: 8000, maxIntervalDays: 31, maxIntervalDaysWithoutFilters: 7 }, Date.now());
  if (!compiled.ok) throw new Error(compiled.message);
  return JSON.stringify(compiled.value.query);
}

export function failures(result: LoadResult): number {
  return result.errors + Object.entries(result.statusCounts).filter(([status]) => status !== '200').reduce((sum, [, count]) => sum + count, 0);
}

interface Run {
  result: LoadResult;
  cpuMsPerRequest: number;
}

/** One load run, with the CPU the serving process spent during it. */
export async function runMeasured(server: Service, options: LoadOptions): Promise<Run> {
  const cpuBefore = server.cpuMs();
  const result = await runLoad(options);
  return { result, cpuMsPerRequest: (server.cpuMs() - cpuBefore) / Math.max(1, result.answered) };
}

export async function measureThroughput(
  servers: { mock: Service; passThrough: Service; parsingPassThrough: Service; proxy: Service },
  options: { concurrencies: number[]; repeats: number; durationS: number },
): Promise<ThroughputFigures[]> {
  const token = await tokenFrom(servers.mock.url);
  const json = { 'content-type': 'application/json' };
  const body = directQueryBody();
  const targets: Record<Peer, { server: Service; load: Omit<LoadOptions, 'connections'> }> = {
    direct: { server: servers.mock, load: { url: servers.mock.url, path: DETAILS_QUERY_PATH, headers: { ...json, authorization: `Bearer ${token}` }, body } },
    passThrough: { server: servers.passThrough, load: { url: servers.passThrough.url, path: '/api/query', headers: json, body } },
    parsingPassThrough: { server: servers.parsingPassThrough, load: { url: servers.parsingPassThrough.url, path: '/api/query', headers: json, body } },
    proxy: { server: servers.proxy, load: { url: servers.proxy.url, path: '/api/query', headers: { ...json, authorization: `Bearer ${BENCH_API_KEY}` }, body: JSON.stringify(FLOW_REQUEST) } },
  };

  // Warm them all (JIT, pools, the proxy's token) before anything is measured.
  for (const peer of PEERS) await runLoad({ ...targets[peer].load, connections: 8, durationS: 2 });

  const figures: ThroughputFigures[] = [];
  for (const concurrency of options.concurrencies) {
    const runs: Record<Peer, Run[]> = { direct: [], passThrough: [], parsingPassThrough: [], proxy: [] };
    for (let repeat = 0; repeat < options.repeats; repeat++) {
      for (let i = 0; i < PEERS.length; i++) {
        const peer = PEERS[(repeat + i) % PEERS.length]!;
        runs[peer].push(await runMeasured(targets[peer].server, { ...targets[peer].load, connections: concurrency, durationS: options.durationS }));
      }
    }
    const peerFigures = (peer: Peer): PeerFigures => ({
      rps: round(median(runs[peer].map((run) => run.result.requestsPerSecond)), 0),
      p50Ms: round(median(runs[peer].map((run) => run.result.p50Ms)), 3),
      p99Ms: round(median(runs[peer].map((run) => run.result.p99Ms)), 3),
      cpuMsPerRequest: round(median(runs[peer].map((run) => run.cpuMsPerRequest)), 3),
    });
    const added = (peer: Peer, of: 'p50Ms' | 'p99Ms'): number => round(median(runs[peer].map((run, index) => run.result[of] - runs.direct[index]!.result[of])), 3);
    const rpsRatio = (peer: Peer, to: Peer): number => round(median(runs[peer].map((run) => run.result.requestsPerSecond)) / median(runs[to].map((run) => run.result.requestsPerSecond)), 3);
    figures.push({
      concurrency,
      peers: { direct: peerFigures('direct'), passThrough: peerFigures('passThrough'), parsingPassThrough: peerFigures('parsingPassThrough'), proxy: peerFigures('proxy') },
      ratioToDirect: rpsRatio('proxy', 'direct'),
      ratioToPassThrough: rpsRatio('proxy', 'passThrough'),
      ratioToParsingPassThrough: rpsRatio('proxy', 'parsingPassThrough'),
      parsingToPassThrough: rpsRatio('parsingPassThrough', 'passThrough'),
      addedP50Ms: added('proxy', 'p50Ms'),
      addedP99Ms: added('proxy', 'p99Ms'),
      passThroughAddedP50Ms: added('passThrough', 'p50Ms'),
      parsingPassThroughAddedP50Ms: added('parsingPassThrough', 'p50Ms'),
      failedAnswers: PEERS.flatMap((peer) => runs[peer]).reduce((sum, run) => sum + failures(run.result), 0),
    });
  }
  return figures;
}
