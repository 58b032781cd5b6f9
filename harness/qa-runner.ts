// `npm run scenarios -- [names…] [--dir DIR] [--junit FILE] [--json FILE] [--proxy URL --mock URL] [--seed N] [--concurrency N]`
// Runs scenario files through the proxy and the mock and checks each one's `expect`. A file
// that cannot be loaded is one failed case of the reports; the other scenarios still run.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { defaultScenariosDir } from '../mock-genesys/config.js';
import { nameFromFile } from '../mock-genesys/scenarios/limits.js';
import { duplicateNameError, readScenarioDir, type ScenarioFileResult } from '../mock-genesys/scenarios/loader.js';
import type { JournalEntry } from '../mock-genesys/journal.js';
import type { Scenario } from '../mock-genesys/scenarios/types.js';
import { scenarioFromJournal } from './from-journal.js';
import { formatFailures, formatSummary, formatTable, toJson, toJUnit, type BrokenFile } from './report.js';
import { runLibrary } from './run-library.js';
import type { ScenarioRun, StackTarget } from './run-scenario.js';
import { firstApiKey, startStack } from './stack.js';

const usage = `usage: npm run scenarios -- [names…] [--dir DIR] [--junit FILE] [--json FILE] [--proxy URL --mock URL] [--api-key KEY] [--seed N] [--concurrency N]
       npm run scenarios -- --from-journal SESSION [--mock URL] [--out FILE]`;

const DEFAULT_MOCK_URL = 'http://127.0.0.1:4010';

/** Writes the scenario that reproduces what a session saw, read from a running mock's journal. */
async function writeFromJournal(session: string, mockUrl: string, out: string | undefined): Promise<number> {
  const headers: Record<string, string> = process.env.MOCK_ADMIN_TOKEN ? { authorization: `Bearer ${process.env.MOCK_ADMIN_TOKEN}` } : {};
  const response = await fetch(`${mockUrl.replace(/\/+$/, '')}/__admin/journal?session=${encodeURIComponent(session)}`, { headers });
  if (!response.ok) throw new Error(`the mock's journal answered ${response.status}`);
  const { entries } = (await response.json()) as { entries: JournalEntry[] };
  if (entries.length === 0) throw new UsageError(`the mock's journal has no calls of session ${JSON.stringify(session)} (is it still in the journal?)`);
  const text = scenarioFromJournal(session, entries);
  const file = out ?? `from-journal-${session.replace(/[^A-Za-z0-9._-]+/g, '-')}.yaml`;
  await writeFile(file, text);
  console.log(`wrote ${file}: ${entries.length} calls of session ${session}`);
  return 0;
}

class UsageError extends Error {}

/** Usable scenarios with their files, and the files that are not (invalid, or a repeated name). */
function splitResults(results: readonly ScenarioFileResult[]): { valid: Array<{ file: string; scenario: Scenario }>; broken: Array<{ file: string; name: string; message: string }> } {
  const valid: Array<{ file: string; scenario: Scenario }> = [];
  const broken: Array<{ file: string; name: string; message: string }> = [];
  const byName = new Map<string, string>();
  for (const result of results) {
    if ('error' in result) {
      broken.push({ file: result.file, name: nameFromFile(result.file), message: result.error.message });
      continue;
    }
    const first = byName.get(result.scenario.name);
    if (first) broken.push({ file: result.file, name: result.scenario.name, message: duplicateNameError(result.file, result.scenario.name, first).message });
    else {
      byName.set(result.scenario.name, result.file);
      valid.push(result);
    }
  }
  return { valid, broken };
}

/** The scenarios (and broken files) named on the command line; all of them when none is named. */
function select<T extends { name: string }>(all: T[], brokenNames: readonly string[], names: string[]): T[] {
  if (names.length === 0) return all;
  const known = new Set([...all.map((item) => item.name), ...brokenNames]);
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UsageError(`unknown scenario(s): ${unknown.join(', ')}. Known: ${[...known].sort().join(', ')}`);
  return all.filter((item) => names.includes(item.name));
}

/** A folder holding only the usable files, so the mock starts whatever else the team's folder holds. */
async function usableFolder(files: readonly string[]): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'qa-scenarios-'));
  await Promise.all(files.map((file) => copyFile(file, path.join(dir, path.basename(file)))));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
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
      seed: { type: 'string' },
      'from-journal': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values['from-journal'] !== undefined) return writeFromJournal(values['from-journal'], values.mock ?? DEFAULT_MOCK_URL, values.out);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 64, got ${values.concurrency}`);
  }
  if (Boolean(values.proxy) !== Boolean(values.mock)) throw new UsageError('--proxy and --mock go together');

  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!/^\d{1,10}$/.test(values.seed!) || seed > 0xffff_ffff)) throw new UsageError(`--seed must be a whole number from 0 to 4294967295, got ${values.seed}`);

  const dir = path.resolve(values.dir ?? defaultScenariosDir);
  const { valid, broken: allBroken } = splitResults(await readScenarioDir(dir));
  const chosen = select(
    valid.map((item) => ({ ...item, name: item.scenario.name })),
    allBroken.map((file) => file.name),
    positionals,
  );
  // Named scenarios: only the broken files of those names count; otherwise every broken file does.
  const broken: BrokenFile[] = allBroken
    .filter((file) => positionals.length === 0 || positionals.includes(file.name))
    .map((file) => ({ file: path.relative(process.cwd(), file.file) || file.file, message: file.message }));
  const scenarios = chosen.map((item) => item.scenario);

  let runs: ScenarioRun[] = [];
  let totalSeconds = 0;
  if (scenarios.length > 0) {
    const folder = values.proxy ? undefined : await usableFolder(chosen.map((item) => item.file));
    const stack = folder
      ? await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', ...process.env, SCENARIOS_DIR: folder.dir, MOCK_SCENARIO: scenarios[0]!.name } }).catch(async (error: unknown) => {
          await folder.remove();
          throw error;
        })
      : undefined;
    const target: StackTarget = stack ?? {
      proxyUrl: values.proxy!.replace(/\/+$/, ''),
      mockUrl: values.mock!.replace(/\/+$/, ''),
      apiKey: values['api-key'] ?? firstApiKey(process.env),
      adminToken: process.env.MOCK_ADMIN_TOKEN,
    };
    console.log(`running ${scenarios.length} scenario(s) against proxy ${target.proxyUrl} and mock ${target.mockUrl}, ${concurrency} at a time${seed === undefined ? '' : `, seed ${seed}`}\n`);

    const started = performance.now();
    try {
      runs = await runLibrary(scenarios, target, { concurrency, ...(seed !== undefined ? { seed } : {}) });
    } finally {
      await stack?.close();
      await folder?.remove();
    }
    totalSeconds = (performance.now() - started) / 1000;
  }

  const expectedActions = new Map(scenarios.map((s) => [s.name, String(s.expect.envelope?.action ?? '-')]));
  console.log(formatTable(runs, expectedActions));
  const failures = formatFailures(runs, broken);
  if (failures) console.log(`\n${failures}`);
  console.log(`\n${formatSummary(runs, broken)} in ${totalSeconds.toFixed(1)} s`);

  if (values.junit) await writeFile(values.junit, toJUnit(runs, totalSeconds, broken));
  if (values.json) await writeFile(values.json, toJson(runs, broken));
  return runs.every((run) => run.passed) && broken.length === 0 ? 0 : 1;
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
