// One client-credentials token for the whole fleet, per upstream context: replicas read it from
// Redis; on a cold start or expiry one replica logs in under a lease while the others wait for
// what it publishes; a 401 drops the token fleet-wide once (compare-and-delete, so the replicas
// that see the same 401 later do not drop its replacement). Without Redis, `fetch` runs locally.
import { randomUUID } from 'node:crypto';
import type { RedisLink } from './redis-link.js';

export interface FetchedToken {
  token: string;
  /** When to stop using it (Date.now() time): expiry minus the refresh margin. */
  refreshAtMs: number;
}

export interface SharedTokenOptions {
  link: RedisLink;
  /** How long one replica may hold the login lease (a login bounded by this). */
  leaseMs: number;
  /** How often waiters look for the token another replica is fetching. */
  pollMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

// KEYS[1] key; ARGV[1] expected value. Deletes only if the key still holds it.
const DELETE_IF_EQUAL = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export class SharedToken {
  readonly #options: SharedTokenOptions;
  readonly #now: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #owner = randomUUID();

  constructor(options: SharedTokenOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /**
   * The fleet's token for `context`, within `timeoutMs`: the shared one, or the one this replica
   * fetches under the lease, or the one another replica publishes while this one waits. Falls
   * back to `fetch` whenever Redis is unavailable. Rejects with `fetch`'s error, or with
   * `onTimeout()` when the wait for another replica's login runs past `timeoutMs`.
   */
  async get(context: string, timeoutMs: number, fetch: (timeoutMs: number) => Promise<FetchedToken>, onTimeout: () => Error): Promise<FetchedToken> {
    const { link } = this.#options;
    const tokenKey = link.key('token', context);
    const leaseKey = link.key('token-lease', context);
    const until = this.#now() + timeoutMs;
    for (;;) {
      const left = until - this.#now();
      if (left <= 0) throw onTimeout();
      const current = await this.#read(tokenKey);
      if (current === undefined) return fetch(left);
      if (current !== null) return current;

      const won = await link.run((client) => client.set(leaseKey, this.#owner, 'PX', this.#options.leaseMs, 'NX'));
      if (won === undefined) return fetch(left);
      if (won === 'OK') {
        try {
          // The previous holder may have published between our read and our lease.
          const published = await this.#read(tokenKey);
          if (published === undefined) return await fetch(left);
          if (published !== null) return published;
          const fetched = await fetch(Math.min(left, this.#options.leaseMs));
          const keepMs = fetched.refreshAtMs - this.#now();
          if (keepMs > 0) await link.run((client) => client.set(tokenKey, fetched.token, 'PX', Math.ceil(keepMs)));
          return fetched;
        } finally {
          await link.run((client) => client.eval(DELETE_IF_EQUAL, 1, leaseKey, this.#owner) as Promise<number>);
        }
      }
      await this.#sleep(Math.min(this.#options.pollMs, Math.max(1, until - this.#now())));
    }
  }

  /** The shared token while fresh; null when there is none; undefined when Redis cannot say. */
  async #read(tokenKey: string): Promise<FetchedToken | null | undefined> {
    const answer = await this.#options.link.run((client) => client.multi().get(tokenKey).pttl(tokenKey).exec());
    if (answer === undefined || answer === null) return undefined;
    const token = answer[0]?.[1];
    const ttlMs = Number(answer[1]?.[1]);
    return typeof token === 'string' && ttlMs > 0 ? { token, refreshAtMs: this.#now() + ttlMs } : null;
  }

  /** Drops `token` fleet-wide after a 401, unless a newer token already replaced it. */
  async invalidate(context: string, token: string): Promise<void> {
    const { link } = this.#options;
    await link.run((client) => client.eval(DELETE_IF_EQUAL, 1, link.key('token', context), token) as Promise<number>);
  }
}
