// The Redis link against a real redis-server: shared while Redis answers, local (answering
// undefined at once) while it is down, shared again when it returns.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisLink } from '../../src/fleet/redis-link.js';
import { startRedis, type RunningRedis } from '../../harness/redis.js';

describe('RedisLink', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('runs operations while Redis answers, falls back while it is down, and returns when it is back', async () => {
    const modes: string[] = [];
    const link = new RedisLink({ url: redis.url, timeoutMs: 50, keyPrefix: 'test', recoveryIntervalMs: 50, onModeChange: (mode) => modes.push(mode) });
    try {
      expect(await link.whenShared(5000)).toBe(true);
      expect(await link.run((client) => client.set(link.key('a'), '1'))).toBe('OK');
      expect(await link.run((client) => client.get(link.key('a')))).toBe('1');

      await redis.kill();
      // Every operation answers undefined, none throws, none waits past the timeout.
      const results = await Promise.all(Array.from({ length: 20 }, () => link.run((client) => client.get(link.key('a')))));
      expect(results.every((result) => result === undefined)).toBe(true);
      expect(link.mode).toBe('local');

      await redis.restart();
      expect(await link.whenShared(5000)).toBe(true);
      expect(await link.run((client) => client.set(link.key('b'), '2'))).toBe('OK');
      expect(modes).toEqual(['shared', 'local', 'shared']);
    } finally {
      await link.close();
    }
  });

  it('goes local when Redis is slower than the timeout', async () => {
    const link = new RedisLink({ url: redis.url, timeoutMs: 50, keyPrefix: 'test', recoveryIntervalMs: 50 });
    try {
      expect(await link.whenShared(5000)).toBe(true);
      // CLIENT PAUSE stalls every client for 300 ms: a Redis that is up but too slow.
      const admin = new Redis(redis.url);
      await admin.client('PAUSE', 300, 'ALL');
      admin.disconnect();
      const slow = await link.run((client) => client.get(link.key('a')));
      expect(slow).toBeUndefined();
      expect(link.mode).toBe('local');
      expect(await link.whenShared(5000)).toBe(true);
    } finally {
      await link.close();
    }
  });
});
