// Per-key fixed-window request counter, the shape of Genesys' per-token limit
// (default 300 requests per minute; headers inin-ratelimit-count/allowed/reset).

/** Genesys' default per-token limit (the mock's default, and what its headers show when its limit is off). */
export const GENESYS_DEFAULT_RATE_LIMIT_PER_MIN = 300;

export interface RateLimitVerdict {
  allowed: boolean;
  /** Requests counted in the current window, this one included. */
  count: number;
  limit: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

export class RateLimiter {
  readonly #windows = new Map<string, { startMs: number; count: number }>();
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limit: number, windowMs = 60_000, now: () => number = Date.now) {
    this.#limit = limit;
    this.#windowMs = windowMs;
    this.#now = now;
  }

  /** Requests allowed per window. */
  get limit(): number {
    return this.#limit;
  }

  hit(key: string): RateLimitVerdict {
    const now = this.#now();
    let window = this.#windows.get(key);
    if (!window || now - window.startMs >= this.#windowMs) {
      if (this.#windows.size >= 10_000) this.#dropStale(now);
      window = { startMs: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startMs + this.#windowMs - now) / 1000));
    return { allowed: window.count <= this.#limit, count: window.count, limit: this.#limit, resetSeconds };
  }

  reset(): void {
    this.#windows.clear();
  }

  #dropStale(now: number): void {
    for (const [key, window] of this.#windows) if (now - window.startMs >= this.#windowMs) this.#windows.delete(key);
  }
}
