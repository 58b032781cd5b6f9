// `npm run bench -- --soak [--minutes N]`: the scenario library mixed at a steady rate for
// minutes, each request in its own x-mock-session. Reports the proxy's RSS over time, requests lost (no envelope: must be 0) and the
// share of envelopes equal to their scenario's `expect.envelope`.
import autocannon from 'autocannon';
import { checkExpectation } from '../harness/expectations.js';
import { defaultScenariosDir } from '../mock-genesys/config.js';
import { loadScenarios } from '../mock-genesys/scenarios/loader.js';
import { compileServers } from './build.js';
import { describeMachine } from './machine.js';
import { stopAllServices } from './processes.js';
import { BENCH_API_KEY, startMock, startProxy } from './services.js';
import { round } from './stats.js';

const RATE_PER_SECOND = 40;
const CONNECTIONS = 64;
const RSS_SAMPLE_EVERY_MS = 10_000;

export async function runSoak(options: { minutes: number }): Promise<void> {
  const scenarios = await loadScenarios(defaultScenariosDir);
  process.stderr.write(`soak: ${options.minutes} min, ${RATE_PER_SECOND} req/s over ${scenarios.length} scenarios; ${describeMachine()}\n`);
  const build = await compileServers();
  try {
    const mock = await startMock(build, { LOG_LEVEL: 'warn' });
    // Each request has its own session (fresh sequences, as each scenario expects), so the
    // proxy-wide budget would cut retries the scenarios count on: its limiting is the bench's subject.
    const proxy = await startProxy(build, mock.url, { RETRY_BUDGET_MIN_RETRIES: '100000' });

    let sessionNumber = 0;
    const tally = { answered: 0, correct: 0, wrong: new Map<string, number>() };
    // A scenario naming a flow action goes to its route; warm-up scenarios need a session of their own.
    const requests = scenarios.filter((scenario) => scenario.warm_up === undefined).map((scenario) => ({
      method: 'POST',
      path: scenario.action !== undefined ? `/api/actions/${scenario.action}` : '/api/query',
      headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json', 'x-mock-scenario': scenario.name },
      body: JSON.stringify(scenario.request),
      setupRequest: (request: { headers?: Record<string, string> }) => ({ ...request, headers: { ...request.headers, 'x-mock-session': `soak-${sessionNumber++}` } }),
      onResponse: (status: number, body: string) => {
        tally.answered++;
        let envelope: Record<string, unknown>;
        try {
          envelope = JSON.parse(body) as Record<string, unknown>;
        } catch {
          envelope = {};
        }
        const mismatches = checkExpectation({ http_status: scenario.expect.http_status, envelope: scenario.expect.envelope }, { httpStatus: status, envelope, elapsedMs: 0, upstreamCalls: {} });
        if (mismatches.length === 0) tally.correct++;
        else tally.wrong.set(scenario.name, (tally.wrong.get(scenario.name) ?? 0) + 1);
      },
    }));

    const rssSeries: Array<{ atS: number; proxyMb: number; mockMb: number }> = [];
    const startedAt = performance.now();
    const sample = (): void => {
      rssSeries.push({ atS: Math.round((performance.now() - startedAt) / 1000), proxyMb: round(proxy.rssMb(), 1), mockMb: round(mock.rssMb(), 1) });
    };
    sample();
    const sampler = setInterval(sample, RSS_SAMPLE_EVERY_MS);
    const instance = autocannon({ url: proxy.url, connections: CONNECTIONS, overallRate: RATE_PER_SECOND, duration: options.minutes * 60, timeout: 15, requests });
    const result = await instance;
    clearInterval(sampler);
    sample();

    // A request without an answer is a connection error or a timeout in autocannon's count.
    const lost = result.errors + result.timeouts;
    process.stdout.write(
      [
        '',
        `| soak (${options.minutes} min) | value |`,
        '|---|---|',
        `| requests answered | ${tally.answered} |`,
        `| requests lost (connection errors, timeouts) | ${lost} |`,
        `| envelopes equal to their scenario's expect.envelope | ${round((100 * tally.correct) / Math.max(1, tally.answered), 2)} % |`,
        `| proxy RSS first → last (max) | ${rssSeries[0]!.proxyMb} → ${rssSeries.at(-1)!.proxyMb} MB (${Math.max(...rssSeries.map((s) => s.proxyMb))}) |`,
        `| mock RSS first → last (max) | ${rssSeries[0]!.mockMb} → ${rssSeries.at(-1)!.mockMb} MB (${Math.max(...rssSeries.map((s) => s.mockMb))}) |`,
        '',
        `RSS over time (s: proxy MB / mock MB): ${rssSeries.map((s) => `${s.atS}: ${s.proxyMb}/${s.mockMb}`).join(', ')}`,
        tally.wrong.size > 0 ? `Wrong envelopes by scenario: ${JSON.stringify(Object.fromEntries(tally.wrong))}` : 'No wrong envelopes.',
        '',
      ].join('\n'),
    );
    if (lost > 0) throw new Error(`${lost} requests were lost`);
  } finally {
    await stopAllServices();
    await build.remove();
  }
}
