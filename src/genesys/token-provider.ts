// Client-credentials tokens per upstream context: cached until shortly before expiry and
// fetched once for any number of waiters (single flight). Fetching is the SDK's login
// (sdk-login.ts), whose typed answer carries the token and its expiry.
import { AttemptFailedError, type AttemptFailure } from '../retry/outcome.js';
import { sdkLogin, type Login, type LoginOptions } from './sdk-login.js';

/** Token lifetime used when the token endpoint omits expires_in (Genesys' minimum is 5 min). */
const FALLBACK_TOKEN_LIFETIME_S = 300;

export interface TokenProviderOptions extends LoginOptions {
  refreshMarginSeconds: number;
  now?: () => number;
  /** Called once per token fetch with 'ok' (undefined) or the failure. */
  onFetch?: (failure: AttemptFailure | undefined) => void;
  /** Called with every token obtained (the secret registry scrubs it from anything sent or logged). */
  onToken?: (token: string) => void;
  /** Replaces the SDK login (tests). */
  login?: Login;
}

export class TokenProvider {
  readonly #options: TokenProviderOptions;
  readonly #login: Login;
  readonly #now: () => number;
  #cached: { token: string; refreshAtMs: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(options: TokenProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#login = options.login ?? sdkLogin(options);
  }

  /** The cached token if still fresh, else undefined. */
  get #cachedToken(): string | undefined {
    const cached = this.#cached;
    return cached !== undefined && this.#now() < cached.refreshAtMs ? cached.token : undefined;
  }

  /**
   * A valid token: cached, or from the one fetch in flight, or from a new fetch bounded by
   * `timeoutMs`. Rejects with AttemptFailedError (source 'login') on any failure, or when this
   * caller's `timeoutMs` runs out while it waits for someone else's fetch.
   */
  getToken(timeoutMs: number): Promise<string> {
    const cached = this.#cachedToken;
    if (cached !== undefined) return Promise.resolve(cached);
    this.#inFlight ??= this.#fetch(timeoutMs).finally(() => {
      this.#inFlight = undefined;
    });
    return withTimeout(this.#inFlight, timeoutMs);
  }

  /** Drops `token` after a 401, unless a newer token has replaced it already. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  async #fetch(timeoutMs: number): Promise<string> {
    let answer;
    try {
      answer = await this.#login(timeoutMs);
    } catch (error) {
      if (error instanceof AttemptFailedError) this.#options.onFetch?.(error.failure);
      throw error;
    }
    const { accessToken } = answer;
    this.#options.onToken?.(accessToken);
    // tokenExpiryTime is Date.now()-based (the SDK sets it from expires_in); NaN when absent.
    const reported = (answer.tokenExpiryTime - Date.now()) / 1000;
    const lifetimeSeconds = Number.isFinite(reported) && reported > 0 ? Math.round(reported) : FALLBACK_TOKEN_LIFETIME_S;
    // Short-lived tokens (tests, mocks) are still cached for half their life.
    const usableSeconds = Math.max(lifetimeSeconds - this.#options.refreshMarginSeconds, lifetimeSeconds / 2);
    this.#cached = { token: accessToken, refreshAtMs: this.#now() + usableSeconds * 1000 };
    this.#options.onFetch?.(undefined);
    return accessToken;
  }
}

function withTimeout(promise: Promise<string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new AttemptFailedError({ kind: 'network', source: 'login', fault: 'upstream_timeout', detail: `no token within ${timeoutMs} ms` }));
    }, Math.max(1, timeoutMs));
    promise.then(
      (token) => {
        clearTimeout(timer);
        resolve(token);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error as Error);
      },
    );
  });
}
