// The engine's decision as a pure function, its per-session counts, and delay sampling.
import { describe, expect, it } from 'vitest';
import { CallCounts } from '../../mock-genesys/scenarios/call-counts.js';
import { sampleDelayMs } from '../../mock-genesys/scenarios/delay.js';
import { decide, NO_COUNTS, stepIndexFor, type RequestFacts, type RuleCounts } from '../../mock-genesys/scenarios/engine.js';
import type { Rule, Scenario, Step } from '../../mock-genesys/scenarios/types.js';

const query = (page = 1): RequestFacts => ({ route: 'analytics-query', method: 'POST', path: '/api/v2/analytics/conversations/details/query', page });
const token: RequestFacts = { route: 'token', method: 'POST', path: '/oauth/token', page: undefined };
const s = (status: number): Step => ({ fault: 'status', status });

function scenario(rules: Rule[], name = 'test'): Scenario {
  return { name, description: '', file: `/tmp/${name}.yaml`, rules, request: {}, expect: {} };
}

/** Faults (or statuses) of `calls` consecutive requests through `decide`. */
function sequence(rules: Rule[], calls: RequestFacts[]): Array<string | number | undefined> {
  let counts: RuleCounts = NO_COUNTS;
  return calls.map((facts) => {
    const next = decide({ rules }, counts, facts);
    counts = next.counts;
    const { step } = next.decision;
    return 'status' in step ? step.status : step.fault;
  });
}

describe('decide', () => {
  it('steps through the sequence, then passes with then: pass', () => {
    const rules: Rule[] = [{ match: { route: 'analytics-query' }, steps: [s(429), s(429)], then: 'pass' }];
    expect(sequence(rules, [query(), query(), query(), query()])).toEqual([429, 429, 'pass', 'pass']);
  });

  it('repeats the last step with then: repeat-last', () => {
    const rules: Rule[] = [{ match: { route: 'analytics-query' }, steps: [s(500), s(503)], then: 'repeat-last' }];
    expect(sequence(rules, [query(), query(), query(), query()])).toEqual([500, 503, 503, 503]);
  });

  it('starts over with then: cycle', () => {
    const rules: Rule[] = [{ match: { route: 'analytics-query' }, steps: [s(500), s(502), s(503)], then: 'cycle' }];
    expect(sequence(rules, Array.from({ length: 7 }, () => query()))).toEqual([500, 502, 503, 500, 502, 503, 500]);
  });

  it('gives the request to the first matching rule and counts each rule on its own', () => {
    const rules: Rule[] = [
      { match: { route: 'token' }, steps: [s(503)], then: 'pass' },
      { match: { route: 'analytics-query' }, steps: [s(500), s(504)], then: 'pass' },
      { match: {}, steps: [s(418)], then: 'repeat-last' },
    ];
    expect(sequence(rules, [query(), token, query(), token, query()])).toEqual([500, 503, 504, 'pass', 'pass']);
  });

  it('matches the details query page', () => {
    const rules: Rule[] = [{ match: { route: 'analytics-query', page: 3 }, steps: [s(503)], then: 'repeat-last' }];
    expect(sequence(rules, [query(1), query(2), query(3), query(3), query(4)])).toEqual(['pass', 'pass', 503, 503, 'pass']);
  });

  it('matches method and path when no route is given, ignoring a trailing slash', () => {
    const rules: Rule[] = [{ match: { method: 'GET', path: '/api/v2/organizations/me' }, steps: [s(500)], then: 'repeat-last' }];
    const get = (path: string): RequestFacts => ({ route: undefined, method: 'GET', path, page: undefined });
    expect(sequence(rules, [get('/api/v2/organizations/me/'), get('/api/v2/routing/queues'), { ...get('/api/v2/organizations/me'), method: 'POST' }])).toEqual([500, 'pass', 'pass']);
  });

  it('reports which rule and step decided, and none when nothing matched', () => {
    const rules: Rule[] = [{ match: { route: 'token' }, steps: [s(401)], then: 'pass' }];
    expect(decide({ rules }, NO_COUNTS, token).decision).toMatchObject({ ruleIndex: 0, stepIndex: 0 });
    expect(decide({ rules }, { taken: [1], seen: [1] }, token).decision).toMatchObject({ ruleIndex: 0, stepIndex: null, step: { fault: 'pass' } });
    expect(decide({ rules }, NO_COUNTS, query()).decision).toMatchObject({ ruleIndex: null, stepIndex: null, step: { fault: 'pass' } });
  });

  it('does not change the counts it was given', () => {
    const counts = { taken: [0], seen: [0] };
    decide({ rules: [{ match: {}, steps: [s(500)], then: 'pass' }] }, counts, query());
    expect(counts).toEqual({ taken: [0], seen: [0] });
  });
});

describe('stepIndexFor', () => {
  it('maps call numbers to steps for every then mode', () => {
    const rule = (then: Rule['then']): Rule => ({ match: {}, steps: [s(1), s(2), s(3)], then });
    expect([0, 1, 2, 3, 4].map((call) => stepIndexFor(rule('pass'), call))).toEqual([0, 1, 2, null, null]);
    expect([0, 1, 2, 3, 4].map((call) => stepIndexFor(rule('repeat-last'), call))).toEqual([0, 1, 2, 2, 2]);
    expect([0, 1, 2, 3, 4].map((call) => stepIndexFor(rule('cycle'), call))).toEqual([0, 1, 2, 0, 1]);
  });
});

describe('CallCounts', () => {
  const twice = scenario([{ match: { route: 'analytics-query' }, steps: [s(429), s(429)], then: 'pass' }]);

  it('keeps sequences apart per session', () => {
    const counts = new CallCounts();
    const faultsOf = (session: string): Array<number | string | undefined> => {
      const step = counts.advance(twice, session, query()).step;
      return ['status' in step ? step.status : step.fault];
    };
    expect([...faultsOf('a'), ...faultsOf('b'), ...faultsOf('a'), ...faultsOf('a'), ...faultsOf('b')]).toEqual([429, 429, 429, 'pass', 429]);
  });

  it('forgets the least recently used session beyond its bound', () => {
    const counts = new CallCounts(2);
    counts.advance(twice, 'a', query());
    counts.advance(twice, 'b', query());
    counts.advance(twice, 'a', query());
    counts.advance(twice, 'c', query());
    expect(counts.size).toBe(2);
    // 'a' was used recently and kept: it is past its steps; 'b' was forgotten: it starts again.
    expect(counts.advance(twice, 'a', query()).stepIndex).toBeNull();
    expect(counts.advance(twice, 'b', query()).stepIndex).toBe(0);
  });

  it('starts a changed scenario over', () => {
    const counts = new CallCounts();
    counts.advance(twice, 'a', query());
    counts.forgetScenario('test');
    expect(counts.advance(twice, 'a', query()).stepIndex).toBe(0);
  });
});

describe('sampleDelayMs', () => {
  it('waits nothing without a delay, and exactly fixed_ms for a fixed one', () => {
    expect(sampleDelayMs(undefined)).toBe(0);
    expect(sampleDelayMs({ fixed_ms: 1500 })).toBe(1500);
  });

  it('spreads uniform delays between min_ms and max_ms', () => {
    const delay = { uniform: { min_ms: 100, max_ms: 300 } };
    expect(sampleDelayMs(delay, () => 0)).toBe(100);
    expect(sampleDelayMs(delay, () => 0.5)).toBe(200);
    expect(sampleDelayMs(delay, () => 0.999999)).toBe(300);
  });

  it('centres lognormal delays on median_ms', () => {
    // u2 = 0.25 makes cos(2πu2) = 0, i.e. z = 0: the median itself.
    const samples = [0.5, 0.25];
    expect(sampleDelayMs({ lognormal: { median_ms: 400, sigma: 0.8 } }, () => samples.shift() ?? 0)).toBe(400);
    // A positive z lengthens the delay by e^(sigma z).
    const longer = [Math.exp(-0.5), 0];
    expect(sampleDelayMs({ lognormal: { median_ms: 400, sigma: 1 } }, () => longer.shift() ?? 0)).toBe(Math.round(400 * Math.E));
  });
});
