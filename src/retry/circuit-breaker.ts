// Circuit breaker as a small state machine with an injected clock: after N consecutive failed
// attempts (5xx/network) calls fail fast for a cooldown, then one probe decides whether to close.

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failed attempts that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe is let through. */
  cooldownMs: number;
}

/** Whether an attempt's result counts against Genesys' health (not 429/4xx: Genesys answered). */
export type AttemptHealth = 'healthy' | 'failed';

/** What the retry loop needs of a breaker: this in-process one, or the fleet's (which may ask Redis). */
export interface AttemptGate {
  tryAcquire(): boolean | Promise<boolean>;
  record(health: AttemptHealth): void;
  release(): void;
  readonly state: BreakerState;
  readonly retryInMs: number;
}

export class CircuitBreaker implements AttemptGate {
  #state: BreakerState = 'closed';
  #consecutiveFailures = 0;
  #openedAtMs = 0;
  #probeInFlight = false;

  constructor(
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number = Date.now,
    private readonly onStateChange: (state: BreakerState) => void = () => {},
  ) {}

  /** The state as of now (an open circuit past its cooldown reads as half_open). */
  get state(): BreakerState {
    if (this.#state === 'open' && this.now() - this.#openedAtMs >= this.options.cooldownMs) return 'half_open';
    return this.#state;
  }

  /** Milliseconds until an open circuit lets a probe through (0 when not open). */
  get retryInMs(): number {
    if (this.#state !== 'open') return 0;
    return Math.max(0, this.#openedAtMs + this.options.cooldownMs - this.now());
  }

  /**
   * Asks to make one attempt. True when closed, or for the single probe of a half-open circuit;
   * every admitted attempt must end with exactly one `record`, or one `release` when it never ran.
   */
  tryAcquire(): boolean {
    if (this.#state === 'open') {
      if (this.now() - this.#openedAtMs < this.options.cooldownMs) return false;
      this.#transition('half_open');
    }
    if (this.#state === 'half_open') {
      if (this.#probeInFlight) return false;
      this.#probeInFlight = true;
    }
    return true;
  }

  record(health: AttemptHealth): void {
    if (this.#state === 'half_open') {
      this.#probeInFlight = false;
      if (health === 'healthy') {
        this.#consecutiveFailures = 0;
        this.#transition('closed');
      } else {
        this.#open();
      }
      return;
    }
    if (health === 'healthy') {
      this.#consecutiveFailures = 0;
      return;
    }
    this.#consecutiveFailures++;
    if (this.#state === 'closed' && this.#consecutiveFailures >= this.options.failureThreshold) this.#open();
  }

  /** Opens the circuit for `remainingMs` because another replica opened it (fleet mode). */
  openFor(remainingMs: number): void {
    this.#probeInFlight = false;
    this.#openedAtMs = this.now() - Math.max(0, this.options.cooldownMs - remainingMs);
    this.#transition('open');
  }

  /** Gives back a probe whose attempt never ran (e.g. the request ran out of time first). */
  release(): void {
    if (this.#state === 'half_open') this.#probeInFlight = false;
  }

  #open(): void {
    this.#openedAtMs = this.now();
    this.#transition('open');
  }

  #transition(state: BreakerState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.onStateChange(state);
  }
}
