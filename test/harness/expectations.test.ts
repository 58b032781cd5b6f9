import { describe, expect, it } from 'vitest';
import { checkExpectation, type Observation } from '../../harness/expectations.js';

const observed: Observation = {
  httpStatus: 200,
  envelope: { success: true, action: 'process_data', fallback_type: 'none', status_code: 200, attempts: 3 },
  elapsedMs: 2100,
  upstreamCalls: { token: 1, 'analytics-query': 3 },
};

describe('checkExpectation', () => {
  it('accepts a run that matches every expected field', () => {
    expect(
      checkExpectation(
        {
          envelope: { success: true, action: 'process_data' },
          attempts: 3,
          elapsed_ms: { min: 1800, max: 6000 },
          upstream_calls: { token: 1, 'analytics-query': { min: 3, max: 3 } },
        },
        observed,
      ),
    ).toEqual([]);
  });

  it('names each envelope field that differs, with expected and actual values', () => {
    expect(checkExpectation({ envelope: { action: 'wait_and_retry', retry_after: 30 } }, observed)).toEqual([
      { field: 'envelope.action', expected: '"wait_and_retry"', actual: '"process_data"' },
      { field: 'envelope.retry_after', expected: '30', actual: '(absent)' },
    ]);
  });

  it('expects HTTP 200 unless the scenario says otherwise', () => {
    expect(checkExpectation({}, { ...observed, httpStatus: 400 })).toEqual([{ field: 'http_status', expected: '200', actual: '400' }]);
    expect(checkExpectation({ http_status: 400 }, { ...observed, httpStatus: 400 })).toEqual([]);
  });

  it('checks attempts, elapsed time and upstream calls against bounds', () => {
    const mismatches = checkExpectation(
      { attempts: { max: 2 }, elapsed_ms: { max: 1000 }, upstream_calls: { token: 2, queues: 0 } },
      observed,
    );
    expect(mismatches.map((m) => m.field)).toEqual(['attempts', 'elapsed_ms', 'upstream_calls.token']);
    expect(mismatches[0]).toEqual({ field: 'attempts', expected: '<= 2', actual: '3' });
  });

  it("bounds the envelope's own elapsed_ms, not the caller's clock, when the answer has one", () => {
    const proxyAccount = { ...observed, envelope: { ...observed.envelope, elapsed_ms: 900 }, elapsedMs: 2100 };
    expect(checkExpectation({ elapsed_ms: { max: 1000 } }, proxyAccount)).toEqual([]);
    expect(checkExpectation({ elapsed_ms: { min: 1000 } }, proxyAccount)).toEqual([{ field: 'elapsed_ms', expected: '>= 1000', actual: '900' }]);
  });
});
