// The fault engine's decision, as a pure function: given a scenario, how often each of its
// rules has been called in this session, the facts of a request and a source of reproducible
// draws, which rule and step apply (and the counts after this call). The shell
// (call-counts.ts) keeps the counts.
import { requestPasses, type MatchInput } from './match.js';
import type { Rule, RouteId, Scenario, Step } from './types.js';

/** What the engine needs to know about a request. */
export interface RequestFacts {
  route: RouteId | undefined;
  method: string;
  /** Path without query string. */
  path: string;
  /** Details query paging.pageNumber (1 when absent); undefined on other routes. */
  page: number | undefined;
  /** Body, headers, query and path parameters; read only when a rule of the scenario tests them. */
  details?: MatchInput;
}

/** Per rule index: calls the rule took (its step sequence) and matching requests it saw (its own draws). */
export interface RuleCounts {
  taken: readonly number[];
  seen: readonly number[];
}

export const NO_COUNTS: RuleCounts = Object.freeze({ taken: [], seen: [] });

/** A number in [0, 1) for (rule, its n-th call or sighting, purpose), reproducible per seed and session. */
export type Draw = (ruleIndex: number, callIndex: number, purpose: 'rule' | 'step') => number;

export interface Decision {
  /** Index of the rule that took the request; null when none matched. */
  ruleIndex: number | null;
  /** Index of the step used; null when the request passes (no rule, or steps used up with `then: pass`). */
  stepIndex: number | null;
  /** 0-based call count of the rule that took the request; null when none did. */
  callIndex: number | null;
  step: Step;
  /** The draws made for this request, for the journal: the taking rule's and its step's. */
  draws: { rule?: number; step?: number };
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
  if (facts.details && !requestPasses(match, facts.details)) return false;
  if (!facts.details && (match.body || match.headers || match.query || match.params)) return false;
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

const neverDrawn: Draw = () => 0;

/**
 * Decides one request. A rule with `probability` takes a matching request only when its draw
 * falls below it (else later rules are tried); a step with `probability` applies only when
 * its draw does (else the call passes, and still counts).
 */
export function decide(
  scenario: Pick<Scenario, 'rules'>,
  counts: RuleCounts,
  facts: RequestFacts,
  draw: Draw = neverDrawn,
): { decision: Decision; counts: RuleCounts } {
  const ruleCount = scenario.rules.length;
  const taken = Array.from({ length: ruleCount }, (_, index) => counts.taken[index] ?? 0);
  const seen = Array.from({ length: ruleCount }, (_, index) => counts.seen[index] ?? 0);
  const draws: Decision['draws'] = {};
  for (let ruleIndex = 0; ruleIndex < ruleCount; ruleIndex += 1) {
    const rule = scenario.rules[ruleIndex]!;
    if (!ruleMatches(rule, facts)) continue;
    const sighting = seen[ruleIndex]!;
    seen[ruleIndex] = sighting + 1;
    if (rule.probability !== undefined) {
      draws.rule = draw(ruleIndex, sighting, 'rule');
      if (draws.rule >= rule.probability) continue;
    } else delete draws.rule;
    const callIndex = taken[ruleIndex]!;
    taken[ruleIndex] = callIndex + 1;
    const stepIndex = stepIndexFor(rule, callIndex);
    let step = stepIndex === null ? PASS_STEP : (rule.steps[stepIndex] ?? PASS_STEP);
    if (step.probability !== undefined) {
      draws.step = draw(ruleIndex, callIndex, 'step');
      if (draws.step >= step.probability) step = PASS_STEP;
    }
    return { decision: { ruleIndex, stepIndex, callIndex, step, draws }, counts: { taken, seen } };
  }
  return { decision: { ruleIndex: null, stepIndex: null, callIndex: null, step: PASS_STEP, draws }, counts: { taken, seen } };
}
