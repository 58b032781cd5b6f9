// Time to the first answer from the commands people run: `npm start` as typed in the repository
// (npm, then compiled output in dist/, mock and proxy in one process) and the built proxy alone as
// the image runs it (`node dist/proxy.js`, the bundle, against the running mock). Two moments, from spawn:
// the proxy's first answer (GET /healthz, polled every 10 ms) and its first success envelope for a
// flow request (which also loads the Genesys SDK and logs in). The two commands alternate; medians
// of the repeats, with the CPU time their process group had used by the first answer (less
// sensitive than wall time to other work on a shared machine).
import { spawn } from 'node:child_process';
import type { CompiledBuild } from './build.js';
import { answersFlowRequest, startNpmStart, startProxyForFirstAnswer, type Service } from './services.js';
import { median, round } from './stats.js';

export interface StartupTimes {
  firstAnswerMs: number;
  firstEnvelopeMs: number;
  cpuAtFirstAnswerMs: number;
  cpuAtFirstEnvelopeMs: number;
}

export interface StartupFigures {
  npmStart: StartupTimes;
  builtProxy: StartupTimes;
  repeats: number;
  /** `npm --version` from spawn to exit: npm's own start-up, which every `npm start` pays before any of our code runs. */
  npmOwnMs: number;
  /** Whether `npm start` compiled dist/ in the warm-up run (sources newer than the last build), and how long that start took. */
  compiledFirst: boolean;
  compiledStartMs: number;
}

async function firstEnvelope(service: Service): Promise<StartupTimes> {
  const since = performance.now();
  const giveUpAt = since + 30_000;
  while (!(await answersFlowRequest(service.url).catch(() => false))) {
    if (performance.now() > giveUpAt) throw new Error(`${service.name} gave no success envelope within 30 s:\n${service.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    firstAnswerMs: service.readyAfterMs,
    firstEnvelopeMs: service.readyAfterMs + performance.now() - since,
    cpuAtFirstAnswerMs: service.cpuAtReadyMs,
    cpuAtFirstEnvelopeMs: service.cpuMs(),
  };
}

/** Milliseconds from spawning `npm --version` to its exit. */
async function npmOwnStart(): Promise<number> {
  const since = performance.now();
  await new Promise<void>((resolve, reject) => {
    const npm = spawn('npm', ['--version'], { stdio: 'ignore' });
    npm.on('error', reject);
    npm.on('exit', () => resolve());
  });
  return performance.now() - since;
}

export async function measureStartup(build: CompiledBuild, mock: Service, options: { repeats: number }): Promise<StartupFigures> {
  // Warm-up, not counted: compiles dist/ when the sources changed, fills Node's compile cache.
  const warm = await startNpmStart();
  await warm.stop();
  const compiledFirst = warm.output().includes('compiling TypeScript');

  const runs: Record<'npmStart' | 'builtProxy', StartupTimes[]> = { npmStart: [], builtProxy: [] };
  const npmOwn: number[] = [];
  const starters = { npmStart: startNpmStart, builtProxy: () => startProxyForFirstAnswer(build, mock.url) };
  for (let repeat = 0; repeat < options.repeats; repeat++) {
    const order = repeat % 2 === 0 ? (['npmStart', 'builtProxy'] as const) : (['builtProxy', 'npmStart'] as const);
    npmOwn.push(await npmOwnStart());
    for (const name of order) {
      const service = await starters[name]();
      try {
        runs[name].push(await firstEnvelope(service));
      } finally {
        await service.stop();
      }
    }
  }
  const medians = (name: 'npmStart' | 'builtProxy'): StartupTimes => {
    const of = (field: keyof StartupTimes): number => round(median(runs[name].map((run) => run[field])), 0);
    return { firstAnswerMs: of('firstAnswerMs'), firstEnvelopeMs: of('firstEnvelopeMs'), cpuAtFirstAnswerMs: of('cpuAtFirstAnswerMs'), cpuAtFirstEnvelopeMs: of('cpuAtFirstEnvelopeMs') };
  };
  return {
    npmStart: medians('npmStart'),
    builtProxy: medians('builtProxy'),
    npmOwnMs: round(median(npmOwn), 0),
    repeats: options.repeats,
    compiledFirst,
    compiledStartMs: compiledFirst ? round(warm.readyAfterMs, 0) : 0,
  };
}
