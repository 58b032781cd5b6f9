// The breaker's fleet-wide state through a real Redis: failures from three replicas add up,
// the opening is announced to all, one probe for the fleet.
import { describe, expect, it, vi } from 'vitest';
import { SharedBreakerState } from '../../src/fleet/shared-breaker.js';
import { redisForFile } from '../support/redis.js';

describe('SharedBreakerState', () => {
  const redis = redisForFile();

  it('opens for the whole fleet when the failures of all replicas reach the threshold', async () => {
    const links = await redis.links(3, { timeoutMs: 200, keyPrefix: 'breaker-test' });
    const opened: Array<[number, string]> = [];
    const states = links.map(
      (link, replica) => new SharedBreakerState({ link, failureThreshold: 5, cooldownMs: 2000, onOpened: (context) => opened.push([replica, context]) }),
    );
    try {
      await Promise.all(states.map((state) => state.listen()));
      // Four failures spread over the replicas, then a success: still closed, count reset.
      for (let i = 0; i < 4; i++) expect(await states[i % 3]!.recordFailure('ctx')).toBe(0);
      await states[0]!.recordSuccess('ctx');
      for (let i = 0; i < 4; i++) expect(await states[i % 3]!.recordFailure('ctx')).toBe(0);
      // The fifth consecutive failure, on any replica, opens it for all.
      expect(await states[1]!.recordFailure('ctx')).toBeGreaterThan(0);
      await vi.waitFor(() => expect(opened.map(([replica]) => replica).sort()).toEqual([0, 1, 2]));
      expect(await states[2]!.openForMs('ctx')).toBeGreaterThan(1000);
      expect(await states[2]!.openForMs('other')).toBe(0);
      // One probe for the fleet.
      const probes = await Promise.all(states.map((state) => state.claimProbe('ctx', 1000)));
      expect(probes.filter(Boolean)).toHaveLength(1);
    } finally {
      await Promise.all(states.map((state) => state.close()));
    }
  });
});
