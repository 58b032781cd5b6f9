// One token for the fleet through a real Redis: one login for a cold burst across replicas,
// fleet-wide invalidation once per 401, local logins while Redis is away.
import { describe, expect, it } from 'vitest';
import { RedisLink } from '../../src/fleet/redis-link.js';
import { SharedToken, type FetchedToken } from '../../src/fleet/shared-token.js';
import { redisForFile } from '../support/redis.js';

describe('SharedToken', () => {
  const redis = redisForFile();

  async function replicas(count: number, prefix: string): Promise<SharedToken[]> {
    const links = await redis.links(count, { timeoutMs: 2000, keyPrefix: prefix });
    return links.map((link) => new SharedToken({ link, leaseMs: 2000, pollMs: 10 }));
  }

  const timeout = (): Error => new Error('timed out');

  it('logs in once for a cold burst spread over three replicas', async () => {
    const tokens = await replicas(3, 'burst');
    let logins = 0;
    const fetch = async (): Promise<FetchedToken> => {
      logins++;
      // A login slow enough for the whole burst to arrive while it is under way.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return { token: `token-${logins}`, refreshAtMs: Date.now() + 60_000 };
    };
    const got = await Promise.all(Array.from({ length: 150 }, (_, i) => tokens[i % 3]!.get('ctx', 3000, fetch, timeout)));
    expect(logins).toBe(1);
    expect(new Set(got.map((fetched) => fetched.token))).toEqual(new Set(['token-1']));
  });

  it('drops a token fleet-wide once after a 401, not its replacement', async () => {
    const [a, b] = (await replicas(2, 'invalidate')) as [SharedToken, SharedToken];
    let logins = 0;
    const fetch = async (): Promise<FetchedToken> => ({ token: `token-${++logins}`, refreshAtMs: Date.now() + 60_000 });
    expect((await a.get('ctx', 1000, fetch, timeout)).token).toBe('token-1');
    await a.invalidate('ctx', 'token-1');
    expect((await a.get('ctx', 1000, fetch, timeout)).token).toBe('token-2');
    // Replica b saw the same 401 on token-1 later: token-2 survives.
    await b.invalidate('ctx', 'token-1');
    expect((await b.get('ctx', 1000, fetch, timeout)).token).toBe('token-2');
    expect(logins).toBe(2);
  });

  it('logs in locally while Redis is unavailable', async () => {
    const link = new RedisLink({ url: 'redis://127.0.0.1:1', timeoutMs: 50, keyPrefix: 'down' });
    try {
      const shared = new SharedToken({ link, leaseMs: 2000, pollMs: 10 });
      let logins = 0;
      const fetched = await shared.get('ctx', 1000, async () => ({ token: `local-${++logins}`, refreshAtMs: Date.now() + 1000 }), timeout);
      expect(fetched.token).toBe('local-1');
    } finally {
      await link.close();
    }
  });
});
