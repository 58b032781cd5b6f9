// The fleet's one Redis connection, never a single point of failure: every operation is bounded
// by REDIS_TIMEOUT_MS and answers `undefined` instead of failing, so callers fall back to their
// in-process state. A slow or lost Redis flips the link to local mode once (one log line, one
// metric change); a background PING brings it back to shared mode when Redis answers again.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

// Loaded when a link is made (REDIS_URL set): a proxy without Redis never pays its import.
const load = createRequire(import.meta.url);

export interface RedisLinkOptions {
  url: string;
  /** Upper bound of any one Redis operation. */
  timeoutMs: number;
  /** Every key starts with it, so several deployments can share one Redis. */
  keyPrefix: string;
  /** How often a degraded link checks whether Redis is back. */
  recoveryIntervalMs?: number;
  /** Called on every change between shared and local mode, with the reason for going local. */
  onModeChange?: (mode: 'shared' | 'local', reason?: string) => void;
}

export type LinkMode = 'shared' | 'local';

export class RedisLink {
  readonly client: Redis;
  readonly #options: RedisLinkOptions;
  #mode: LinkMode = 'local';
  /** Set after a failed or slow operation; cleared by a successful PING. */
  #degraded = false;
  #recovery: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(options: RedisLinkOptions) {
    this.#options = options;
    const { Redis: RedisClient } = load('ioredis') as typeof import('ioredis');
    this.client = new RedisClient(options.url, {
      // Fail at once while disconnected instead of queueing commands behind a reconnect.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs,
      connectTimeout: Math.max(1000, options.timeoutMs),
      retryStrategy: (times) => Math.min(100 * times, 1000),
      lazyConnect: false,
    });
    // Connection errors are expected while Redis is down; the mode says what matters.
    this.client.on('error', () => {});
    this.client.on('ready', () => this.#update());
    this.client.on('close', () => this.#update('connection closed'));
  }

  get mode(): LinkMode {
    return this.#mode;
  }

  /** `prefix:part:part…` */
  key(...parts: string[]): string {
    return [this.#options.keyPrefix, ...parts].join(':');
  }

  /** Runs `op` against Redis within the timeout; `undefined` when Redis is unavailable, slow or failing. */
  async run<T>(op: (client: Redis) => Promise<T>): Promise<T | undefined> {
    if (this.#mode !== 'shared') return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), this.#options.timeoutMs);
    });
    try {
      const result = await Promise.race([op(this.client), late]);
      if (result === 'late') {
        this.#degrade(`no answer within ${this.#options.timeoutMs} ms`);
        return undefined;
      }
      return result;
    } catch (error) {
      this.#degrade((error as Error).message);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves once the link is shared (tests and start-up); false when `timeoutMs` passes first. */
  async whenShared(timeoutMs: number): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.#mode !== 'shared' && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
    return this.#mode === 'shared';
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#recovery);
    this.client.disconnect();
  }

  #degrade(reason: string): void {
    if (this.#degraded) return;
    this.#degraded = true;
    this.#update(reason);
    this.#recovery = setInterval(() => void this.#probe(), this.#options.recoveryIntervalMs ?? 1000);
    this.#recovery.unref();
  }

  async #probe(): Promise<void> {
    if (this.client.status !== 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), this.#options.timeoutMs);
        }),
      ]);
      if (answer !== 'PONG') return;
      this.#degraded = false;
      clearInterval(this.#recovery);
      this.#recovery = undefined;
      this.#update();
    } catch {
      // still down; the next interval tries again
    } finally {
      clearTimeout(timer);
    }
  }

  #update(reason?: string): void {
    if (this.#closed) return;
    const mode: LinkMode = this.client.status === 'ready' && !this.#degraded ? 'shared' : 'local';
    if (mode === this.#mode) return;
    this.#mode = mode;
    this.#options.onModeChange?.(mode, mode === 'local' ? (reason ?? 'not connected') : undefined);
  }
}
