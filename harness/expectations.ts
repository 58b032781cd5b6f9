// Checks what a scenario run produced against the scenario's `expect` block. Pure: the
// QA runner, the end-to-end suite and the console all judge a run with this one function.
import type { Expectation } from '../mock-genesys/scenarios/types.js';

export interface Observation {
  httpStatus: number;
  envelope: Record<string, unknown>;
  /** Wall time from sending the request to the end of the answer, measured by the caller (for reports). */
  elapsedMs: number;
  /** Calls the mock received during the run, by route id (and by "METHOD /path" for others). */
  upstreamCalls: Record<string, number>;
}

export interface Mismatch {
  /** What was checked, e.g. `envelope.action`, `attempts`, `upstream_calls.token`. */
  field: string;
  expected: string;
  actual: string;
}

type Bound = number | { min?: number; max?: number };

function withinBound(actual: number, bound: Bound): boolean {
  if (typeof bound === 'number') return actual === bound;
  return (bound.min === undefined || actual >= bound.min) && (bound.max === undefined || actual <= bound.max);
}

function describeBound(bound: Bound): string {
  if (typeof bound === 'number') return String(bound);
  const parts = [bound.min === undefined ? '' : `>= ${bound.min}`, bound.max === undefined ? '' : `<= ${bound.max}`];
  return parts.filter(Boolean).join(' and ') || 'any';
}

const show = (value: unknown): string => (value === undefined ? '(absent)' : JSON.stringify(value));

export function checkExpectation(expect: Expectation, observed: Observation): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const expectedStatus = expect.http_status ?? 200;
  if (observed.httpStatus !== expectedStatus) {
    mismatches.push({ field: 'http_status', expected: String(expectedStatus), actual: String(observed.httpStatus) });
  }
  for (const [field, expected] of Object.entries(expect.envelope ?? {})) {
    const actual = observed.envelope[field];
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      mismatches.push({ field: `envelope.${field}`, expected: show(expected), actual: show(actual) });
    }
  }
  if (expect.attempts !== undefined) {
    const attempts = observed.envelope.attempts;
    if (typeof attempts !== 'number' || !withinBound(attempts, expect.attempts)) {
      mismatches.push({ field: 'attempts', expected: describeBound(expect.attempts), actual: show(attempts) });
    }
  }
  // Bounds of envelope.elapsed_ms (scenarios/README.md): the proxy's own account, which a loaded
  // client does not stretch; the caller's measure only when the answer was no envelope.
  const elapsedMs = typeof observed.envelope.elapsed_ms === 'number' ? observed.envelope.elapsed_ms : observed.elapsedMs;
  if (expect.elapsed_ms !== undefined && !withinBound(elapsedMs, expect.elapsed_ms)) {
    mismatches.push({ field: 'elapsed_ms', expected: describeBound(expect.elapsed_ms), actual: String(Math.round(elapsedMs)) });
  }
  for (const [route, bound] of Object.entries(expect.upstream_calls ?? {})) {
    const calls = observed.upstreamCalls[route] ?? 0;
    if (!withinBound(calls, bound)) {
      mismatches.push({ field: `upstream_calls.${route}`, expected: describeBound(bound), actual: String(calls) });
    }
  }
  return mismatches;
}
