// Client-credentials tokens through the official SDK (loginClientCredentialsGrant), one isolated
// SDK client per upstream context. The SDK's HTTP goes through our undici client so token calls
// carry FORWARD_HEADERS, obey the caller's deadline and fail as typed AttemptFailures.
// Tokens are cached until shortly before expiry and fetched once for any number of waiters.
import platformClient from 'purecloud-platform-client-v2';
import { AttemptFailedError, type AttemptFailure } from '../retry/outcome.js';
import { classifyAnswer, type Upstream } from './upstream.js';

// --- the slice of the SDK used here (its .d.ts does not export these classes) ---------------

interface SdkRequestOptions {
  url: string;
  method: string;
  headers?: Record<string, string>;
  data?: unknown;
}

interface SdkApiClient {
  config: {
    live_reload_config: boolean;
    setConfigPath(path: string): void;
    logger: { log_level: string; log_to_console: boolean; log_file_path?: string; setLogger(): void };
  };
  setGateway(gateway: { host: string; protocol: string; port: number; path_params_login?: string; path_params_api?: string }): void;
  setEnvironment(environment: string): void;
  setHttpClient(client: object): void;
  loginClientCredentialsGrant(clientId: string, clientSecret: string): Promise<unknown>;
}

interface SdkAbstractHttpClient {
  timeout: number;
}

const sdk = platformClient as unknown as {
  ApiClient: { constructor: new () => SdkApiClient };
  AbstractHttpClient: new () => SdkAbstractHttpClient;
};

/** Token lifetime used when the token endpoint omits expires_in (Genesys' minimum is 5 min). */
const FALLBACK_TOKEN_LIFETIME_S = 300;

/** The SDK's HTTP client replaced by one over our undici login pool. */
class SdkHttpClient extends sdk.AbstractHttpClient {
  /** Bound of the next call; set by the TokenProvider before each login (single flight). */
  callTimeoutMs = 4000;
  /** expires_in of the last successful token answer. */
  lastExpiresInSeconds = FALLBACK_TOKEN_LIFETIME_S;

  constructor(
    private readonly upstream: Upstream,
    private readonly forwardedHeaders: Record<string, string>,
  ) {
    super();
  }

  enableHooks(): void {}

  async request(options: SdkRequestOptions): Promise<{ status: number; headers: unknown; data: Record<string, unknown> }> {
    const url = new URL(options.url);
    const answer = await this.upstream.send({
      source: 'login',
      method: options.method === 'GET' ? 'GET' : 'POST',
      path: url.pathname + url.search,
      headers: {
        ...this.forwardedHeaders,
        ...options.headers,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      ...(typeof options.data === 'string' ? { body: options.data } : {}),
      timeoutMs: this.callTimeoutMs,
    });
    const classified = classifyAnswer('login', answer);
    if (!classified.ok) throw new AttemptFailedError(classified.failure);
    const json = classified.json;
    if (typeof json.access_token !== 'string' || json.access_token === '') {
      throw new AttemptFailedError({ kind: 'network', source: 'login', fault: 'malformed_response', detail: 'token answer without access_token', status: answer.status });
    }
    this.lastExpiresInSeconds = typeof json.expires_in === 'number' && json.expires_in > 0 ? json.expires_in : FALLBACK_TOKEN_LIFETIME_S;
    return { status: answer.status, headers: answer.headers, data: json };
  }
}

export interface TokenProviderOptions {
  clientId: string;
  clientSecret: string;
  environment: string;
  /** Set when GENESYS_LOGIN_URL/GENESYS_API_URL replaced the environment's login host. */
  loginOverride: URL | undefined;
  refreshMarginSeconds: number;
  upstream: Upstream;
  /** Header values of this upstream context, sent on every token call. */
  forwardedHeaders: Record<string, string>;
  now?: () => number;
  /** Called once per token fetch with 'ok' or the failure. */
  onFetch?: (failure: AttemptFailure | undefined) => void;
  /** Called with every token obtained, so it can be scrubbed from anything sent to callers. */
  onToken?: (token: string) => void;
}

export class TokenProvider {
  readonly #options: TokenProviderOptions;
  readonly #client: SdkApiClient;
  readonly #http: SdkHttpClient;
  readonly #now: () => number;
  #cached: { token: string; refreshAtMs: number } | undefined;
  #inFlight: Promise<string> | undefined;

  constructor(options: TokenProviderOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#client = new sdk.ApiClient.constructor();
    // No config file watching and no SDK logging: its logger would print the Basic header.
    this.#client.config.live_reload_config = false;
    this.#client.config.setConfigPath('');
    const logger = this.#client.config.logger;
    logger.log_level = 'none';
    logger.log_to_console = false;
    delete logger.log_file_path;
    logger.setLogger();
    // The SDK only supplies the path of its token call: SdkHttpClient sends it through our login
    // pool, which decides host and scheme. setGateway/setEnvironment just keep the SDK's own
    // configuration consistent with where the calls really go.
    const override = options.loginOverride;
    if (override !== undefined) {
      this.#client.setGateway({
        host: override.hostname,
        protocol: override.protocol.replace(':', ''),
        port: override.port === '' ? -1 : Number(override.port),
      });
    } else {
      this.#client.setEnvironment(options.environment);
    }
    this.#http = new SdkHttpClient(options.upstream, options.forwardedHeaders);
    this.#client.setHttpClient(this.#http);
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
    if (this.#inFlight === undefined) {
      this.#http.callTimeoutMs = timeoutMs;
      this.#inFlight = this.#fetch().finally(() => {
        this.#inFlight = undefined;
      });
    }
    return withTimeout(this.#inFlight, timeoutMs);
  }

  /** Drops `token` after a 401, unless a newer token has replaced it already. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = undefined;
  }

  async #fetch(): Promise<string> {
    try {
      await this.#client.loginClientCredentialsGrant(this.#options.clientId, this.#options.clientSecret);
    } catch (error) {
      if (error instanceof AttemptFailedError) this.#options.onFetch?.(error.failure);
      throw error;
    }
    const token = (this.#client as unknown as { authData: { accessToken: string } }).authData.accessToken;
    this.#options.onToken?.(token);
    const lifetimeSeconds = this.#http.lastExpiresInSeconds;
    // Short-lived tokens (tests, mocks) are still cached for half their life.
    const usableSeconds = Math.max(lifetimeSeconds - this.#options.refreshMarginSeconds, lifetimeSeconds / 2);
    this.#cached = { token, refreshAtMs: this.#now() + usableSeconds * 1000 };
    this.#options.onFetch?.(undefined);
    return token;
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
        reject(error);
      },
    );
  });
}
