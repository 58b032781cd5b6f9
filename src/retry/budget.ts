// Retry budget (Envoy-style): retries in flight may not exceed a fraction of the requests in
// flight, with a floor, so a Genesys outage cannot multiply the proxy's load by RETRY_MAX_ATTEMPTS.

export interface RetryBudgetOptions {
  /** Retries in flight allowed per request in flight (0.2 = 20 %). */
  ratio: number;
  /** Retries in flight always allowed, whatever the ratio gives. */
  minRetries: number;
}

/** Pure admission rule. */
export function retryAllowed(retriesInFlight: number, requestsInFlight: number, options: RetryBudgetOptions): boolean {
  return retriesInFlight < Math.max(options.minRetries, options.ratio * requestsInFlight);
}

/** What the retry loop needs of a budget: the in-process one, or the fleet's (which asks Redis). */
export interface RetryAdmission {
  startRequest(): () => void;
  tryStartRetry(): (() => void) | undefined | Promise<(() => void) | undefined>;
}

export class RetryBudget implements RetryAdmission {
  #requestsInFlight = 0;
  #retriesInFlight = 0;

  constructor(private readonly options: RetryBudgetOptions) {}

  get requestsInFlight(): number {
    return this.#requestsInFlight;
  }

  get retriesInFlight(): number {
    return this.#retriesInFlight;
  }

  /** Counts a request for the ratio; call the returned function exactly once when it ends. */
  startRequest(): () => void {
    this.#requestsInFlight++;
    return releaseOnce(() => this.#requestsInFlight--);
  }

  /** Admits a retry (its wait and its attempt), or returns undefined when the budget is spent. */
  tryStartRetry(): (() => void) | undefined {
    if (!retryAllowed(this.#retriesInFlight, this.#requestsInFlight, this.options)) return undefined;
    return this.countRetry();
  }

  /** Counts a retry another authority (the fleet's budget) admitted. */
  countRetry(): () => void {
    this.#retriesInFlight++;
    return releaseOnce(() => this.#retriesInFlight--);
  }
}

/** Wraps `release` so that calling the result again does nothing. */
function releaseOnce(release: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}
