// Measures the mock's start-up and details-query throughput for one or more source trees, run
// side by side (alternated, medians over repeats) so a change of the data set can be compared
// with the code before it: `npx tsx test/mock/measure-mock.ts <root> [<root> …]`.
// Not a test (timing belongs in measurements, not asserts). Reuses bench's process and load helpers.
import path from 'node:path';
import { runLoad } from '../../bench/load.js';
import { freePort, startService } from '../../bench/processes.js';
import { median } from '../../bench/stats.js';

const REPEATS = Number(process.env.MEASURE_REPEATS ?? 3);
const DURATION_S = Number(process.env.MEASURE_DURATION_S ?? 4);
const DAY_MS = 86_400_000;

interface Figures {
  readyMs: number;
  /** First 7-day query: every day generated on demand. */
  coldQueryMs: number;
  flowRps: number;
  weekRps: number;
  filteredRps: number;
}

async function measure(root: string): Promise<Figures> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = await startService({
    name: `mock ${root}`,
    command: process.execPath,
    args: ['--import', 'tsx', path.join(root, 'mock-genesys/main.ts')],
    env: { ...process.env, PATH: process.env.PATH ?? '', MOCK_PORT: String(port), MOCK_RATE_LIMIT_PER_MIN: '0', LOG_LEVEL: 'warn', SCENARIOS_DIR: path.join(root, 'test/mock/fixtures/scenarios'), MOCK_SCENARIO: 'happy-path' },
    cwd: root,
    url,
    probe: async (base) => (await fetch(`${base}/api/v2/organizations/me`).catch(() => undefined))?.status === 401,
  });
  try {
    const login = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const token = ((await login.json()) as { access_token: string }).access_token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const nowMs = Date.now();
    const midnight = Math.floor(nowMs / DAY_MS) * DAY_MS;
    const interval = (fromMs: number, toMs: number): string => `${new Date(fromMs).toISOString()}/${new Date(toMs).toISOString()}`;
    const week = JSON.stringify({ interval: interval(midnight - 7 * DAY_MS, midnight), paging: { pageSize: 100, pageNumber: 1 } });
    const coldStart = performance.now();
    const cold = await fetch(`${url}/api/v2/analytics/conversations/details/query`, { method: 'POST', headers, body: week });
    await cold.arrayBuffer();
    const coldQueryMs = performance.now() - coldStart;
    // The flow's request: the last 24 h, one page of 25 (what bench's throughput sends).
    const flow = JSON.stringify({ interval: interval(nowMs - DAY_MS, nowMs), order: 'asc', orderBy: 'conversationStart', paging: { pageSize: 25, pageNumber: 1 } });
    const filtered = JSON.stringify({
      interval: interval(midnight - 7 * DAY_MS, midnight),
      paging: { pageSize: 50, pageNumber: 1 },
      segmentFilters: [{ type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }] }],
    });
    const load = async (body: string): Promise<number> => {
      const result = await runLoad({ url, path: '/api/v2/analytics/conversations/details/query', headers, body, connections: 16, durationS: DURATION_S });
      if (result.errors > 0 || Object.keys(result.statusCounts).some((status) => status !== '200')) throw new Error(`failed answers: ${JSON.stringify(result.statusCounts)}`);
      return result.requestsPerSecond;
    };
    await runLoad({ url, path: '/api/v2/analytics/conversations/details/query', headers, body: flow, connections: 8, durationS: 1 });
    return { readyMs: service.readyAfterMs, coldQueryMs, flowRps: await load(flow), weekRps: await load(week), filteredRps: await load(filtered) };
  } finally {
    await service.stop();
  }
}

const roots = process.argv.slice(2).map((root) => path.resolve(root));
if (roots.length === 0) throw new Error('usage: tsx test/mock/measure-mock.ts <root> [<root> …]');
const runs = new Map<string, Figures[]>(roots.map((root) => [root, []]));
for (let repeat = 0; repeat < REPEATS; repeat += 1) {
  for (const root of roots) runs.get(root)!.push(await measure(root));
}
for (const [root, figures] of runs) {
  const summary = Object.fromEntries(
    (['readyMs', 'coldQueryMs', 'flowRps', 'weekRps', 'filteredRps'] as const).map((key) => [key, Math.round(median(figures.map((figure) => figure[key])))]),
  );
  console.log(root, JSON.stringify(summary));
}
