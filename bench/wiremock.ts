// The mock against WireMock standalone, both with their request journals on: time to the first
// answer after start, throughput on the same 200 and the same 429 (WireMock serves stubs made of
// the mock's own answers), memory, and how many journal entries each holds afterwards.
import { request } from 'undici';
import type { CompiledBuild } from './build.js';
import { runLoad, type LoadResult } from './load.js';
import { DETAILS_QUERY_PATH, startMock, startWireMock, tokenFrom, type Service } from './services.js';
import { median, round } from './stats.js';

const RATE_LIMIT_SCENARIO = 'rate-limit-exhausted';
/** Headers that belong to one answer, not to the stub. */
const PER_ANSWER_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

export interface WireMockFigures {
  startupMs: { mock: number; wiremock: number };
  stubs: Array<{ stub: '200' | '429'; mockRps: number; wiremockRps: number; ratio: number }>;
  rssMb: { mockPeak: number; wiremockPeak: number; ratio: number; mockGrowthDuringLoad: number; wiremockGrowthDuringLoad: number };
  journalEntries: { mock: number; mockLimit: number; wiremock: number };
}

interface CapturedAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

async function capture(url: string, headers: Record<string, string>, body: string): Promise<CapturedAnswer> {
  const response = await request(url, { method: 'POST', headers, body });
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (!PER_ANSWER_HEADERS.has(name) && typeof value === 'string') kept[name] = value;
  }
  return { status: response.statusCode, headers: kept, body: await response.body.text() };
}

async function addStub(wiremockUrl: string, mapping: object): Promise<void> {
  const response = await request(`${wiremockUrl}/__admin/mappings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(mapping) });
  const text = await response.body.text();
  if (response.statusCode !== 201) throw new Error(`WireMock refused a stub (${response.statusCode}): ${text}`);
}

async function wiremockJournalSize(wiremockUrl: string): Promise<number> {
  const response = await request(`${wiremockUrl}/__admin/requests/count`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method: 'ANY', urlPattern: '.*' }) });
  return ((await response.body.json()) as { count: number }).count;
}

async function mockJournalSize(mockUrl: string): Promise<{ entries: number; limit: number }> {
  const response = await request(`${mockUrl}/__admin/journal`);
  const body = (await response.body.json()) as { limit: number; entries: unknown[] };
  return { entries: body.entries.length, limit: body.limit };
}

async function medianStartupMs(start: () => Promise<Service>, times: number): Promise<number> {
  const readyAfter: number[] = [];
  for (let i = 0; i < times; i++) {
    const service = await start();
    readyAfter.push(service.readyAfterMs);
    await service.stop();
  }
  return round(median(readyAfter), 0);
}

export async function measureAgainstWireMock(build: CompiledBuild, options: { repeats: number; durationS: number; concurrency: number; startups: number }): Promise<WireMockFigures> {
  const startupMs = {
    mock: await medianStartupMs(() => startMock(build), options.startups),
    wiremock: await medianStartupMs(startWireMock, options.startups),
  };

  const mock = await startMock(build);
  const wiremock = await startWireMock().catch(async (error: unknown) => {
    await mock.stop();
    throw error;
  });
  try {
    const token = await tokenFrom(mock.url);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const query = JSON.stringify({ interval: '2026-11-01T00:00:00.000Z/2026-11-02T00:00:00.000Z', paging: { pageSize: 25, pageNumber: 1 } });
    const throttledHeaders = { ...headers, 'x-mock-scenario': RATE_LIMIT_SCENARIO };
    const ok = await capture(`${mock.url}${DETAILS_QUERY_PATH}`, headers, query);
    const throttled = await capture(`${mock.url}${DETAILS_QUERY_PATH}`, throttledHeaders, query);
    if (ok.status !== 200 || throttled.status !== 429) throw new Error(`mock answered ${ok.status} and ${throttled.status}, expected 200 and 429`);
    await addStub(wiremock.url, {
      priority: 1,
      request: { method: 'POST', urlPath: DETAILS_QUERY_PATH, headers: { 'x-mock-scenario': { equalTo: RATE_LIMIT_SCENARIO } } },
      response: { status: throttled.status, headers: throttled.headers, body: throttled.body },
    });
    await addStub(wiremock.url, { priority: 5, request: { method: 'POST', urlPath: DETAILS_QUERY_PATH }, response: { status: ok.status, headers: ok.headers, body: ok.body } });

    const targets = { mock: mock.url, wiremock: wiremock.url };
    // Warm both: WireMock's JIT needs it more than Node's.
    for (const url of Object.values(targets)) await runLoad({ url, path: DETAILS_QUERY_PATH, headers, body: query, connections: options.concurrency, durationS: 3 });
    const rssAfterWarmup = { mock: mock.rssMb(), wiremock: wiremock.rssMb() };

    const stubs: WireMockFigures['stubs'] = [];
    for (const [stub, stubHeaders] of [['200', headers], ['429', throttledHeaders]] as const) {
      const runs: Record<'mock' | 'wiremock', LoadResult[]> = { mock: [], wiremock: [] };
      for (let repeat = 0; repeat < options.repeats; repeat++) {
        for (const [name, url] of Object.entries(targets) as Array<['mock' | 'wiremock', string]>) {
          const result = await runLoad({ url, path: DETAILS_QUERY_PATH, headers: stubHeaders, body: query, connections: options.concurrency, durationS: options.durationS });
          const wrong = Object.keys(result.statusCounts).filter((status) => status !== stub);
          if (wrong.length > 0) throw new Error(`${name} answered ${wrong.join(', ')} on the ${stub} stub`);
          runs[name].push(result);
        }
      }
      const mockRps = median(runs.mock.map((run) => run.requestsPerSecond));
      const wiremockRps = median(runs.wiremock.map((run) => run.requestsPerSecond));
      stubs.push({ stub, mockRps: round(mockRps, 0), wiremockRps: round(wiremockRps, 0), ratio: round(mockRps / wiremockRps, 2) });
    }

    const mockJournal = await mockJournalSize(mock.url);
    const mockPeak = mock.peakRssMb();
    const wiremockPeak = wiremock.peakRssMb();
    return {
      startupMs,
      stubs,
      rssMb: {
        mockPeak: round(mockPeak, 1),
        wiremockPeak: round(wiremockPeak, 1),
        ratio: round(mockPeak / wiremockPeak, 3),
        mockGrowthDuringLoad: round(mock.rssMb() - rssAfterWarmup.mock, 1),
        wiremockGrowthDuringLoad: round(wiremock.rssMb() - rssAfterWarmup.wiremock, 1),
      },
      journalEntries: { mock: mockJournal.entries, mockLimit: mockJournal.limit, wiremock: await wiremockJournalSize(wiremock.url) },
    };
  } finally {
    await Promise.all([mock.stop(), wiremock.stop()]);
  }
}
