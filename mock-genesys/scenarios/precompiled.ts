// Scenarios parsed and validated when the mock was bundled (harness/bundle.ts), keyed by the
// digest of the file's name and text: at start an unchanged shipped file is taken from the bundle
// instead of being parsed again, which keeps YAML parsing and compiling the scenario schema
// (most of the mock's start-up) off the start. A changed or added file, or another
// SCENARIOS_DIR, is parsed and validated at start as before, so nothing can go stale.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Scenario } from './types.js';
import { isScenarioFileName, sizeProblem, type ScenarioLimits } from './limits.js';

/** Defined in the bundles that start the mock: each scenario as JSON with `file` empty. Absent from the sources and tsc's modules. */
declare const PRECOMPILED_SCENARIOS: Record<string, string> | undefined;
const precompiled: Record<string, string> = typeof PRECOMPILED_SCENARIOS === 'undefined' ? {} : PRECOMPILED_SCENARIOS;

/** Identity of a scenario file: its name (a scenario without `name` takes it) and its text. */
export function scenarioDigest(file: string, text: string): string {
  return createHash('sha256').update(path.basename(file)).update('\0').update(text).digest('hex');
}

/** The bundle's scenario for this file's text, if it has one and the text is within the limits; undefined otherwise. */
export function precompiledScenario(text: string, file: string, limits: ScenarioLimits): Scenario | undefined {
  const json = precompiled[scenarioDigest(file, text)];
  if (json === undefined || sizeProblem(text, file, limits) !== undefined) return undefined;
  const scenario = JSON.parse(json) as Scenario;
  scenario.file = file;
  return scenario;
}

/** For the bundler: every valid scenario of `dir` that survives JSON, keyed by digest (an invalid file is left to refuse at start). */
export async function precompileScenarios(dir: string): Promise<Record<string, string>> {
  const { parseScenario } = await import('./parse.js');
  const entries: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter(isScenarioFileName)) {
    const file = path.join(dir, name);
    const text = await readFile(file, 'utf8');
    let scenario: Scenario;
    try {
      scenario = { ...parseScenario(text, file), file: '' };
    } catch {
      continue;
    }
    const json = JSON.stringify(scenario);
    if (isDeepStrictEqual(JSON.parse(json), scenario)) entries[scenarioDigest(file, text)] = json;
  }
  return entries;
}
