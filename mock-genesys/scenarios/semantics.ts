// Checks the JSON Schema cannot express clearly: which step keys belong to which fault kind
// (read from the fault registry), page matching only on the details query, valid RE2 patterns,
// path parameters the route has, ordered bounds. Pure: raw file data in, problems out.
import { faults, type FaultRegistry } from '../faults/index.js';
import { ROUTE_LOCATIONS } from '../genesys/route-ids.js';
import { patternProblem } from './match.js';
import { COMMON_STEP_KEYS } from './schema.js';
import type { RouteId } from './types.js';
import type { ScenarioProblem } from './scenario-error.js';

/** Keys a fault's step takes besides the common ones, and which of them are required. */
export function stepKeysOf(registry: FaultRegistry, kind: string): { keys: string[]; required: string[] } {
  const params = registry[kind]?.params;
  return { keys: Object.keys(params?.properties ?? {}), required: [...(params?.required ?? [])] };
}

/** Names of the `{name}` segments of a route id's path templates. */
function pathParamsOf(route: RouteId): string[] {
  return ROUTE_LOCATIONS[route].flatMap(({ path }) => [...path.matchAll(/\{(\w+)\}/g)].map((found) => found[1]!));
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkBounds(value: unknown, path: string, problems: ScenarioProblem[]): void {
  if (isObject(value) && typeof value.min === 'number' && typeof value.max === 'number' && value.min > value.max) {
    problems.push({ path, message: `min (${value.min}) is greater than max (${value.max})` });
  }
}

/** Problems in a file that already passed the JSON Schema. */
export function semanticProblems(data: Raw, registry: FaultRegistry = faults): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const rules = Array.isArray(data.rules) ? data.rules : [];
  rules.forEach((rule: unknown, ruleIndex) => {
    if (!isObject(rule)) return;
    const rulePath = `/rules/${ruleIndex}`;
    const match = isObject(rule.match) ? rule.match : {};
    if (match.page !== undefined && match.route !== 'analytics-query') {
      problems.push({ path: `${rulePath}/match/page`, message: 'page can only be matched with route: analytics-query' });
    }
    matchProblems(match, rulePath, problems);
    const steps = Array.isArray(rule.steps) ? rule.steps : [];
    steps.forEach((step: unknown, stepIndex) => {
      if (!isObject(step)) return;
      const stepPath = `${rulePath}/steps/${stepIndex}`;
      const kind = typeof step.fault === 'string' ? step.fault : 'pass';
      const { keys: allowed, required } = stepKeysOf(registry, kind);
      for (const key of Object.keys(step)) {
        if ((COMMON_STEP_KEYS as readonly string[]).includes(key) || allowed.includes(key)) continue;
        const accepted = allowed.length > 0 ? allowed.join(', ') : 'no other keys';
        problems.push({ path: `${stepPath}/${key}`, message: `"${key}" does not apply to fault ${kind} (it takes ${COMMON_STEP_KEYS.join(', ')}, ${accepted})` });
      }
      for (const key of required) {
        if (step[key] === undefined) problems.push({ path: stepPath, message: `fault ${kind} needs "${key}"` });
      }
      if (match.route === 'token' && registry[kind]?.needsBearerToken) {
        problems.push({ path: `${stepPath}/fault`, message: `fault ${kind} needs a bearer token, which route token does not carry` });
      }
      const delay = isObject(step.delay) ? step.delay : {};
      if (isObject(delay.uniform) && typeof delay.uniform.min_ms === 'number' && typeof delay.uniform.max_ms === 'number' && delay.uniform.min_ms > delay.uniform.max_ms) {
        problems.push({ path: `${stepPath}/delay/uniform`, message: `min_ms (${delay.uniform.min_ms}) is greater than max_ms (${delay.uniform.max_ms})` });
      }
    });
  });
  const expectation = isObject(data.expect) ? data.expect : {};
  checkBounds(expectation.attempts, '/expect/attempts', problems);
  checkBounds(expectation.elapsed_ms, '/expect/elapsed_ms', problems);
  if (isObject(expectation.upstream_calls)) {
    for (const [key, value] of Object.entries(expectation.upstream_calls)) checkBounds(value, `/expect/upstream_calls/${key}`, problems);
  }
  return problems;
}

function matchProblems(match: Raw, rulePath: string, problems: ScenarioProblem[]): void {
  const body = Array.isArray(match.body) ? match.body : [];
  body.forEach((predicate: unknown, index) => {
    if (isObject(predicate) && typeof predicate.matches === 'string') {
      const problem = patternProblem(predicate.matches);
      if (problem) problems.push({ path: `${rulePath}/match/body/${index}/matches`, message: problem });
    }
  });
  for (const place of ['headers', 'query', 'params'] as const) {
    const predicates = isObject(match[place]) ? match[place] : {};
    for (const [name, predicate] of Object.entries(predicates)) {
      if (isObject(predicate) && typeof predicate.matches === 'string') {
        const problem = patternProblem(predicate.matches);
        if (problem) problems.push({ path: `${rulePath}/match/${place}/${name}/matches`, message: problem });
      }
    }
  }
  if (isObject(match.params)) {
    if (typeof match.route !== 'string') {
      problems.push({ path: `${rulePath}/match/params`, message: 'params can only be matched with a route (its path template names them)' });
      return;
    }
    const known = pathParamsOf(match.route as RouteId);
    for (const name of Object.keys(match.params)) {
      if (!known.includes(name)) {
        problems.push({ path: `${rulePath}/match/params/${name}`, message: `route ${match.route} has no path parameter "${name}" (it has: ${known.join(', ') || 'none'})` });
      }
    }
  }
}
