// Pacing Genesys' per-token limit: the pure sliding-log rule, then the shared log in a real
// Redis seen by two "replicas", and the local fallback.
import { describe, expect, it } from 'vitest';
import { GenesysPacer, slidingLogVerdict } from '../../src/fleet/pacer.js';
import { RedisLink } from '../../src/fleet/redis-link.js';
import { redisForFile } from '../support/redis.js';

describe('slidingLogVerdict', () => {
  it('grants while fewer than the limit fall in the window', () => {
    expect(slidingLogVerdict([0, 10, 20], 30, 4, 100)).toEqual({ granted: true });
  });
  it('says when the limit-th newest send leaves the window', () => {
    expect(slidingLogVerdict([0, 10, 20], 30, 3, 100)).toEqual({ granted: false, waitMs: 70 });
    expect(slidingLogVerdict([0, 10, 20, 25], 30, 3, 100)).toEqual({ granted: false, waitMs: 80 });
  });
  it('forgets sends older than the window', () => {
    expect(slidingLogVerdict([0, 10, 20], 115, 3, 100)).toEqual({ granted: true });
  });
});

describe('GenesysPacer', () => {
  const redis = redisForFile();

  it('shares one limit between replicas through Redis', async () => {
    const links = await redis.links(2, { timeoutMs: 200, keyPrefix: 'pace-test' });
    const [a, b] = links.map((link) => new GenesysPacer({ limit: 10, windowMs: 61_000, link }));
    const verdicts = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? a! : b!).takeSlot('ctx')));
    expect(verdicts.filter((verdict) => verdict.granted)).toHaveLength(10);
    const refused = verdicts.find((verdict) => !verdict.granted);
    expect(refused).toMatchObject({ granted: false });
    expect((refused as { waitMs: number }).waitMs).toBeGreaterThan(59_000);
  });

  it('answers with the seconds to wait when no slot frees before the deadline, and waits when one does', async () => {
    let now = 0;
    const pacer = new GenesysPacer({ limit: 2, windowMs: 1000, now: () => now });
    const sleeps: number[] = [];
    const sleep = async (ms: number): Promise<void> => {
      sleeps.push(ms);
      now += ms;
    };
    const clock = (): number => now;
    expect(await pacer.acquire('ctx', 10_000, 100, sleep, clock)).toEqual({ ok: true });
    expect(await pacer.acquire('ctx', 10_000, 100, sleep, clock)).toEqual({ ok: true });
    // The third fits: it waits 1,000 ms for the first slot to leave the window.
    expect(await pacer.acquire('ctx', 10_000, 100, sleep, clock)).toEqual({ ok: true });
    expect(sleeps).toEqual([1000]);
    // Both sends of t=0 left the window with that wait: the fourth goes at once.
    expect(await pacer.acquire('ctx', 10_000, 100, sleep, clock)).toEqual({ ok: true });
    // The fifth does not fit a deadline 500 ms away: no wait, retry_after 1 s.
    expect(await pacer.acquire('ctx', now + 500, 100, sleep, clock)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(sleeps).toEqual([1000]);
  });

  it('learns the allowance Genesys reports', async () => {
    const pacer = new GenesysPacer({ limit: 300, windowMs: 61_000 });
    pacer.observe('ctx', '2');
    expect(pacer.limitFor('ctx')).toBe(2);
    expect((await pacer.takeSlot('ctx')).granted).toBe(true);
    expect((await pacer.takeSlot('ctx')).granted).toBe(true);
    expect((await pacer.takeSlot('ctx')).granted).toBe(false);
    pacer.observe('ctx', 'nonsense');
    expect(pacer.limitFor('ctx')).toBe(2);
  });

  it('paces in memory while Redis is down', async () => {
    const link = new RedisLink({ url: 'redis://127.0.0.1:1', timeoutMs: 50, keyPrefix: 'x' });
    try {
      const pacer = new GenesysPacer({ limit: 3, windowMs: 61_000, link });
      const verdicts = await Promise.all(Array.from({ length: 5 }, () => pacer.takeSlot('ctx')));
      expect(verdicts.filter((verdict) => verdict.granted)).toHaveLength(3);
    } finally {
      await link.close();
    }
  });
});
