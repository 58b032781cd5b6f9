// `npm run scenarios -- [names…] [--junit FILE] [--json FILE] [--proxy URL --mock URL] [--concurrency N]`
// Runs scenario files through the proxy and the mock and checks each one's `expect`.
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultScenariosDir } from '../mock-genesys/config.js';
import { loadScenarios } from '../mock-genesys/scenarios/loader.js';
import type { Scenario } from '../mock-genesys/scenarios/types.js';
import { formatFailures, formatSummary, formatTable, toJson, toJUnit } from './report.js';
import { runLibrary } from './run-library.js';
import type { ScenarioRun, StackTarget } from './run-scenario.js';
import { firstApiKey, startStack } from './stack.js';

const usage = `usage: npm run scenarios -- [names…] [--junit FILE] [--json FILE] [--proxy URL --mock URL] [--api-key KEY] [--concurrency N] [--dir DIR]`;

class UsageError extends Error {}

function selectScenarios(all: Scenario[], names: string[]): Scenario[] {
  if (names.length === 0) return all;
  const byName = new Map(all.map((scenario) => [scenario.name, scenario]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown scenario(s): ${unknown.join(', ')}. Known: ${[...byName.keys()].join(', ')}`);
  }
  return names.map((name) => byName.get(name)!);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      junit: { type: 'string' },
      json: { type: 'string' },
      proxy: { type: 'string' },
      mock: { type: 'string' },
      'api-key': { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${values.concurrency}`);
  }
  if (Boolean(values.proxy) !== Boolean(values.mock)) throw new UsageError('--proxy and --mock go together');

  const scenarios = selectScenarios(await loadScenarios(values.dir ?? defaultScenariosDir), positionals);

  const stack = values.proxy
    ? undefined
    : await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', ...process.env, SCENARIOS_DIR: values.dir ?? defaultScenariosDir } });
  const target: StackTarget = stack ?? {
    proxyUrl: values.proxy!.replace(/\/+$/, ''),
    mockUrl: values.mock!.replace(/\/+$/, ''),
    apiKey: values['api-key'] ?? firstApiKey(process.env),
    adminToken: process.env.MOCK_ADMIN_TOKEN,
  };
  console.log(`running ${scenarios.length} scenario(s) against proxy ${target.proxyUrl} and mock ${target.mockUrl}, ${concurrency} at a time\n`);

  const started = performance.now();
  let runs: ScenarioRun[];
  try {
    runs = await runLibrary(scenarios, target, { concurrency });
  } finally {
    await stack?.close();
  }
  const totalSeconds = (performance.now() - started) / 1000;

  const expectedActions = new Map(scenarios.map((s) => [s.name, String(s.expect.envelope?.action ?? '-')]));
  console.log(formatTable(runs, expectedActions));
  const failures = formatFailures(runs);
  if (failures) console.log(`\n${failures}`);
  console.log(`\n${formatSummary(runs)} in ${totalSeconds.toFixed(1)} s`);

  if (values.junit) await writeFile(values.junit, toJUnit(runs, totalSeconds));
  if (values.json) await writeFile(values.json, toJson(runs));
  return runs.every((run) => run.passed) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`scenarios: ${message}`);
    if (error instanceof UsageError) console.error(usage);
    process.exit(2);
  },
);
