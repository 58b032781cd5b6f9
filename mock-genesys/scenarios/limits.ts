// What a scenario file may be before it is parsed (size, rules), how its file is named and where
// the shipped ones are: the part of the scenario rules the mock's start needs without the YAML
// parser and Ajv (parse.ts).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findUp } from '../../common/find-up.js';
import { ScenarioError } from './scenario-error.js';

const SCHEMA_FILE_IN_REPO = path.join('scenarios', 'scenario.schema.json');
/** The scenarios' JSON Schema, in the shipped scenarios/ folder nearest above this module: sources, dist/ or a bundle. */
export const SCENARIO_SCHEMA_FILE = findUp(import.meta.url, SCHEMA_FILE_IN_REPO) ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', SCHEMA_FILE_IN_REPO);

/** Default MOCK_SCENARIO_MAX_BYTES: far above any hand-written scenario, far below what stalls parsing. */
export const DEFAULT_SCENARIO_MAX_BYTES = 1_048_576;
/** Default MOCK_SCENARIO_MAX_RULES: rules per scenario (the engine tries them in order per request). */
export const DEFAULT_SCENARIO_MAX_RULES = 1_000;

export interface ScenarioLimits {
  maxBytes: number;
  maxRules: number;
}

export const DEFAULT_SCENARIO_LIMITS: ScenarioLimits = { maxBytes: DEFAULT_SCENARIO_MAX_BYTES, maxRules: DEFAULT_SCENARIO_MAX_RULES };

/**
 * Refuses a text too large to parse quickly, before parsing: its size in bytes, and an upper
 * bound of its rules (every `match:` key; a rule has exactly one).
 */
export function sizeProblem(text: string, file: string, limits: ScenarioLimits): ScenarioError | undefined {
  const bytes = Buffer.byteLength(text);
  if (bytes > limits.maxBytes) {
    return new ScenarioError(file, [{ path: '', message: `the scenario is ${bytes} bytes, more than MOCK_SCENARIO_MAX_BYTES (${limits.maxBytes})`, line: 1, column: 1 }]);
  }
  const matchKey = /(?:^|[\s{,-])["']?match["']?\s*:/g;
  let count = 0;
  for (let found = matchKey.exec(text); found; found = matchKey.exec(text)) {
    count += 1;
    if (count > limits.maxRules) {
      const at = lineAndColumn(text, found.index + found[0].search(/["']?match/));
      return new ScenarioError(file, [{ path: '', message: `the scenario has more than MOCK_SCENARIO_MAX_RULES (${limits.maxRules}) rules`, ...at }]);
    }
  }
  return undefined;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

export function isScenarioFileName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** A scenario's name when its file gives none: the file name without .yaml / .yml. */
export function nameFromFile(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
}
