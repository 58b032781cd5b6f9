// The breaker's fleet-wide state through a real Redis: failures from three replicas add up,
// the opening is announced to all, one probe for the fleet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLink } from '../../src/fleet/redis-link.js';
import { SharedBreakerState } from '../../src/fleet/shared-breaker.js';
import { startRedis, type RunningRedis } from '../../harness/redis.js';

describe('SharedBreakerState', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('opens for the whole fleet when the failures of all replicas reach the threshold', async () => {
    const links = Array.from({ length: 3 }, () => new RedisLink({ url: redis.url, timeoutMs: 200, keyPrefix: 'breaker-test' }));
    const opened: Array<[number, string]> = [];
    const states = links.map(
      (link, replica) => new SharedBreakerState({ link, failureThreshold: 5, cooldownMs: 2000, onOpened: (context) => opened.push([replica, context]) }),
    );
    try {
      for (const link of links) expect(await link.whenShared(5000)).toBe(true);
      await Promise.all(states.map((state) => state.listen()));
      // Four failures spread over the replicas, then a success: still closed, count reset.
      for (let i = 0; i < 4; i++) expect(await states[i % 3]!.recordFailure('ctx')).toBe(0);
      await states[0]!.recordSuccess('ctx');
      for (let i = 0; i < 4; i++) expect(await states[i % 3]!.recordFailure('ctx')).toBe(0);
      // The fifth consecutive failure, on any replica, opens it for all.
      expect(await states[1]!.recordFailure('ctx')).toBeGreaterThan(0);
      for (let i = 0; i < 50 && opened.length < 3; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(opened.map(([replica]) => replica).sort()).toEqual([0, 1, 2]);
      expect(await states[2]!.openForMs('ctx')).toBeGreaterThan(1000);
      expect(await states[2]!.openForMs('other')).toBe(0);
      // One probe for the fleet.
      const probes = await Promise.all(states.map((state) => state.claimProbe('ctx', 1000)));
      expect(probes.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(states.map((state) => state.close()));
      for (const link of links) await link.close();
    }
  });
});
