// Proactive pacing of Genesys' per-token rate limit (300 requests per minute by default): a call
// takes a slot before it goes out, and a call that cannot get one within its deadline is answered
// `wait_and_retry` without calling Genesys. Slots are a sliding log of send times — in Redis for
// the fleet, in memory for one process or while Redis is away. A sliding log never lets through
// more than the limit in ANY window of its length, so it stays under Genesys' fixed windows
// whatever their alignment (a fixed-window limiter of our own, such as rate-limiter-flexible's,
// can pass twice the limit across a boundary that is not Genesys'). The log's window is one
// second longer than Genesys' to absorb the network time between our send and Genesys' count.
import type { RedisLink } from './redis-link.js';

export interface PacerOptions {
  /** Requests per window per upstream context (GENESYS_RATE_LIMIT_PER_MIN). */
  limit: number;
  /** Genesys' window plus the margin above. */
  windowMs: number;
  link?: RedisLink | undefined;
  now?: () => number;
}

/** Either go now, or the time until the oldest call in the window leaves it. */
export type SlotVerdict = { granted: true } | { granted: false; waitMs: number };

/**
 * The pure rule of a sliding log: grant when fewer than `limit` sends fall in (now - window, now],
 * else say how long until the oldest one leaves the window.
 */
export function slidingLogVerdict(sendTimesMs: readonly number[], nowMs: number, limit: number, windowMs: number): SlotVerdict {
  const inWindow = sendTimesMs.filter((time) => time > nowMs - windowMs);
  if (inWindow.length < limit) return { granted: true };
  // Sends are logged in time order: the slot frees when the limit-th newest one leaves.
  const oldest = inWindow[inWindow.length - limit]!;
  return { granted: false, waitMs: Math.max(1, oldest + windowMs - nowMs) };
}

// KEYS[1] log; ARGV: limit, windowMs, member. Uses the Redis server's clock so replicas' clocks
// do not matter. Returns 0 when granted, else the milliseconds until a slot frees.
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export class GenesysPacer {
  readonly #options: PacerOptions;
  readonly #now: () => number;
  /** In-process logs per context: the whole state without Redis, the fallback with it. */
  readonly #local = new Map<string, number[]>();
  /** Allowances learned from inin-ratelimit-allowed, per context. */
  readonly #learned = new Map<string, number>();
  #sequence = 0;

  constructor(options: PacerOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  limitFor(context: string): number {
    return this.#learned.get(context) ?? this.#options.limit;
  }

  /** Takes a slot for one call of `context` now, or says how long until one frees. */
  async takeSlot(context: string): Promise<SlotVerdict> {
    const limit = this.limitFor(context);
    const link = this.#options.link;
    if (link !== undefined) {
      const member = `${process.pid}-${++this.#sequence}-${Math.random().toString(36).slice(2, 8)}`;
      const waitMs = await link.run((client) => client.eval(TAKE_SLOT, 1, link.key('pace', context), limit, this.#options.windowMs, member) as Promise<number>);
      if (waitMs !== undefined) return waitMs === 0 ? { granted: true } : { granted: false, waitMs: Number(waitMs) };
    }
    return this.#takeLocalSlot(context, limit);
  }

  /**
   * Waits for a slot while that still leaves `minAttemptMs` before `deadlineAt` (performance.now()
   * time); otherwise says how many seconds the caller should wait (the envelope's retry_after).
   */
  async acquire(
    context: string,
    deadlineAt: number,
    minAttemptMs: number,
    sleep: (ms: number) => Promise<void>,
    clock: () => number = () => performance.now(),
  ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
    for (;;) {
      const verdict = await this.takeSlot(context);
      if (verdict.granted) return { ok: true };
      if (clock() + verdict.waitMs + minAttemptMs > deadlineAt) return { ok: false, retryAfterSeconds: Math.ceil(verdict.waitMs / 1000) };
      await sleep(verdict.waitMs);
    }
  }

  /** Learns the real allowance from an answer's inin-ratelimit-allowed header. */
  observe(context: string, allowedHeader: string | undefined): void {
    const allowed = Number(allowedHeader);
    if (!Number.isSafeInteger(allowed) || allowed <= 0) return;
    if (allowed === this.#options.limit) this.#learned.delete(context);
    else this.#learned.set(context, allowed);
  }

  /** Forgets a context dropped by the gateway. */
  forget(context: string): void {
    this.#local.delete(context);
    this.#learned.delete(context);
  }

  /** How many slots this process's own log holds now (health detail). */
  localCount(context: string): number {
    const now = this.#now();
    return (this.#local.get(context) ?? []).filter((time) => time > now - this.#options.windowMs).length;
  }

  #takeLocalSlot(context: string, limit: number): SlotVerdict {
    const now = this.#now();
    const log = (this.#local.get(context) ?? []).filter((time) => time > now - this.#options.windowMs);
    const verdict = slidingLogVerdict(log, now, limit, this.#options.windowMs);
    if (verdict.granted) log.push(now);
    this.#local.set(context, log);
    return verdict;
  }
}
