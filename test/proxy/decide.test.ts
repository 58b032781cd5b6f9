import { describe, expect, it } from 'vitest';
import { decideRetry, fullJitterDelayMs, parseRetryAfter, type DecisionInput } from '../../src/retry/decide.js';
import type { AttemptFailure } from '../../src/retry/outcome.js';

const policy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000, minAttemptMs: 100 };
const http = (status: number, extra: Partial<AttemptFailure & { kind: 'http' }> = {}): AttemptFailure => ({ kind: 'http', source: 'api', status, body: '', ...extra });
const network = (fault: 'connection_reset' | 'upstream_timeout' | 'malformed_response'): AttemptFailure => ({ kind: 'network', source: 'api', fault, detail: '' });
const decide = (failure: AttemptFailure, overrides: Partial<DecisionInput> = {}) =>
  decideRetry({ failure, attempt: 1, timeLeftMs: 8000, tokenRefreshed: false, policy, random: () => 0.5, ...overrides });

describe('fullJitterDelayMs', () => {
  it('draws uniformly below min(cap, base * 2^(attempt-1))', () => {
    const options = { baseDelayMs: 500, maxDelayMs: 4000 };
    expect(fullJitterDelayMs(1, options, () => 0.5)).toBe(250);
    expect(fullJitterDelayMs(2, options, () => 0.5)).toBe(500);
    expect(fullJitterDelayMs(3, options, () => 0.999)).toBe(1998);
    expect(fullJitterDelayMs(10, options, () => 0.999)).toBe(3996);
    expect(fullJitterDelayMs(4, options, () => 0)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T00:00:00Z');
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('42', now)).toBe(42);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
  });
  it('reads an HTTP-date relative to now, rounding up', () => {
    expect(parseRetryAfter('Sun, 01 Nov 2026 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(new Date(now + 1500).toUTCString(), now - 0)).toBe(1);
  });
  it('treats a past date as now and garbage as absent', () => {
    expect(parseRetryAfter('Sat, 31 Oct 2026 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  it.each([500, 502, 503, 504])('retries %i with full-jitter backoff', (status) => {
    expect(decide(http(status), { attempt: 2 })).toEqual({ retry: true, delayMs: 500, reason: 'server_error', refreshToken: false, countsAsAttempt: true });
  });

  it.each(['connection_reset', 'upstream_timeout', 'malformed_response'] as const)('retries the network fault %s', (fault) => {
    expect(decide(network(fault))).toMatchObject({ retry: true, reason: 'network', delayMs: 250 });
  });

  it('honours Retry-After on a 429 instead of the backoff', () => {
    expect(decide(http(429, { retryAfterSeconds: 2 }))).toEqual({ retry: true, delayMs: 2000, reason: 'rate_limited', refreshToken: false, countsAsAttempt: true });
  });

  it('gives up at once when Retry-After does not fit the time left', () => {
    expect(decide(http(429, { retryAfterSeconds: 30 }), { timeLeftMs: 7900 })).toEqual({ retry: false, cause: 'retry_after_exceeds_deadline' });
  });

  it('gives up when the backoff delay does not fit the time left', () => {
    expect(decide(http(503), { timeLeftMs: 300, random: () => 0.9 })).toEqual({ retry: false, cause: 'no_time_left' });
  });

  it.each([400, 403, 404, 409, 422])('never retries %i', (status) => {
    expect(decide(http(status))).toEqual({ retry: false, cause: 'not_retryable' });
  });

  it('stops after maxAttempts counted attempts', () => {
    expect(decide(http(503), { attempt: 3 })).toMatchObject({ retry: true });
    expect(decide(http(503), { attempt: 4 })).toEqual({ retry: false, cause: 'attempts_exhausted' });
  });

  it('answers an API 401 with one immediate token refresh that does not count as an attempt', () => {
    expect(decide(http(401), { attempt: 4 })).toEqual({ retry: true, delayMs: 0, reason: 'token_refresh', refreshToken: true, countsAsAttempt: false });
    expect(decide(http(401), { tokenRefreshed: true })).toEqual({ retry: false, cause: 'not_retryable' });
  });

  it('does not retry a token endpoint 401 or 400 (bad client credentials)', () => {
    expect(decide(http(401, { source: 'login' }))).toEqual({ retry: false, cause: 'not_retryable' });
    expect(decide(http(400, { source: 'login' }))).toEqual({ retry: false, cause: 'not_retryable' });
  });

  it('retries token endpoint 5xx like API 5xx', () => {
    expect(decide(http(503, { source: 'login' }))).toMatchObject({ retry: true, reason: 'server_error' });
  });
});
