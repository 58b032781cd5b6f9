// The fault engine's decision, as a pure function: given a scenario, how often each of its
// rules has been called in this session, and the facts of a request, which rule and step
// apply (and the counts after this call). The shell (call-counts.ts) keeps the counts.
import type { Rule, RouteId, Scenario, Step } from './types.js';

/** What the engine needs to know about a request. */
export interface RequestFacts {
  route: RouteId | undefined;
  method: string;
  /** Path without query string. */
  path: string;
  /** Details query paging.pageNumber (1 when absent); undefined on other routes. */
  page: number | undefined;
}

export interface Decision {
  /** Index of the rule that took the request; null when none matched. */
  ruleIndex: number | null;
  /** Index of the step used; null when the request passes (no rule, or steps used up with `then: pass`). */
  stepIndex: number | null;
  step: Step;
}

export const PASS_STEP: Step = Object.freeze({ fault: 'pass' });

export function withoutTrailingSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** `rule.match` as the loader builds it: method upper case, path without a trailing slash. */
export function ruleMatches(rule: Rule, facts: RequestFacts): boolean {
  const { match } = rule;
  if (match.route !== undefined && match.route !== facts.route) return false;
  if (match.method !== undefined && match.method !== facts.method.toUpperCase()) return false;
  if (match.path !== undefined && match.path !== withoutTrailingSlash(facts.path)) return false;
  if (match.page !== undefined && match.page !== facts.page) return false;
  return true;
}

/** Which step the n-th call (0-based) of a rule uses; null once the steps are used up under `then: pass`. */
export function stepIndexFor(rule: Rule, callIndex: number): number | null {
  const stepCount = rule.steps.length;
  if (callIndex < stepCount) return callIndex;
  switch (rule.then) {
    case 'pass':
      return null;
    case 'repeat-last':
      return stepCount - 1;
    case 'cycle':
      return callIndex % stepCount;
  }
}

/** Decides one request. `counts[i]` is how many calls rule i has taken before (missing = 0). */
export function decide(
  scenario: Pick<Scenario, 'rules'>,
  counts: readonly number[],
  facts: RequestFacts,
): { decision: Decision; counts: number[] } {
  const ruleIndex = scenario.rules.findIndex((rule) => ruleMatches(rule, facts));
  const rule = scenario.rules[ruleIndex];
  if (!rule) return { decision: { ruleIndex: null, stepIndex: null, step: PASS_STEP }, counts: [...counts] };
  const callIndex = counts[ruleIndex] ?? 0;
  const stepIndex = stepIndexFor(rule, callIndex);
  const next = Array.from({ length: scenario.rules.length }, (_, index) => counts[index] ?? 0);
  next[ruleIndex] = callIndex + 1;
  const step = stepIndex === null ? PASS_STEP : (rule.steps[stepIndex] ?? PASS_STEP);
  return { decision: { ruleIndex, stepIndex, step }, counts: next };
}
