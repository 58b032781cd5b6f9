// The proxy's state shared by a fleet of replicas through Redis (REDIS_URL), per upstream
// context: token, rate pacing, retry budget, breaker and action cache. Each piece falls back to
// the replica's own in-process state whenever Redis is slow or away (RedisLink answers
// `undefined`), so Redis can delay nothing past a deadline and fail nothing.
import { RetryBudget, type RetryAdmission } from '../retry/budget.js';
import { CircuitBreaker, type AttemptGate, type AttemptHealth, type BreakerState, type CircuitBreakerOptions } from '../retry/circuit-breaker.js';
import type { ContextPacer } from '../engine/call.js';
import type { Clock } from '../engine/clock.js';
import { GenesysPacer } from './pacer.js';
import { RedisLink, type LinkMode } from './redis-link.js';
import { SharedRetryBudget } from './shared-budget.js';
import { SharedBreakerState } from './shared-breaker.js';
import { SharedCache } from './shared-cache.js';
import { SharedToken } from './shared-token.js';

/** Genesys counts per minute; the extra second absorbs the time between our send and its count. */
export const PACING_WINDOW_MS = 61_000;
/** Window of the fleet's retry budget (requests and retries started). */
const BUDGET_WINDOW_SECONDS = 10;
/** A healthy answer resets the fleet's failure count at most this often per context. */
const SUCCESS_REPORT_INTERVAL_MS = 250;
/** While another replica holds the fleet's probe, look again after this long. */
const PROBE_RECHECK_MS = 250;

export interface FleetOptions {
  redisUrl: string;
  keyPrefix: string;
  timeoutMs: number;
  breaker: CircuitBreakerOptions;
  retryBudget: { ratio: number; minRetries: number };
  /** Called when the link changes between shared and local mode. */
  onModeChange?: (mode: LinkMode, reason?: string) => void;
}

export class Fleet {
  readonly link: RedisLink;
  readonly token: SharedToken;
  readonly budget: SharedRetryBudget;
  readonly breakerState: SharedBreakerState;
  readonly cache: SharedCache;
  /** Local breakers by context, so an opening announced by another replica reaches them. */
  readonly #breakers = new Map<string, FleetBreaker>();

  constructor(options: FleetOptions) {
    this.link = new RedisLink({
      url: options.redisUrl,
      timeoutMs: options.timeoutMs,
      keyPrefix: options.keyPrefix,
      ...(options.onModeChange !== undefined ? { onModeChange: options.onModeChange } : {}),
    });
    // The lease bounds one login; waiters look for its token every 25 ms.
    this.token = new SharedToken({ link: this.link, leaseMs: 10_000, pollMs: 25 });
    this.budget = new SharedRetryBudget({ link: this.link, ...options.retryBudget, windowSeconds: BUDGET_WINDOW_SECONDS });
    this.breakerState = new SharedBreakerState({
      link: this.link,
      ...options.breaker,
      onOpened: (context, remainingMs) => this.#breakers.get(context)?.openFor(remainingMs),
    });
    this.cache = new SharedCache(this.link);
    void this.breakerState.listen();
  }

  get mode(): LinkMode {
    return this.link.mode;
  }

  /** A breaker for `context` whose failures and openings are the fleet's. */
  breaker(context: string, options: CircuitBreakerOptions, now: () => number, onStateChange: (state: BreakerState) => void): AttemptGate {
    const breaker = new FleetBreaker(options, now, onStateChange, this.breakerState, context);
    this.#breakers.set(context, breaker);
    return breaker;
  }

  /** Forgets a context dropped by the gateway. */
  forget(context: string): void {
    this.#breakers.delete(context);
  }

  budgetFor(context: string, local: RetryBudget): RetryAdmission {
    return new FleetBudget(local, this.budget, context);
  }

  async close(): Promise<void> {
    await this.breakerState.close();
    await this.link.close();
  }
}

/**
 * The local breaker, fed by the fleet: its failures count fleet-wide and any replica can open it.
 * After a failure of its own, a replica asks Redis whether the fleet's circuit opened before each
 * attempt (until its cool-down passes), so it does not add calls in the moment before the
 * announcement reaches it; a healthy replica never waits on Redis.
 */
class FleetBreaker implements AttemptGate {
  readonly #local: CircuitBreaker;
  #lastSuccessReportMs = 0;
  #suspectUntilMs = 0;
  /** This replica's attempt is the fleet's probe. */
  #holdsProbe = false;

  constructor(
    readonly options: CircuitBreakerOptions,
    private readonly now: () => number,
    onStateChange: (state: BreakerState) => void,
    private readonly shared: SharedBreakerState,
    private readonly context: string,
  ) {
    this.#local = new CircuitBreaker(options, now, onStateChange);
  }

  get state(): BreakerState {
    return this.#local.state;
  }

  get retryInMs(): number {
    return this.#local.retryInMs;
  }

  openFor(remainingMs: number): void {
    this.#local.openFor(remainingMs);
  }

  async tryAcquire(): Promise<boolean> {
    const halfOpen = this.#local.state === 'half_open';
    if (!this.#local.tryAcquire()) return false;
    if (!halfOpen && this.now() >= this.#suspectUntilMs) return true;
    const openForMs = await this.shared.openForMs(this.context);
    if (openForMs !== undefined && openForMs > 0) {
      this.#local.release();
      this.#local.openFor(openForMs);
      return false;
    }
    if (!halfOpen) return true;
    // After a cool-down, one probe for the whole fleet, not one per replica.
    const won = await this.shared.claimProbe(this.context, this.options.cooldownMs);
    if (won === false) {
      this.#local.release();
      this.#local.openFor(PROBE_RECHECK_MS);
      return false;
    }
    this.#holdsProbe = won === true;
    return true;
  }

  record(health: AttemptHealth): void {
    this.#local.record(health);
    if (this.#holdsProbe) {
      this.#holdsProbe = false;
      void (health === 'failed' ? this.shared.probeFailed(this.context) : this.shared.probeSucceeded(this.context));
      if (health === 'failed') this.#suspectUntilMs = this.now() + this.options.cooldownMs;
      return;
    }
    if (health === 'failed') {
      this.#suspectUntilMs = this.now() + this.options.cooldownMs;
      void this.shared.recordFailure(this.context).then((openForMs) => {
        if (openForMs !== undefined && openForMs > 0 && this.#local.state === 'closed') this.#local.openFor(openForMs);
      });
      return;
    }
    const now = this.now();
    if (now - this.#lastSuccessReportMs < SUCCESS_REPORT_INTERVAL_MS) return;
    this.#lastSuccessReportMs = now;
    void this.shared.recordSuccess(this.context);
  }

  release(): void {
    this.#local.release();
    if (this.#holdsProbe) {
      this.#holdsProbe = false;
      void this.shared.releaseProbe(this.context);
    }
  }
}

/** The fleet's retry budget, or the replica's own while Redis cannot answer. */
class FleetBudget implements RetryAdmission {
  constructor(
    private readonly local: RetryBudget,
    private readonly shared: SharedRetryBudget,
    private readonly context: string,
  ) {}

  startRequest(): () => void {
    void this.shared.countRequest(this.context);
    return this.local.startRequest();
  }

  async tryStartRetry(): Promise<(() => void) | undefined> {
    const admitted = await this.shared.tryRetry(this.context);
    if (admitted === undefined) return this.local.tryStartRetry();
    if (!admitted) return undefined;
    // Counted in Redis already; the local count keeps the in-flight figure true for metrics.
    return this.local.countRetry();
  }
}

/** Binds the pacer to one context and the engine's clock. */
export function contextPacer(pacer: GenesysPacer, context: string, clock: Clock, onPaced: () => void): ContextPacer {
  return {
    acquire: async (deadlineAt, minAttemptMs, signal) => {
      const slot = await pacer.acquire(context, deadlineAt, minAttemptMs, (ms) => clock.sleep(ms, signal), () => clock.now());
      if (!slot.ok) onPaced();
      return slot;
    },
    observe: (allowed) => pacer.observe(context, allowed),
  };
}
