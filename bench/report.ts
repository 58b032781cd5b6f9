// Turns the figures into the README's markdown table, each beside its target.
import type { AmplificationFigures } from './amplification.js';
import type { HungMemoryFigures } from './hung-memory.js';
import type { ThroughputFigures } from './throughput.js';
import type { TokenBurstFigures } from './token-burst.js';
import type { WireMockFigures } from './wiremock.js';

export interface BenchFigures {
  throughput: ThroughputFigures[];
  amplification: AmplificationFigures[];
  tokenBurst: TokenBurstFigures;
  hungMemory: HungMemoryFigures;
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
  for (const t of figures.throughput) {
    result.push({
      measurement: `Proxy throughput vs direct mock, concurrency ${t.concurrency}`,
      result: `${t.ratio.toFixed(2)} (${t.proxyRps} vs ${t.directRps} req/s)`,
      target: t.concurrency === 32 ? '≥ 0.40' : '—',
      met: t.concurrency === 32 ? t.ratio >= 0.4 : undefined,
    });
    result.push({
      measurement: `Latency added by the proxy, concurrency ${t.concurrency}: p50 / p99`,
      result: `${t.addedP50Ms.toFixed(2)} ms / ${t.addedP99Ms.toFixed(2)} ms`,
      target: t.concurrency === 1 ? 'p50 ≤ 0.5 ms' : '—',
      met: t.concurrency === 1 ? t.addedP50Ms <= 0.5 : undefined,
    });
  }
  for (const a of figures.amplification) {
    const guarded = a.policy === 'budget+breaker';
    result.push({
      measurement: `Upstream calls per request, full outage (${a.clientRequests} req, 50 at a time), ${guarded ? 'retry budget + breaker' : 'naive retries (no budget, no breaker)'}`,
      result: `${a.amplification.toFixed(2)}× (${a.upstreamCalls} calls)`,
      target: guarded ? '≤ 1.2×' : '— (comparison)',
      met: guarded ? a.amplification <= 1.2 : undefined,
    });
  }
  const late = figures.amplification.reduce((sum, a) => sum + a.lateEnvelopes, 0);
  const envelopes = figures.amplification.reduce((sum, a) => sum + a.envelopes, 0);
  const sent = figures.amplification.reduce((sum, a) => sum + a.clientRequests, 0);
  result.push({ measurement: 'Envelopes later than their deadline (8 s) during the outage runs', result: `${late} of ${sent} (${envelopes} envelopes)`, target: '0', met: late === 0 && envelopes === sent });
  const burst = figures.tokenBurst;
  result.push({ measurement: `Token fetches for a cold burst of ${burst.requests} concurrent requests`, result: `${burst.tokenFetches} (${burst.answered200} answered 200)`, target: 'exactly 1', met: burst.tokenFetches === 1 && burst.answered200 === burst.requests });
  const hung = figures.hungMemory;
  result.push({ measurement: `Proxy peak RSS with ${hung.hungRequests} requests hanging upstream`, result: `${hung.peakRssMb} MB (baseline ${hung.baselineRssMb} MB)`, target: '≤ 150 MB', met: hung.peakRssMb <= 150 && hung.envelopes === hung.hungRequests });
  result.push({ measurement: 'Proxy RSS after they end', result: `${hung.afterRssMb} MB`, target: `within ${NEAR_BASELINE_MB} MB of baseline`, met: hung.afterRssMb - hung.baselineRssMb <= NEAR_BASELINE_MB });

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
