// Reads scenario YAML files into the scenario model, refusing anything the JSON Schema
// (scenarios/scenario.schema.json, the one editors use) or the semantic checks reject.
// Every refusal names the file, the line:column and what is wrong.
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ScenarioError, type ScenarioProblem } from './scenario-error.js';
import { withoutTrailingSlash } from './engine.js';
import { semanticProblems } from './semantics.js';
import type { Expectation, Rule, Scenario } from './types.js';
import { locate } from './yaml-location.js';

export const SCENARIO_SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios', 'scenario.schema.json');

/** More than this many problems in one file is noise: the first ones are what to fix. */
const MAX_PROBLEMS_PER_FILE = 10;

let compiledSchema: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiledSchema) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    compiledSchema = ajv.compile(JSON.parse(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')) as object);
  }
  return compiledSchema;
}

export function isScenarioFileName(fileName: string): boolean {
  return /\.ya?ml$/i.test(fileName);
}

/** A scenario's name when its file gives none: the file name without .yaml / .yml. */
export function nameFromFile(file: string): string {
  return path.basename(file).replace(/\.ya?ml$/i, '');
}

function describeSchemaError(error: ErrorObject): { path: string; message: string } {
  const key = error.instancePath.split('/').pop() ?? '';
  const subject = key === '' || /^\d+$/.test(key) ? 'value' : `"${key}"`;
  switch (error.keyword) {
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return { path: `${error.instancePath}/${extra}`, message: `unknown key "${extra}" (allowed: ${known.join(', ')})` };
    }
    case 'required':
      return { path: error.instancePath, message: `missing required key "${String(error.params.missingProperty)}"` };
    case 'enum':
      return {
        path: error.instancePath,
        message: `${subject} is ${JSON.stringify(error.data)}, expected one of: ${(error.params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'anyOf':
      return { path: error.instancePath, message: `${subject} must be a whole number or an object {min, max}` };
    case 'minProperties':
    case 'maxProperties':
      if (error.instancePath.endsWith('/delay')) return { path: error.instancePath, message: 'delay needs exactly one of fixed_ms, uniform, lognormal' };
      return { path: error.instancePath, message: `${subject} ${error.message ?? 'is invalid'}` };
    default:
      return { path: error.instancePath, message: `${subject} ${error.message ?? 'is invalid'}` };
  }
}

/** ajv reports every failed branch of an anyOf; the anyOf error itself says it best. */
function withoutBranchNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf').map((error) => error.instancePath));
  return errors.filter((error) => error.keyword === 'anyOf' || !anyOfPaths.has(error.instancePath));
}

function buildScenario(data: Record<string, unknown>, file: string): Scenario {
  const rules = (data.rules as Rule[]).map((rule) => ({
    // Normalized once here, so the engine compares as-is per request.
    match: {
      ...rule.match,
      ...(rule.match.method !== undefined ? { method: rule.match.method.toUpperCase() } : {}),
      ...(rule.match.path !== undefined ? { path: withoutTrailingSlash(rule.match.path) } : {}),
    },
    then: rule.then,
    steps: rule.steps.map((step) => ({ ...step, fault: step.fault ?? 'pass' })),
  }));
  return {
    name: typeof data.name === 'string' ? data.name : nameFromFile(file),
    description: typeof data.description === 'string' ? data.description : '',
    file,
    rules,
    ...(typeof data.action === 'string' ? { action: data.action } : {}),
    ...(data.warm_up !== undefined ? { warm_up: data.warm_up as NonNullable<Scenario['warm_up']> } : {}),
    request: (data.request as Record<string, unknown> | undefined) ?? {},
    expect: (data.expect as Expectation | undefined) ?? {},
  };
}

/** Parses and validates one scenario's text. Pure apart from reading the schema once. */
export function parseScenario(text: string, file: string): Scenario {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      file,
      doc.errors.slice(0, MAX_PROBLEMS_PER_FILE).map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '', message: `YAML syntax: ${error.message.split('\n')[0]}`, line, column: col };
      }),
    );
  }
  const data = documentValue(doc, lineCounter, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ScenarioError(file, [{ path: '', message: 'a scenario file must be a YAML mapping with at least "rules"', line: 1, column: 1 }]);
  }
  const validate = schemaValidator();
  const raw: ScenarioProblem[] = validate(data)
    ? semanticProblems(data as Record<string, unknown>)
    : withoutBranchNoise(validate.errors ?? []).map(describeSchemaError);
  if (raw.length > 0) {
    const problems = raw.slice(0, MAX_PROBLEMS_PER_FILE).map((problem) => ({ ...problem, ...locatedAt(problem.path) }));
    throw new ScenarioError(file, problems);
  }
  return buildScenario(data as Record<string, unknown>, file);

  function locatedAt(problemPath: string): { line?: number; column?: number } {
    const position = locate(doc, lineCounter, problemPath);
    return position ? { line: position.line, column: position.column } : {};
  }
}

/**
 * The document as plain data. Converting can still fail after a clean parse (an alias to an
 * anchor defined later, or an alias bomb): that is a refusal at the first alias, not a crash.
 */
function documentValue(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    let offset = 0;
    visit(doc, {
      Alias(_key, node) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, col } = lineCounter.linePos(offset);
    throw new ScenarioError(file, [{ path: '', message: `YAML: ${(error as Error).message.split('\n')[0]}`, line, column: col }]);
  }
}

/** Reads and validates one scenario file; throws ScenarioError when it cannot be used. */
export async function loadScenarioFile(file: string): Promise<Scenario> {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    throw new ScenarioError(absolute, [{ path: '', message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  return parseScenario(text, absolute);
}

/** The outcome of loading one file of a folder: a scenario, or why it was refused. */
export type ScenarioFileResult = { file: string; scenario: Scenario } | { file: string; error: ScenarioError };

/** Every *.yaml / *.yml file of a folder, valid or not, sorted by file name. */
export async function readScenarioDir(dir: string): Promise<ScenarioFileResult[]> {
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
        return { file, scenario: await loadScenarioFile(file) };
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
export async function loadScenarioDir(dir: string): Promise<Array<{ file: string; scenario: Scenario }>> {
  const errors: ScenarioError[] = [];
  const byName = new Map<string, { file: string; scenario: Scenario }>();
  for (const result of await readScenarioDir(dir)) {
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
export async function loadScenarios(dir: string): Promise<Scenario[]> {
  return (await loadScenarioDir(dir)).map(({ scenario }) => scenario).sort((a, b) => a.name.localeCompare(b.name));
}
