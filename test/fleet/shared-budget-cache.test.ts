// The fleet's retry budget and action cache through a real Redis.
import { describe, expect, it } from 'vitest';
import { RedisLink } from '../../src/fleet/redis-link.js';
import { SharedRetryBudget } from '../../src/fleet/shared-budget.js';
import { SharedCache } from '../../src/fleet/shared-cache.js';
import { redisForFile } from '../support/redis.js';

describe('fleet state in Redis', () => {
  const redis = redisForFile();

  it('admits retries up to the ratio of the whole fleet’s requests, per context', async () => {
    const links = await redis.links(3, { timeoutMs: 200, keyPrefix: 'fleet-test' });
    const budgets = links.map((link) => new SharedRetryBudget({ link, ratio: 0.2, minRetries: 3, windowSeconds: 10 }));
    await Promise.all(Array.from({ length: 60 }, (_, i) => budgets[i % 3]!.countRequest('ctx')));
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => budgets[i % 3]!.tryRetry('ctx')));
    expect(verdicts.filter((verdict) => verdict === true)).toHaveLength(12);
    // Another context has only its floor.
    const other = await Promise.all(Array.from({ length: 5 }, () => budgets[0]!.tryRetry('other')));
    expect(other.filter((verdict) => verdict === true)).toHaveLength(3);
  });

  it('serves one replica’s answer to the others, and says when it cannot', async () => {
    const links = await redis.links(2, { timeoutMs: 200, keyPrefix: 'fleet-test' });
    const [a, b] = links.map((link) => new SharedCache(link)) as [SharedCache, SharedCache];
    expect(await b.get('action:key')).toBeNull();
    await a.set('action:key', { value: { estimated_wait_time_s: 42 }, storedAtMs: 1000 }, 5000);
    expect(await b.get('action:key')).toEqual({ value: { estimated_wait_time_s: 42 }, storedAtMs: 1000 });
    const down = new RedisLink({ url: 'redis://127.0.0.1:1', timeoutMs: 50, keyPrefix: 'x' });
    try {
      expect(await new SharedCache(down).get('action:key')).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});
