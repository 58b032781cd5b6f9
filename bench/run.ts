// `npm run bench`: every figure of the README's performance table, measured side by side in one
// run on this machine, written to bench/results.json and printed as markdown.
// `npm run bench -- --soak [--minutes N]`: the soak run instead (see soak.ts).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { measureAccessLog } from './access-log.js';
import { measureAmplification, NAIVE_POLICY_ENV } from './amplification.js';
import { compileServers, REPO_ROOT } from './build.js';
import { measureHostileMemory } from './hostile-memory.js';
import { HUNG_PROXY_ENV, measureHungMemory } from './hung-memory.js';
import { measureLateness } from './lateness.js';
import { describeMachine } from './machine.js';
import { measurePageCost } from './page-cost.js';
import { stopAllServices } from './processes.js';
import { markdownTable, rows, type BenchFigures } from './report.js';
import { startMock, startPassThrough, startProxy, wiremockUnavailable } from './services.js';
import { measureScaleOut } from './scale-out.js';
import { runSoak } from './soak.js';
import { measureStartup } from './startup.js';
import { measureThroughput } from './throughput.js';
import { measureTokenBurst } from './token-burst.js';
import { measureAgainstWireMock } from './wiremock.js';

const RESULTS_FILE = path.join(REPO_ROOT, 'bench', 'results.json');

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function runBench(): Promise<void> {
  const startedAt = Date.now();
  const machine = describeMachine();
  log(`machine: ${machine}`);
  log('compiling the servers (tsconfig.build.json)…');
  const build = await compileServers();
  try {
    const mock = await startMock(build);

    log('first answer: `npm start` and the built proxy…');
    const startup = await measureStartup(build, mock, { repeats: 5 });

    log('throughput and added latency: proxy vs direct mock vs bare and parsing pass-through…');
    const [passThrough, parsingPassThrough] = [await startPassThrough(mock.url), await startPassThrough(mock.url, { parsePage: true })];
    const proxy = await startProxy(build, mock.url);
    const throughput = await measureThroughput({ mock, passThrough, parsingPassThrough, proxy }, { concurrencies: [1, 32], repeats: 5, durationS: 3 });
    await Promise.all([passThrough.stop(), parsingPassThrough.stop()]);

    log('cost by page size and page count…');
    const pageCost = await measurePageCost(mock, proxy, { repeats: 3, durationS: 2, concurrency: 8 });

    log('retry amplification during a full outage…');
    const guarded = await measureAmplification(mock, proxy, 'budget+breaker');
    await proxy.stop();
    const naiveProxy = await startProxy(build, mock.url, NAIVE_POLICY_ENV);
    const naive = await measureAmplification(mock, naiveProxy, 'naive');
    await naiveProxy.stop();

    log('token fetches for a cold burst…');
    const coldProxy = await startProxy(build, mock.url);
    const tokenBurst = await measureTokenBurst(mock, coldProxy);
    await coldProxy.stop();

    log('scale-out: 1 replica without Redis, 1, 2 and 3 replicas sharing Redis…');
    const scaleOut = await measureScaleOut(build, mock, { durationS: 3, concurrency: 32 });

    log('access log on vs off…');
    const [logOn, logOff] = [await startProxy(build, mock.url, { ACCESS_LOG: 'on' }), await startProxy(build, mock.url, { ACCESS_LOG: 'off' })];
    const accessLog = await measureAccessLog({ on: logOn, off: logOff }, { repeats: 5, durationS: 3, concurrency: 32 });
    await Promise.all([logOn.stop(), logOff.stop()]);

    log('deadline lateness under a burst of fresh connections, upstream hung…');
    const lateness = await measureLateness(() => startProxy(build, mock.url), { bursts: 3 });

    log('memory with requests hanging upstream…');
    const hungProxy = await startProxy(build, mock.url, HUNG_PROXY_ENV);
    const hungMemory = await measureHungMemory(hungProxy);
    await hungProxy.stop();
    await mock.stop();

    log('memory after endless and 200 MB upstream bodies…');
    const hostileMemory = await measureHostileMemory(build);

    const unavailable = await wiremockUnavailable();
    let wiremock: BenchFigures['wiremock'];
    if (unavailable !== undefined) {
      log(`skipping the WireMock comparison: ${unavailable}`);
      wiremock = { skipped: unavailable };
    } else {
      log('mock vs WireMock standalone…');
      wiremock = await measureAgainstWireMock(build, { repeats: 3, durationS: 3, concurrency: 32, startups: 3 });
    }

    const figures: BenchFigures = { startup, throughput, pageCost, accessLog, lateness, amplification: [guarded, naive], tokenBurst, scaleOut, hungMemory, hostileMemory, wiremock };
    const table = rows(figures);
    const markdown = markdownTable(table);
    const durationS = Math.round((Date.now() - startedAt) / 1000);
    await writeFile(RESULTS_FILE, `${JSON.stringify({ ranAt: new Date(startedAt).toISOString(), durationS, machine, figures, table, markdown }, null, 2)}\n`);
    process.stdout.write(`\n${markdown}\n\nMachine: ${machine}. Run: ${new Date(startedAt).toISOString().slice(0, 10)}, ${durationS} s; medians of alternated repeats.\n`);
    log(`wrote ${path.relative(REPO_ROOT, RESULTS_FILE)}`);
  } finally {
    await stopAllServices();
    await build.remove();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--soak')) {
    const minutesIndex = args.indexOf('--minutes');
    const minutes = minutesIndex >= 0 ? Number(args[minutesIndex + 1]) : 3;
    if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes needs a positive number');
    await runSoak({ minutes });
    return;
  }
  await runBench();
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    await stopAllServices();
    process.exit(1);
  },
);
