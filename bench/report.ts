// Turns the figures into the README's markdown table, each beside its target.
import type { ScaleOutFigures } from './scale-out.js';
import { round } from './stats.js';
import type { AccessLogFigures } from './access-log.js';
import type { AmplificationFigures } from './amplification.js';
import type { HostileMemoryFigures } from './hostile-memory.js';
import type { HungMemoryFigures } from './hung-memory.js';
import type { LatenessFigures } from './lateness.js';
import type { PageCostCase } from './page-cost.js';
import type { StartupFigures, StartupTimes } from './startup.js';
import type { ThroughputFigures } from './throughput.js';
import type { TokenBurstFigures } from './token-burst.js';
import type { WireMockFigures } from './wiremock.js';

export interface BenchFigures {
  startup: StartupFigures;
  throughput: ThroughputFigures[];
  pageCost: PageCostCase[];
  accessLog: AccessLogFigures;
  lateness: LatenessFigures;
  amplification: AmplificationFigures[];
  tokenBurst: TokenBurstFigures;
  scaleOut: ScaleOutFigures[];
  hungMemory: HungMemoryFigures;
  hostileMemory: HostileMemoryFigures;
  wiremock: WireMockFigures | { skipped: string };
}

export interface Row {
  measurement: string;
  result: string;
  target: string;
  /** undefined for figures shown for comparison only. */
  met: boolean | undefined;
}

/** "Back near baseline" after the hung requests end: within this many MB of the baseline. */
export const NEAR_BASELINE_MB = 20;

export function rows(figures: BenchFigures): Row[] {
  const result: Row[] = [];
  const start = figures.startup;
  const startRow = (what: string, times: StartupTimes, targetMs: number): Row => ({
    measurement: `First answer after ${what}: GET /healthz (first success envelope)`,
    result: `${times.firstAnswerMs} ms (${times.firstEnvelopeMs} ms); CPU ${times.cpuAtFirstAnswerMs} ms (${times.cpuAtFirstEnvelopeMs} ms)`,
    target: `≤ ${targetMs} ms`,
    met: times.firstAnswerMs <= targetMs,
  });
  result.push(startRow('`npm start` (compiled dist/, mock and proxy in one process)', start.npmStart, 500));
  result.push({ measurement: "npm's own start-up, side by side: `npm --version` from spawn to exit (part of every `npm start`)", result: `${start.npmOwnMs} ms`, target: '—', met: undefined });
  result.push(startRow('starting the built proxy (`node dist/proxy.js`, as the image runs it)', start.builtProxy, 400));
  for (const t of figures.throughput) {
    const { direct, passThrough, parsingPassThrough, proxy } = t.peers;
    result.push({
      measurement: `Proxy throughput vs direct mock, 10 conversations per page, concurrency ${t.concurrency}`,
      result: `${t.ratioToDirect.toFixed(2)} (${proxy.rps} vs ${direct.rps} req/s)`,
      target: t.concurrency === 32 ? '≥ 0.40' : '—',
      met: t.concurrency === 32 ? t.ratioToDirect >= 0.4 : undefined,
    });
    result.push({
      measurement: `Proxy throughput vs bare Fastify→undici pass-through, concurrency ${t.concurrency}`,
      result: `${t.ratioToPassThrough.toFixed(2)} (${proxy.rps} vs ${passThrough.rps} req/s; pass-through vs direct ${(passThrough.rps / direct.rps).toFixed(2)})`,
      target: t.concurrency === 32 ? '≥ 0.85' : '—',
      met: t.concurrency === 32 ? t.ratioToPassThrough >= 0.85 : undefined,
    });
    result.push({
      measurement: `The same pass-through checking each page with JSON.parse, concurrency ${t.concurrency}: its throughput vs the bare one; the proxy's vs it`,
      result: `${t.parsingToPassThrough.toFixed(2)} (${parsingPassThrough.rps} req/s); proxy ${t.ratioToParsingPassThrough.toFixed(2)}`,
      target: '—',
      met: undefined,
    });
    result.push({
      measurement: `Latency added by the proxy, concurrency ${t.concurrency}: p50 / p99 (pass-through: p50; parsing pass-through: p50)`,
      result: `${t.addedP50Ms.toFixed(2)} ms / ${t.addedP99Ms.toFixed(2)} ms (${t.passThroughAddedP50Ms.toFixed(2)} ms; ${t.parsingPassThroughAddedP50Ms.toFixed(2)} ms)`,
      target: t.concurrency === 1 ? 'p50 ≤ 0.5 ms' : '—',
      met: t.concurrency === 1 ? t.addedP50Ms <= 0.5 : undefined,
    });
    if (t.concurrency === 32) {
      result.push({
        measurement: 'CPU per request at concurrency 32: proxy / parsing pass-through / pass-through / mock',
        result: `${proxy.cpuMsPerRequest.toFixed(3)} / ${parsingPassThrough.cpuMsPerRequest.toFixed(3)} / ${passThrough.cpuMsPerRequest.toFixed(3)} / ${direct.cpuMsPerRequest.toFixed(3)} ms`,
        target: '—',
        met: undefined,
      });
    }
  }
  const byLabel = new Map(figures.pageCost.map((c) => [c.label, c]));
  for (const pageSize of [1, 10, 25, 100]) {
    const one = byLabel.get(`page_size ${pageSize}, max_pages 1, 7 days`);
    const five = byLabel.get(`page_size ${pageSize}, max_pages 5, 7 days`);
    if (one === undefined || five === undefined) continue;
    const kB = (bytes: number): string => (bytes / 1000).toFixed(1);
    const sameEnvelope = pageSize === 100;
    result.push({
      measurement: `Proxy CPU per request, page_size ${pageSize} over 7 days: 1 page / 5 pages (Genesys calls; envelope kB)`,
      result: `${one.cpuMsPerRequest.toFixed(3)} / ${five.cpuMsPerRequest.toFixed(3)} ms (${one.genesysCallsPerRequest} / ${five.genesysCallsPerRequest} calls; ${kB(one.envelopeBytes)} / ${kB(five.envelopeBytes)} kB)`,
      target: sameEnvelope ? '5 pages ≤ 2× 1 page' : '—',
      met: sameEnvelope ? five.cpuMsPerRequest <= 2 * one.cpuMsPerRequest && five.failedAnswers + one.failedAnswers === 0 : undefined,
    });
  }
  const large = byLabel.get('page_size 100, max_pages 5, 7 days');
  const onePageFull = byLabel.get('page_size 100, max_pages 1, 7 days')?.truncated === true;
  if (large !== undefined) {
    result.push({
      measurement: 'Genesys calls per flow request, `page_size: 100, max_pages: 5` over 7 days',
      result: `${large.genesysCallsPerRequest} (${large.recordCount} conversations, ${large.pagesFetched} pages, truncated ${large.truncated})`,
      target: onePageFull ? '≤ 1 (one page fills the budget)' : '—',
      met: onePageFull ? large.genesysCallsPerRequest <= 1 : undefined,
    });
  }
  const empty = byLabel.get('{} (defaults)');
  if (empty !== undefined) {
    result.push({
      measurement: 'Genesys calls per flow request, `{}` (defaults, last 24 h)',
      result: `${empty.genesysCallsPerRequest} (${empty.recordCount} conversations, ${(empty.envelopeBytes / 1000).toFixed(1)} kB, CPU ${empty.cpuMsPerRequest.toFixed(3)} ms)`,
      target: '—',
      met: undefined,
    });
  }
  const log = figures.accessLog;
  result.push({
    measurement: 'Proxy throughput with the access log on vs off (`ACCESS_LOG`), concurrency 32',
    result: `${log.ratio.toFixed(2)} (${log.onRps} vs ${log.offRps} req/s)`,
    target: '—',
    met: undefined,
  });
  const late = figures.lateness;
  result.push({
    measurement: `Worst lateness of envelopes, burst of ${late.connections} fresh connections, upstream hung, deadline ${late.deadlineMs} ms`,
    result: `${late.worstLatenessMs.median} ms (median of ${late.bursts} bursts; worst ${late.worstLatenessMs.max} ms; ${late.lateEnvelopes} of ${late.requests} late; median envelope ${late.medianLatenessMs} ms)`,
    target: '≤ 0 ms',
    met: late.worstLatenessMs.max <= 0 && late.envelopes === late.requests,
  });
  for (const a of figures.amplification) {
    const guarded = a.policy === 'budget+breaker';
    result.push({
      measurement: `Upstream calls per request, full outage (${a.clientRequests} req, 50 at a time), ${guarded ? 'retry budget + breaker' : 'naive retries (no budget, no breaker)'}`,
      result: `${a.amplification.toFixed(2)}× (${a.upstreamCalls} calls)`,
      target: guarded ? '≤ 1.2×' : '— (comparison)',
      met: guarded ? a.amplification <= 1.2 : undefined,
    });
  }
  const lateInOutage = figures.amplification.reduce((sum, a) => sum + a.lateEnvelopes, 0);
  const envelopes = figures.amplification.reduce((sum, a) => sum + a.envelopes, 0);
  const sent = figures.amplification.reduce((sum, a) => sum + a.clientRequests, 0);
  result.push({ measurement: 'Envelopes later than their deadline (8 s) during the outage runs', result: `${lateInOutage} of ${sent} (${envelopes} envelopes)`, target: '0', met: lateInOutage === 0 && envelopes === sent });
  const burst = figures.tokenBurst;
  result.push({ measurement: `Token fetches for a cold burst of ${burst.requests} concurrent requests`, result: `${burst.tokenFetches} (${burst.answered200} answered 200)`, target: 'exactly 1', met: burst.tokenFetches === 1 && burst.answered200 === burst.requests });
  const base = figures.scaleOut.find((entry) => !entry.redis);
  for (const entry of figures.scaleOut) {
    result.push({
      measurement: `Scale-out, ${entry.configuration}: throughput; proxy CPU per request; token requests; Genesys calls per request`,
      result: `${entry.requestsPerSecond} req/s; ${entry.cpuMsPerRequest} ms${base !== undefined && entry !== base ? ` (×${round(entry.cpuMsPerRequest / base.cpuMsPerRequest, 2)} of no Redis)` : ''}; ${entry.tokenRequests}; ${entry.upstreamCallsPerRequest}`,
      target: 'one token request per configuration',
      met: entry.tokenRequests === 1,
    });
  }
  const hung = figures.hungMemory;
  result.push({ measurement: `Proxy peak RSS with ${hung.hungRequests} requests hanging upstream`, result: `${hung.peakRssMb} MB (baseline ${hung.baselineRssMb} MB)`, target: '≤ 150 MB', met: hung.peakRssMb <= 150 && hung.envelopes === hung.hungRequests });
  result.push({ measurement: 'Proxy RSS after they end', result: `${hung.afterRssMb} MB`, target: `within ${NEAR_BASELINE_MB} MB of baseline`, met: hung.afterRssMb - hung.baselineRssMb <= NEAR_BASELINE_MB });
  const hostile = figures.hostileMemory;
  const growth = round(Math.max(...hostile.afterRoundRssMb) - hostile.baselineRssMb, 1);
  result.push({
    measurement: `Proxy RSS after hostile bodies: ${hostile.hostileRequests} requests, each an endless 200, a chunked 200 MB or a 200 MB Content-Length body (cap ${hostile.capBytes / 1024 / 1024} MiB), one at a time`,
    result: `+${growth} MB (baseline ${hostile.baselineRssMb} MB; after each ${hostile.hostileRequests / hostile.afterRoundRssMb.length}: ${hostile.afterRoundRssMb.join(' / ')} MB); ${hostile.envelopesInTime} of ${hostile.hostileRequests} \`response_too_large\` envelopes before the deadline (slowest ${hostile.slowestMs} ms)`,
    target: `within ${NEAR_BASELINE_MB} MB of baseline, every envelope in time`,
    met: growth <= NEAR_BASELINE_MB && hostile.envelopesInTime === hostile.hostileRequests,
  });

  if ('skipped' in figures.wiremock) {
    result.push({ measurement: 'Mock vs WireMock standalone', result: `skipped: ${figures.wiremock.skipped}`, target: '—', met: undefined });
    return result;
  }
  const w = figures.wiremock;
  for (const stub of w.stubs) {
    result.push({ measurement: `Mock throughput vs WireMock, same ${stub.stub} stub, journals on`, result: `${stub.ratio.toFixed(2)}× (${stub.mockRps} vs ${stub.wiremockRps} req/s)`, target: '≥ 1.5×', met: stub.ratio >= 1.5 });
  }
  result.push({ measurement: 'Mock peak RSS vs WireMock', result: `${w.rssMb.ratio.toFixed(2)} (${w.rssMb.mockPeak} vs ${w.rssMb.wiremockPeak} MB)`, target: '≤ 0.25', met: w.rssMb.ratio <= 0.25 });
  result.push({
    measurement: 'Journal after the runs: entries held, RSS growth under load',
    result: `mock ${w.journalEntries.mock} (limit ${w.journalEntries.mockLimit}), +${w.rssMb.mockGrowthDuringLoad} MB; WireMock ${w.journalEntries.wiremock}, +${w.rssMb.wiremockGrowthDuringLoad} MB`,
    target: 'mock bounded',
    met: w.journalEntries.mock <= w.journalEntries.mockLimit,
  });
  result.push({ measurement: 'First answer after start: mock vs WireMock', result: `${w.startupMs.mock} ms vs ${w.startupMs.wiremock} ms`, target: 'mock ≤ 500 ms', met: w.startupMs.mock <= 500 });
  return result;
}

export function markdownTable(table: readonly Row[]): string {
  const mark = (met: boolean | undefined): string => (met === undefined ? '' : met ? 'yes' : '**no**');
  return [
    '| Measurement | Result | Target | Met |',
    '|---|---|---|---|',
    ...table.map((row) => `| ${row.measurement} | ${row.result} | ${row.target} | ${mark(row.met)} |`),
  ].join('\n');
}
