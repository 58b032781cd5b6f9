// Checks the JSON Schema cannot express clearly: which step keys belong to which fault kind,
// page matching only on the details query, ordered bounds. Pure: raw file data in, problems out.
import type { FaultKind } from './types.js';
import type { ScenarioProblem } from './scenario-error.js';

/** Keys each fault kind accepts besides `fault` and `delay`. */
export const STEP_KEYS_BY_KIND: Record<FaultKind, readonly string[]> = {
  pass: ['headers'],
  status: ['status', 'body', 'headers', 'retry_after_s'],
  reset: [],
  hang: [],
  empty: [],
  'malformed-json': [],
  'truncated-body': ['fraction'],
  'slow-body': ['duration_ms'],
  'random-bytes': ['bytes'],
  'revoke-token': [],
  'expire-token': [],
  'rate-limit': ['limit', 'window_ms'],
};

const REQUIRED_STEP_KEYS: Partial<Record<FaultKind, readonly string[]>> = {
  status: ['status'],
  'rate-limit': ['limit'],
};

/** Faults that act on a bearer token, which the token endpoint's requests do not carry. */
const BEARER_FAULTS: readonly FaultKind[] = ['revoke-token', 'expire-token', 'rate-limit'];

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
export function semanticProblems(data: Raw): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const rules = Array.isArray(data.rules) ? data.rules : [];
  rules.forEach((rule: unknown, ruleIndex) => {
    if (!isObject(rule)) return;
    const rulePath = `/rules/${ruleIndex}`;
    const match = isObject(rule.match) ? rule.match : {};
    if (match.page !== undefined && match.route !== 'analytics-query') {
      problems.push({ path: `${rulePath}/match/page`, message: 'page can only be matched with route: analytics-query' });
    }
    const steps = Array.isArray(rule.steps) ? rule.steps : [];
    steps.forEach((step: unknown, stepIndex) => {
      if (!isObject(step)) return;
      const stepPath = `${rulePath}/steps/${stepIndex}`;
      const kind = (step.fault ?? 'pass') as FaultKind;
      const allowed = STEP_KEYS_BY_KIND[kind];
      for (const key of Object.keys(step)) {
        if (key === 'fault' || key === 'delay' || allowed.includes(key)) continue;
        const accepted = allowed.length > 0 ? allowed.join(', ') : 'no other keys';
        problems.push({ path: `${stepPath}/${key}`, message: `"${key}" does not apply to fault ${kind} (it takes fault, delay, ${accepted})` });
      }
      for (const key of REQUIRED_STEP_KEYS[kind] ?? []) {
        if (step[key] === undefined) problems.push({ path: stepPath, message: `fault ${kind} needs "${key}"` });
      }
      if (match.route === 'token' && BEARER_FAULTS.includes(kind)) {
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
