// Client-credentials tokens per upstream context: cached until shortly before expiry and
// fetched once for any number of waiters (single flight). Fetching is the SDK's login
// (sdk-login.ts), whose typed answer carries the token and its expiry.
import { AttemptFailedError, type AttemptFailure } from '../retry/outcome.js';
import type { FetchedToken, SharedToken } from '../fleet/shared-token.js';
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
  /** Fleet mode: the token is shared through Redis under this context key. */
  shared?: { token: SharedToken; context: string };
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
    const shared = this.#options.shared;
    if (shared !== undefined) void shared.token.invalidate(shared.context, token);
  }

  async #fetch(timeoutMs: number): Promise<string> {
    const shared = this.#options.shared;
    const fetched =
      shared === undefined
        ? await this.#loginOnce(timeoutMs)
        : await shared.token.get(shared.context, timeoutMs, (leftMs) => this.#loginOnce(leftMs), () => loginTimeout(timeoutMs));
    // A token another replica fetched is used here too: scrub it like our own.
    if (shared !== undefined) this.#options.onToken?.(fetched.token);
    this.#cached = fetched;
    return fetched.token;
  }

  /** One login through the SDK: the token and when to stop using it. */
  async #loginOnce(timeoutMs: number): Promise<FetchedToken> {
    let answer;
    try {
      answer = await this.#login(timeoutMs);
    } catch (error) {
      if (error instanceof AttemptFailedError) this.#options.onFetch?.(error.failure);
      throw error;
    }
    const { accessToken } = answer;
    if (this.#options.shared === undefined) this.#options.onToken?.(accessToken);
    // tokenExpiryTime is Date.now()-based (the SDK sets it from expires_in); NaN when absent.
    const reported = (answer.tokenExpiryTime - Date.now()) / 1000;
    const lifetimeSeconds = Number.isFinite(reported) && reported > 0 ? Math.round(reported) : FALLBACK_TOKEN_LIFETIME_S;
    // Short-lived tokens (tests, mocks) are still cached for half their life.
    const usableSeconds = Math.max(lifetimeSeconds - this.#options.refreshMarginSeconds, lifetimeSeconds / 2);
    this.#options.onFetch?.(undefined);
    return { token: accessToken, refreshAtMs: this.#now() + usableSeconds * 1000 };
  }
}

function loginTimeout(timeoutMs: number): AttemptFailedError {
  return new AttemptFailedError({ kind: 'network', source: 'login', fault: 'upstream_timeout', detail: `no token within ${timeoutMs} ms` });
}

function withTimeout(promise: Promise<string>, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(loginTimeout(timeoutMs)), Math.max(1, timeoutMs));
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
