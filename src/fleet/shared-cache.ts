// The flow-action cache shared by the fleet: a good answer fetched by one replica serves the
// others within its TTL, and as a stale answer within stale-if-error. Entries expire in Redis
// by themselves at the end of the stale window. Coalescing stays per replica.
import type { RedisLink } from './redis-link.js';

export interface CachedAnswer<T> {
  value: T;
  /** When it was fetched (Date.now() time). */
  storedAtMs: number;
}

export class SharedCache {
  constructor(private readonly link: RedisLink) {}

  /** The entry, null when there is none, undefined when Redis cannot say (use the local cache). */
  async get<T>(key: string): Promise<CachedAnswer<T> | null | undefined> {
    const text = await this.link.run((client) => client.get(this.link.key('cache', key)));
    if (text === undefined) return undefined;
    if (text === null) return null;
    try {
      return JSON.parse(text) as CachedAnswer<T>;
    } catch {
      return null; // written by another version: ignore it
    }
  }

  /** Keeps `entry` until `keepMs` from now (TTL plus the stale-if-error window). */
  async set<T>(key: string, entry: CachedAnswer<T>, keepMs: number): Promise<void> {
    if (keepMs <= 0) return;
    await this.link.run((client) => client.set(this.link.key('cache', key), JSON.stringify(entry), 'PX', Math.ceil(keepMs)));
  }
}
