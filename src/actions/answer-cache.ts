// Coalescing and caching of flow-action answers. Identical concurrent calls (same action, input
// and upstream context) share one upstream call; a good answer is served from memory for the
// action's ttl; when the upstream call fails, the last good answer is served within the action's
// stale_if_error window (RFC 5861's idea) with `stale: true` and the error fields. Memory is
// bounded by an LRU with a byte cap (lru-cache). Writes never come here.
import { LRUCache } from 'lru-cache';
import type { Envelope } from '../envelope.js';
import type { SharedCache } from '../fleet/shared-cache.js';

export interface CachePolicy {
  ttlMs: number;
  staleIfErrorMs: number;
  coalesce: boolean;
}

interface Stored {
  envelope: Envelope;
  fetchedAtMs: number;
}

interface Shared {
  promise: Promise<Envelope>;
  /** Callers still waiting; the shared work stops when the last one leaves. */
  waiters: number;
  controller: AbortController;
}

/** Failures a stale answer may stand in for: Genesys down, throttled or unreachable (not a 4xx about the input). */
export function staleMayServe(envelope: Envelope): boolean {
  if (envelope.success || envelope.fallback_type === 'invalid_request' || envelope.error_code === 'outcome_unknown') return false;
  return envelope.fallback_type === 'network_error' || envelope.status_code >= 500 || envelope.status_code === 429;
}

/** The stale answer: the last good data, and the error fields of what failed now. */
export function staleEnvelope(stored: Stored, failed: Envelope, nowMs: number): Envelope {
  const envelope: Envelope = { ...stored.envelope, cache: 'stale', stale: true, age_ms: Math.round(nowMs - stored.fetchedAtMs), attempts: failed.attempts, elapsed_ms: failed.elapsed_ms, correlation_id: failed.correlation_id };
  if (failed.error_code !== undefined) envelope.error_code = failed.error_code;
  if (failed.genesys_code !== undefined) envelope.genesys_code = failed.genesys_code;
  envelope.message = `stale answer from ${envelope.age_ms} ms ago: ${failed.message ?? failed.error_code ?? 'Genesys failed'}`;
  return envelope;
}

export interface ActionCacheOptions {
  maxBytes: number;
  now?: () => number;
  /** The fleet's cache in Redis (REDIS_URL): answers fetched by any replica. */
  shared?: SharedCache | undefined;
}

export class ActionCache {
  readonly #stored: LRUCache<string, Stored>;
  readonly #shared = new Map<string, Shared>();
  readonly #now: () => number;
  readonly #fleet: SharedCache | undefined;

  constructor(options: ActionCacheOptions) {
    this.#now = options.now ?? Date.now;
    this.#fleet = options.shared;
    this.#stored = new LRUCache<string, Stored>({
      maxSize: options.maxBytes,
      sizeCalculation: (stored) => Math.max(1, JSON.stringify(stored.envelope.data).length + 200),
    });
  }

  /** Entries held (diagnostics, tests). */
  get size(): number {
    return this.#stored.size;
  }

  /**
   * The answer for `key`: from memory within the ttl, else shared with an identical call in
   * flight, else from `fetch` (given a signal that aborts once every waiting caller has left).
   */
  async serve(key: string, policy: CachePolicy, callerSignal: AbortSignal, fetch: (signal: AbortSignal) => Promise<Envelope>): Promise<Envelope> {
    const stored = this.#stored.get(key) ?? (policy.ttlMs > 0 ? await this.#fromFleet(key, policy) : undefined);
    if (stored !== undefined && policy.ttlMs > 0) {
      const ageMs = this.#now() - stored.fetchedAtMs;
      if (ageMs < policy.ttlMs) return { ...stored.envelope, cache: 'hit', age_ms: Math.round(ageMs), attempts: 0, elapsed_ms: 0 };
    }
    const joined = policy.coalesce ? this.#shared.get(key) : undefined;
    const shared = joined ?? this.#start(key, policy, fetch);
    shared.waiters++;
    const leave = (): void => {
      if (--shared.waiters === 0) shared.controller.abort(new Error('every caller of this shared call has left'));
    };
    callerSignal.addEventListener('abort', leave, { once: true });
    try {
      const envelope = await shared.promise;
      return joined !== undefined && envelope.cache === 'miss' ? { ...envelope, cache: 'coalesced' } : envelope;
    } finally {
      callerSignal.removeEventListener('abort', leave);
    }
  }

  /** Another replica's answer from Redis, kept locally for what is left of its life. */
  async #fromFleet(key: string, policy: CachePolicy): Promise<Stored | undefined> {
    const entry = await this.#fleet?.get<Envelope>(key);
    if (entry === undefined || entry === null) return undefined;
    const leftMs = Math.max(policy.ttlMs, policy.staleIfErrorMs) - (this.#now() - entry.storedAtMs);
    if (leftMs <= 0) return undefined;
    const stored: Stored = { envelope: entry.value, fetchedAtMs: entry.storedAtMs };
    this.#stored.set(key, stored, { ttl: leftMs });
    return stored;
  }

  #start(key: string, policy: CachePolicy, fetch: (signal: AbortSignal) => Promise<Envelope>): Shared {
    const controller = new AbortController();
    const shared: Shared = { waiters: 0, controller, promise: Promise.resolve(undefined as unknown as Envelope) };
    shared.promise = fetch(controller.signal)
      .then(async (envelope) => {
        const now = this.#now();
        if (envelope.success) {
          const keepMs = Math.max(policy.ttlMs, policy.staleIfErrorMs);
          if (keepMs > 0) {
            this.#stored.set(key, { envelope, fetchedAtMs: now }, { ttl: keepMs });
            void this.#fleet?.set(key, { value: envelope, storedAtMs: now }, keepMs);
          }
          return { ...envelope, cache: 'miss' as const };
        }
        const last = this.#stored.get(key) ?? (staleMayServe(envelope) ? await this.#fromFleet(key, policy) : undefined);
        if (last !== undefined && staleMayServe(envelope) && now - last.fetchedAtMs <= policy.staleIfErrorMs) return staleEnvelope(last, envelope, now);
        return { ...envelope, cache: 'miss' as const };
      })
      .finally(() => {
        if (this.#shared.get(key) === shared) this.#shared.delete(key);
      });
    if (policy.coalesce) this.#shared.set(key, shared);
    return shared;
  }
}

/** A stable key: action, upstream context and the input with its keys sorted. */
export function cacheKey(action: string, contextKey: string, input: Record<string, unknown>): string {
  const sorted = Object.fromEntries(Object.entries(input).sort(([a], [b]) => (a < b ? -1 : 1)));
  return `${action}\u0000${contextKey}\u0000${JSON.stringify(sorted)}`;
}
