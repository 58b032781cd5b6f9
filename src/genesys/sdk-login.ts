// The official SDK's client-credentials login behind one narrow function:
// `login(timeoutMs)` → the SDK's typed AuthData (`accessToken`, `tokenExpiryTime`). The SDK only
// builds the token request; its HTTP goes through our undici login pool (so token calls carry
// FORWARD_HEADERS, obey the caller's time and fail as typed AttemptFailures). The SDK takes about
// a second to import, so it is loaded on first use or by the server's warm-up after listening
// (server.ts), not on the start-up path of the first answer (in a fleet it loads before
// listening: server.ts says why).
import type platformClient from 'purecloud-platform-client-v2';
import { AttemptFailedError } from '../retry/outcome.js';
import { classifyAnswer, type Upstream } from './upstream.js';

export interface LoginOptions {
  clientId: string;
  clientSecret: string;
  environment: string;
  /** Set when GENESYS_LOGIN_URL/GENESYS_API_URL replaced the environment's login host. */
  loginOverride: URL | undefined;
  upstream: Upstream;
  /** Header values of this upstream context, sent on every token call. */
  forwardedHeaders: Record<string, string>;
}

type ApiClientClass = typeof platformClient.ApiClient;
type AuthData = Awaited<ReturnType<ApiClientClass['loginClientCredentialsGrant']>>;

/** One token fetch, bounded by `timeoutMs`; rejects with AttemptFailedError (source 'login'). */
export type Login = (timeoutMs: number) => Promise<Pick<AuthData, 'accessToken' | 'tokenExpiryTime'>>;

/** The SDK's request options as its login passes them (HttpRequestOptions). */
interface SdkRequest {
  url: string;
  method: string;
  headers?: Record<string, string>;
  data?: unknown;
}

interface SdkModule {
  ApiClient: { constructor: new () => ApiClientClass };
  AbstractHttpClient: new () => object;
}

let sdkModule: Promise<SdkModule> | undefined;

/** Imports the SDK once per process (about a second); later calls share the promise. */
export function loadSdk(): Promise<SdkModule> {
  sdkModule ??= import('purecloud-platform-client-v2').then((module) => module.default as unknown as SdkModule);
  return sdkModule;
}

export function sdkLogin(options: LoginOptions): Login {
  let client: Promise<ApiClientClass> | undefined;
  return async (timeoutMs) => {
    const sdk = await loadSdk();
    client ??= Promise.resolve(newClient(sdk, options));
    const api = await client;
    // One HTTP client per call: its bound and headers are this call's own, nothing shared is set.
    api.setHttpClient(new (loginHttpClientClass(sdk))(options, timeoutMs) as never);
    const authData = await api.loginClientCredentialsGrant(options.clientId, options.clientSecret);
    return { accessToken: authData.accessToken, tokenExpiryTime: authData.tokenExpiryTime };
  };
}

function newClient(sdk: SdkModule, options: LoginOptions): ApiClientClass {
  const client = new sdk.ApiClient.constructor();
  // No config file watching and no SDK logging: its logger would print the Basic header.
  client.config.live_reload_config = false;
  client.config.setConfigPath('');
  const logger = client.config.logger;
  logger.log_level = 'none';
  logger.log_to_console = false;
  logger.setLogger();
  // The SDK only supplies the path of its token call; the login pool decides host and scheme.
  const override = options.loginOverride;
  if (override !== undefined) {
    client.setGateway({ host: override.hostname, protocol: override.protocol.replace(':', ''), port: override.port === '' ? -1 : Number(override.port) });
  } else {
    client.setEnvironment(options.environment);
  }
  return client;
}

type LoginHttpClientClass = new (options: LoginOptions, timeoutMs: number) => object;
let loginHttpClient: LoginHttpClientClass | undefined;

/** The SDK checks `instanceof AbstractHttpClient`, so the class extends the loaded SDK's own. */
function loginHttpClientClass(sdk: SdkModule): LoginHttpClientClass {
  loginHttpClient ??= class LoginHttpClient extends sdk.AbstractHttpClient {
    constructor(
      private readonly options: LoginOptions,
      private readonly timeoutMs: number,
    ) {
      super();
    }

    enableHooks(): void {}

    async request(request: SdkRequest): Promise<{ status: number; headers: unknown; data: Record<string, unknown> }> {
      const url = new URL(request.url);
      const answer = await this.options.upstream.send({
        source: 'login',
        method: 'POST',
        path: url.pathname + url.search,
        headers: { ...this.options.forwardedHeaders, ...request.headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        ...(typeof request.data === 'string' ? { body: request.data } : {}),
        timeoutMs: this.timeoutMs,
      });
      const classified = classifyAnswer('login', answer);
      if (!classified.ok) throw new AttemptFailedError(classified.failure);
      if (typeof classified.json.access_token !== 'string' || classified.json.access_token === '') {
        throw new AttemptFailedError({ kind: 'network', source: 'login', fault: 'malformed_response', detail: 'token answer without access_token', status: answer.status });
      }
      return { status: answer.status, headers: answer.headers, data: classified.json };
    }
  };
  return loginHttpClient;
}
