// Reads scenario YAML files (and folders of them) into the scenario model: a shipped file the
// bundle holds already parsed is taken from it (precompiled.ts); any other is parsed by parse.ts,
// loaded on first use and run off the event loop for large files (off-thread.ts).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SCENARIO_LIMITS, isScenarioFileName, type ScenarioLimits } from './limits.js';
import { parseScenarioOffThread } from './off-thread.js';
import { precompiledScenario } from './precompiled.js';
import { ScenarioError } from './scenario-error.js';
import type { Scenario } from './types.js';

/** Reads and validates one scenario file; throws ScenarioError when it cannot be used. */
export async function loadScenarioFile(file: string, limits: ScenarioLimits = DEFAULT_SCENARIO_LIMITS): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    // Refused by size before a byte is read into memory.
    const { size } = await stat(absolute);
    if (size > limits.maxBytes) {
      throw new ScenarioError(absolute, [{ path: '', message: `the scenario is ${size} bytes, more than MOCK_SCENARIO_MAX_BYTES (${limits.maxBytes})`, line: 1, column: 1 }]);
    }
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(absolute, [{ path: '', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return precompiledScenario(text, absolute, limits) ?? parseScenarioOffThread(text, absolute, limits);
}

/** The outcome of loading one file of a folder: a scenario, or why it was refused. */
export type ScenarioFileResult = { file: string; scenario: Scenario } | { file: string; error: ScenarioError };

/** Every *.yaml / *.yml file of a folder, valid or not, sorted by file name. */
export async function readScenarioDir(dir: string, limits: ScenarioLimits = DEFAULT_SCENARIO_LIMITS): Promise<ScenarioFileResult[]> {
  const absolute = path.resolve(dir);
  let names: string[];
  try {
    names = await readdir(absolute);
  } catch (error) {
    throw new ScenarioError(absolute, [{ path: '', message: `cannot read the scenarios folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  const files = names.filter(isScenarioFileName).sort().map((name) => path.join(absolute, name));
  return Promise.all(
    files.map(async (file): Promise<ScenarioFileResult> => {
      try {
        return { file, scenario: await loadScenarioFile(file, limits) };
      } catch (error) {
        if (error instanceof ScenarioError) return { file, error };
        throw error;
      }
    }),
  );
}

/** Two files claiming the same scenario name: the later file (by name) is refused. */
export function duplicateNameError(file: string, name: string, firstFile: string): ScenarioError {
  return new ScenarioError(file, [{ path: '', message: `scenario name "${name}" is already used by ${path.basename(firstFile)}` }]);
}

/**
 * Every scenario of a folder with its file, in file-name order. Throws one ScenarioError
 * listing every refused file (each problem with its file and line) when any file is invalid
 * or repeats a name an earlier file uses.
 */
export async function loadScenarioDir(dir: string, limits: ScenarioLimits = DEFAULT_SCENARIO_LIMITS): Promise<Array<{ file: string; scenario: Scenario }>> {
  const errors: ScenarioError[] = [];
  const byName = new Map<string, { file: string; scenario: Scenario }>();
  for (const result of await readScenarioDir(dir, limits)) {
    if ('error' in result) {
      errors.push(result.error);
      continue;
    }
    const first = byName.get(result.scenario.name);
    if (first) errors.push(duplicateNameError(result.file, result.scenario.name, first.file));
    else byName.set(result.scenario.name, result);
  }
  if (errors.length > 0) throw ScenarioError.combine(errors);
  return [...byName.values()];
}

/** All scenarios of a folder, sorted by name; refusals as in loadScenarioDir. */
export async function loadScenarios(dir: string, limits: ScenarioLimits = DEFAULT_SCENARIO_LIMITS): Promise<Scenario[]> {
  return (await loadScenarioDir(dir, limits)).map(({ scenario }) => scenario).sort((a, b) => a.name.localeCompare(b.name));
}
