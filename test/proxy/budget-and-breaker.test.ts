import { describe, expect, it } from 'vitest';
import { RetryBudget, retryAllowed } from '../../src/retry/budget.js';
import { CircuitBreaker, type BreakerState } from '../../src/retry/circuit-breaker.js';

describe('retry budget', () => {
  const options = { ratio: 0.2, minRetries: 2 };

  it('always allows the floor of concurrent retries', () => {
    expect(retryAllowed(0, 0, options)).toBe(true);
    expect(retryAllowed(1, 1, options)).toBe(true);
    expect(retryAllowed(2, 1, options)).toBe(false);
  });

  it('allows retries up to the ratio of requests in flight above the floor', () => {
    expect(retryAllowed(19, 100, options)).toBe(true);
    expect(retryAllowed(20, 100, options)).toBe(false);
  });

  it('counts retries until released and releases each once', () => {
    const budget = new RetryBudget(options);
    const endRequest = budget.startRequest();
    const first = budget.tryStartRetry();
    const second = budget.tryStartRetry();
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(budget.tryStartRetry()).toBeUndefined();
    first!();
    first!();
    expect(budget.retriesInFlight).toBe(1);
    expect(budget.tryStartRetry()).toBeTypeOf('function');
    endRequest();
    expect(budget.requestsInFlight).toBe(0);
  });
});

describe('circuit breaker', () => {
  function setup() {
    let nowMs = 0;
    const transitions: BreakerState[] = [];
    const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 }, () => nowMs, (state) => transitions.push(state));
    return { breaker, transitions, advance: (ms: number) => (nowMs += ms) };
  }
  const fail = (breaker: CircuitBreaker, times: number) => {
    for (let i = 0; i < times; i++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.record('failed');
    }
  };

  it('opens after the threshold of consecutive failed attempts and fails fast', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
    fail(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
  });

  it('resets the count on a healthy answer (429 and 4xx count as healthy)', () => {
    const { breaker } = setup();
    fail(breaker, 2);
    breaker.tryAcquire();
    breaker.record('healthy');
    fail(breaker, 2);
    expect(breaker.state).toBe('closed');
  });

  it('lets exactly one probe through after the cooldown; success closes it', () => {
    const { breaker, advance, transitions } = setup();
    fail(breaker, 3);
    advance(999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.state).toBe('half_open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.record('healthy');
    expect(breaker.state).toBe('closed');
    expect(transitions).toEqual(['open', 'half_open', 'closed']);
  });

  it('reopens for a full cooldown when the probe fails', () => {
    const { breaker, advance } = setup();
    fail(breaker, 3);
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.record('failed');
    expect(breaker.state).toBe('open');
    expect(breaker.retryInMs).toBe(1000);
  });

  it('frees the probe slot when the probe never ran', () => {
    const { breaker, advance } = setup();
    fail(breaker, 3);
    advance(1000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.release();
    expect(breaker.tryAcquire()).toBe(true);
  });
});
