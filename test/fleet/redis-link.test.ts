// The Redis link against a real redis-server: shared while Redis answers, local (answering
// undefined at once) while it is down, shared again when it returns.
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { redisForFile } from '../support/redis.js';

describe('RedisLink', () => {
  const redis = redisForFile();

  it('runs operations while Redis answers, falls back while it is down, and returns when it is back', async () => {
    const modes: string[] = [];
    const link = await redis.link({ timeoutMs: 50, keyPrefix: 'test', recoveryIntervalMs: 50, onModeChange: (mode) => modes.push(mode) });
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
  });

  it('goes local when Redis is slower than the timeout', async () => {
    const link = await redis.link({ timeoutMs: 50, keyPrefix: 'test', recoveryIntervalMs: 50 });
    // CLIENT PAUSE stalls every client for 300 ms: a Redis that is up but too slow.
    const admin = new Redis(redis.url);
    await admin.client('PAUSE', 300, 'ALL');
    admin.disconnect();
    const slow = await link.run((client) => client.get(link.key('a')));
    expect(slow).toBeUndefined();
    expect(link.mode).toBe('local');
    expect(await link.whenShared(5000)).toBe(true);
  });
});
