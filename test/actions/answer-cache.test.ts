// Coalescing, ttl and stale-if-error of flow-action answers, on an injected clock.
import { describe, expect, it } from 'vitest';
import { ActionCache, cacheKey } from '../../src/actions/answer-cache.js';
import type { Envelope } from '../../src/envelope.js';

const good = (value: number): Envelope => ({ success: true, status_code: 200, fallback_type: 'none', action: 'process_data', data: { estimated_wait_time_s: value }, record_count: 1, total_hits: 1, pages_fetched: 1, truncated: false, attempts: 1, elapsed_ms: 5, correlation_id: 'c' });
const outage: Envelope = { success: false, status_code: 503, fallback_type: 'api_failure', action: 'route_to_fallback', error_code: 'upstream_unavailable', genesys_code: 'service.unavailable', message: 'Genesys API answered HTTP 503', data: {}, record_count: 0, total_hits: 0, pages_fetched: 0, truncated: false, attempts: 4, elapsed_ms: 900, correlation_id: 'c2' };
const notFound: Envelope = { ...outage, status_code: 404, error_code: 'not_found', genesys_code: 'not.found' };
const policy = { ttlMs: 5000, staleIfErrorMs: 60_000, coalesce: true };
const live = new AbortController().signal;

function setup() {
  const clock = { nowMs: 0 };
  const cache = new ActionCache({ maxBytes: 1_000_000, now: () => clock.nowMs });
  let fetches = 0;
  const serve = (answer: Envelope | (() => Promise<Envelope>), key = 'k') =>
    cache.serve(key, policy, live, async () => {
      fetches++;
      return typeof answer === 'function' ? answer() : answer;
    });
  return { clock, cache, serve, fetches: () => fetches };
}

describe('ActionCache', () => {
  it('coalesces identical concurrent calls into one fetch', async () => {
    const { serve, fetches } = setup();
    let release!: (envelope: Envelope) => void;
    const pending = new Promise<Envelope>((resolve) => (release = resolve));
    const answers = Array.from({ length: 200 }, () => serve(() => pending));
    release(good(400));
    const envelopes = await Promise.all(answers);
    expect(fetches()).toBe(1);
    expect(envelopes.filter((envelope) => envelope.cache === 'miss')).toHaveLength(1);
    expect(envelopes.filter((envelope) => envelope.cache === 'coalesced')).toHaveLength(199);
  });

  it('serves a hit within the ttl, with its age, then asks again', async () => {
    const { serve, clock, fetches } = setup();
    await serve(good(400));
    clock.nowMs = 4999;
    expect(await serve(good(1))).toMatchObject({ cache: 'hit', age_ms: 4999, data: { estimated_wait_time_s: 400 }, attempts: 0 });
    clock.nowMs = 5000;
    expect(await serve(good(1))).toMatchObject({ cache: 'miss', data: { estimated_wait_time_s: 1 } });
    expect(fetches()).toBe(2);
  });

  it('after a good answer and an outage: stale within stale_if_error, the fallback after it', async () => {
    const { serve, clock } = setup();
    await serve(good(400));
    clock.nowMs = 30_000;
    expect(await serve(outage)).toMatchObject({ success: true, stale: true, cache: 'stale', age_ms: 30_000, error_code: 'upstream_unavailable', genesys_code: 'service.unavailable', data: { estimated_wait_time_s: 400 }, attempts: 4 });
    clock.nowMs = 60_001;
    expect(await serve(outage)).toMatchObject({ success: false, action: 'route_to_fallback', cache: 'miss' });
  });

  it('never serves stale for a 4xx about the input', async () => {
    const { serve, clock } = setup();
    await serve(good(400));
    clock.nowMs = 6000;
    expect(await serve(notFound)).toMatchObject({ success: false, error_code: 'not_found' });
  });

  it('keys by action, upstream context and input, whatever the key order', () => {
    expect(cacheKey('a', 'ctx', { x: 1, y: 2 })).toBe(cacheKey('a', 'ctx', { y: 2, x: 1 }));
    expect(cacheKey('a', 'ctx', { x: 1 })).not.toBe(cacheKey('a', 'other', { x: 1 }));
    expect(cacheKey('a', 'ctx', { x: 1 })).not.toBe(cacheKey('b', 'ctx', { x: 1 }));
  });

  it('stays within its byte cap', async () => {
    const clock = { nowMs: 0 };
    const cache = new ActionCache({ maxBytes: 5000, now: () => clock.nowMs });
    for (let i = 0; i < 100; i++) await cache.serve(`k${i}`, policy, live, async () => good(i));
    expect(cache.size).toBeLessThan(100);
    expect(cache.size).toBeGreaterThan(0);
  });
});
