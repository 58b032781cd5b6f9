// Parses one scenario's text into the scenario model, refusing anything the JSON Schema (built
// from the fault registry; scenarios/scenario.schema.json for editors) or the semantic checks
// reject. Every refusal names the file, the line:column and what is wrong. Pure.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { ScenarioError, type ScenarioProblem } from './scenario-error.js';
import { withoutTrailingSlash } from './engine.js';
import { faults, type FaultRegistry } from '../faults/index.js';
import { scenarioSchema } from './schema.js';
import { semanticProblems } from './semantics.js';
import type { Expectation, Rule, Scenario, Step } from './types.js';
import { DEFAULT_SCENARIO_LIMITS, nameFromFile, sizeProblem, type ScenarioLimits } from './limits.js';
import { locate } from '../../common/yaml-location.js';

/** More than this many problems in one file is noise: the first ones are what to fix. */
const MAX_PROBLEMS_PER_FILE = 10;

const compiledSchemas = new WeakMap<FaultRegistry, ValidateFunction>();

/** The JSON Schema built from the fault registry, compiled once per registry. */
function schemaValidator(registry: FaultRegistry): ValidateFunction {
  let validate = compiledSchemas.get(registry);
  if (!validate) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    validate = ajv.compile(scenarioSchema(registry));
    compiledSchemas.set(registry, validate);
  }
  return validate;
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
      ...(rule.match.headers !== undefined ? { headers: Object.fromEntries(Object.entries(rule.match.headers).map(([name, test]) => [name.toLowerCase(), test])) } : {}),
    },
    ...(rule.probability !== undefined ? { probability: rule.probability } : {}),
    then: rule.then,
    steps: rule.steps.map((step) => ({ ...step, fault: step.fault ?? 'pass' }) as Step),
  }));
  return {
    name: typeof data.name === 'string' ? data.name : nameFromFile(file),
    description: typeof data.description === 'string' ? data.description : '',
    file,
    rules,
    ...(typeof data.seed === 'number' ? { seed: data.seed } : {}),
    ...(typeof data.action === 'string' ? { action: data.action } : {}),
    ...(data.warm_up !== undefined ? { warm_up: data.warm_up as NonNullable<Scenario['warm_up']> } : {}),
    request: (data.request as Record<string, unknown> | undefined) ?? {},
    expect: (data.expect as Expectation | undefined) ?? {},
  };
}

/**
 * Parses and validates one scenario's text (YAML, or JSON, which is YAML). Pure; `registry`
 * is the fault registry the steps are checked against.
 */
export function parseScenario(text: string, file: string, options: { limits?: ScenarioLimits; registry?: FaultRegistry } = {}): Scenario {
  const { limits = DEFAULT_SCENARIO_LIMITS, registry = faults } = options;
  const tooLarge = sizeProblem(text, file, limits);
  if (tooLarge) throw tooLarge;
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
  const validate = schemaValidator(registry);
  const raw: ScenarioProblem[] = validate(data)
    ? semanticProblems(data as Record<string, unknown>, registry)
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

