// The proxy's settings, read and validated once at start. Every error names the variable
// (ConfigError from common/env.ts), so a bad deployment fails fast with a one-line reason.
import {
  ConfigError,
  envEnum,
  envInt,
  envList,
  envLogLevel,
  envNumber,
  envOptionalString,
  envString,
  envUrl,
  type Env,
  type LogLevel,
} from '../common/env.js';

/** Genesys Cloud regions (GENESYS_ENVIRONMENT values); API host is api.{env}, login host login.{env}. */
export const GENESYS_ENVIRONMENTS = [
  'mypurecloud.com',
  'mypurecloud.ie',
  'mypurecloud.de',
  'mypurecloud.com.au',
  'mypurecloud.jp',
  'usw2.pure.cloud',
  'cac1.pure.cloud',
  'euw2.pure.cloud',
  'apne2.pure.cloud',
  'aps1.pure.cloud',
  'sae1.pure.cloud',
  'mec1.pure.cloud',
  'apne3.pure.cloud',
  'euc2.pure.cloud',
] as const;

/** Headers that must never be copied to Genesys: credentials, routing and hop-by-hop headers. */
export const UNFORWARDABLE_HEADERS = [
  'authorization',
  'x-api-key',
  'host',
  'cookie',
  'content-length',
  'content-type',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
] as const;

/** Largest MAX_PAGES allowed (the deadline and the byte budget bound a request anyway). */
export const MAX_PAGES_HARD_CAP = 100;

/**
 * Default cap of one upstream body: a 100-conversation page of the mock (IVR, queue, agent,
 * session metrics) is about 360 kB (≈3.6 kB per conversation); conversations with many
 * transfers, conferences and segments run several times larger, so 4 MiB leaves room for 100 of
 * them at ~40 kB each while bounding what one attempt can hold.
 */
export const DEFAULT_MAX_UPSTREAM_BODY_BYTES = 4 * 1024 * 1024;

/** Genesys refuses a conversation-details interval longer than 7 days when the query has no filters. */
export const MAX_INTERVAL_DAYS_WITHOUT_FILTERS = 7;

export interface RetryPolicy {
  /** Attempts per page, the first included (a 401's token refresh retry is extra). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound of one upstream attempt; the deadline may cut it shorter. */
  attemptTimeoutMs: number;
}

/** The proxy's own HTTP server: how long a caller may take, and how many sockets it may hold. */
export interface ServerLimits {
  /** Whole request (headers and body) received within this (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** Request headers received within this (Node's headersTimeout). */
  headersTimeoutMs: number;
  /** A socket silent this long before or while sending its request is closed. */
  idleTimeoutMs: number;
  /** Wait for the next request on a kept-alive socket. */
  keepAliveTimeoutMs: number;
  /** Open client sockets at most; at the cap the longest-idle socket makes room for a new one. */
  maxConnections: number;
}

export interface ProxyConfig {
  host: string;
  port: number;
  server: ServerLimits;
  logLevel: LogLevel;
  genesys: {
    clientId: string;
    clientSecret: string;
    environment: string;
    /** Base URL of API calls, e.g. https://api.mypurecloud.com (no trailing slash). */
    apiBaseUrl: URL;
    /** Base URL of the token endpoint, e.g. https://login.mypurecloud.com. */
    loginBaseUrl: URL;
    /** True when GENESYS_API_URL/GENESYS_LOGIN_URL replaced the environment's hosts. */
    hostsOverridden: boolean;
  };
  /**
   * Caller keys. An entry of PROXY_API_KEYS may be scoped to actions with `key:action1+action2`
   * (only those actions; `conversation-details` also allows /api/query); a bare key may call everything.
   */
  auth: { enabled: boolean; apiKeys: string[]; scopes: Array<readonly string[] | undefined> };
  actions: {
    /** The repository's actions/ and, when ACTIONS_DIR is set, the operator's folder. */
    extraDir: string | undefined;
    /** Memory the action cache may hold (an LRU by bytes of data). */
    cacheMaxBytes: number;
  };
  /** Lower-case request header names copied to every Genesys call. */
  forwardHeaders: string[];
  deadline: { defaultMs: number; maxMs: number };
  retry: RetryPolicy;
  retryBudget: { ratio: number; minRetries: number };
  breaker: { failureThreshold: number; cooldownMs: number };
  limits: {
    maxPages: number;
    maxPageSize: number;
    maxIntervalDays: number;
    maxIntervalDaysWithoutFilters: number;
    maxEnvelopeBytes: number;
    /** Largest upstream body (API or token answer) read; beyond it the attempt fails with response_too_large. */
    maxUpstreamBodyBytes: number;
  };
  tokenRefreshMarginSeconds: number;
  operations: OperationsConfig;
  /** Genesys' per-token requests per minute the proxy stays under; 0 turns pacing off. */
  rateLimitPerMinute: number;
  /** Shared state of a fleet of replicas; absent without REDIS_URL (everything in-process). */
  redis: { url: string; keyPrefix: string; timeoutMs: number } | undefined;
}

/** Logs, probes and build identity (issue 14). */
export interface OperationsConfig {
  /** One `info` line per request (ACCESS_LOG=on|off). */
  accessLog: boolean;
  /** GENESYS_CHECK_ON_START: log in once at start; `require` exits when that fails. */
  checkOnStart: 'false' | 'true' | 'require';
  /** How often the background check refreshes Genesys' status for /health/upstream (0 = never). */
  healthRefreshIntervalMs: number;
  /** Commit the image was built from (BUILD_COMMIT), else read from git at start, else undefined. */
  buildCommit: string | undefined;
}

const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

function loadEnvironment(env: Env): string {
  const environment = envString(env, 'GENESYS_ENVIRONMENT', 'mypurecloud.com').toLowerCase();
  if ((GENESYS_ENVIRONMENTS as readonly string[]).includes(environment)) return environment;
  if (/^https?:\/\//.test(environment) || environment.startsWith('api.') || environment.startsWith('login.')) {
    throw new ConfigError(
      `GENESYS_ENVIRONMENT=${JSON.stringify(environment)} must be a bare domain such as mypurecloud.com (no scheme, no api./login. prefix)`,
    );
  }
  if (!HOST_NAME.test(environment)) {
    throw new ConfigError(
      `GENESYS_ENVIRONMENT=${JSON.stringify(environment)} is neither a known region (${GENESYS_ENVIRONMENTS.join(', ')}) nor a host name`,
    );
  }
  return environment;
}

function loadForwardHeaders(env: Env): string[] {
  const names = envList(env, 'FORWARD_HEADERS').map((name) => name.toLowerCase());
  for (const name of names) {
    if (!HEADER_NAME.test(name)) throw new ConfigError(`FORWARD_HEADERS: ${JSON.stringify(name)} is not a valid header name`);
    if ((UNFORWARDABLE_HEADERS as readonly string[]).includes(name)) {
      throw new ConfigError(`FORWARD_HEADERS: ${name} cannot be forwarded (credentials, host and hop-by-hop headers are refused)`);
    }
  }
  return [...new Set(names)];
}

const ACTION_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function loadAuth(env: Env): ProxyConfig['auth'] {
  const enabled = envEnum(env, 'PROXY_AUTH', 'on', ['on', 'off'] as const) === 'on';
  const apiKeys: string[] = [];
  const scopes: Array<readonly string[] | undefined> = [];
  for (const entry of envList(env, 'PROXY_API_KEYS')) {
    if (/\s/.test(entry)) throw new ConfigError('PROXY_API_KEYS: a key contains whitespace');
    const colon = entry.lastIndexOf(':');
    if (colon === -1) {
      apiKeys.push(entry);
      scopes.push(undefined);
      continue;
    }
    const actions = entry.slice(colon + 1).split('+');
    const bad = actions.find((action) => !ACTION_NAME.test(action));
    if (colon === 0 || bad !== undefined) {
      throw new ConfigError(`PROXY_API_KEYS: a scoped entry must be key:action1+action2 with kebab-case action names${bad !== undefined ? ` (got ${JSON.stringify(bad.slice(0, 40))})` : ''}`);
    }
    apiKeys.push(entry.slice(0, colon));
    scopes.push([...new Set(actions)]);
  }
  if (enabled && apiKeys.length === 0) {
    throw new ConfigError('PROXY_API_KEYS is required (comma-separated caller keys) unless PROXY_AUTH=off');
  }
  return { enabled, apiKeys, scopes };
}

function loadRedis(env: Env): ProxyConfig['redis'] {
  const value = envOptionalString(env, 'REDIS_URL');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('REDIS_URL is not a URL (expected redis://host:6379 or rediss://host:6380)');
  }
  // The URL may carry a password: never echo it.
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError(`REDIS_URL must use redis:// or rediss:// (got ${url.protocol}//)`);
  const keyPrefix = envString(env, 'REDIS_KEY_PREFIX', 'genesys-proxy');
  if (!/^[A-Za-z0-9:_.-]{1,100}$/.test(keyPrefix)) throw new ConfigError(`REDIS_KEY_PREFIX=${JSON.stringify(keyPrefix)} may only hold letters, digits and : _ . - (at most 100)`);
  return { url: value, keyPrefix, timeoutMs: envInt(env, 'REDIS_TIMEOUT_MS', 50, { min: 5, max: 5000 }) };
}

function required(env: Env, name: string): string {
  const value = envOptionalString(env, name);
  if (value === undefined) throw new ConfigError(`${name} is required`);
  return value;
}

export function loadProxyConfig(env: Env = process.env): ProxyConfig {
  const environment = loadEnvironment(env);
  // Plain http is for the mock: loopback always, another host (a compose network) only when asked.
  const allowPlainHttp = envEnum(env, 'GENESYS_ALLOW_INSECURE_HTTP', 'false', ['true', 'false']) === 'true';
  const apiOverride = envUrl(env, 'GENESYS_API_URL', { allowPlainHttp });
  const loginOverride = envUrl(env, 'GENESYS_LOGIN_URL', { allowPlainHttp });
  // One override alone points both hosts there: the mock serves login and API on one port.
  const apiBaseUrl = apiOverride ?? loginOverride ?? new URL(`https://api.${environment}`);
  const loginBaseUrl = loginOverride ?? apiOverride ?? new URL(`https://login.${environment}`);

  const defaultDeadlineMs = envInt(env, 'DEFAULT_DEADLINE_MS', 8000, { min: 1000, max: 300_000 });
  const maxDeadlineMs = envInt(env, 'MAX_DEADLINE_MS', 55_000, { min: 1000, max: 300_000 });
  if (defaultDeadlineMs > maxDeadlineMs) {
    throw new ConfigError(`DEFAULT_DEADLINE_MS=${defaultDeadlineMs} exceeds MAX_DEADLINE_MS=${maxDeadlineMs}`);
  }
  const baseDelayMs = envInt(env, 'RETRY_BASE_DELAY_MS', 500, { min: 0, max: 60_000 });
  const maxDelayMs = envInt(env, 'RETRY_MAX_DELAY_MS', 4000, { min: 0, max: 120_000 });
  if (baseDelayMs > maxDelayMs) {
    throw new ConfigError(`RETRY_BASE_DELAY_MS=${baseDelayMs} exceeds RETRY_MAX_DELAY_MS=${maxDelayMs}`);
  }
  const maxIntervalDays = envInt(env, 'MAX_INTERVAL_DAYS', 31, { min: 1, max: 366 });

  const requestTimeoutMs = envInt(env, 'SERVER_REQUEST_TIMEOUT_MS', 15_000, { min: 1000, max: 600_000 });
  const headersTimeoutMs = envInt(env, 'SERVER_HEADERS_TIMEOUT_MS', 10_000, { min: 1000, max: 600_000 });
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError(`SERVER_HEADERS_TIMEOUT_MS=${headersTimeoutMs} exceeds SERVER_REQUEST_TIMEOUT_MS=${requestTimeoutMs}`);
  }

  return {
    host: envString(env, 'HOST', '0.0.0.0'),
    port: envInt(env, 'PORT', 3000, { min: 0, max: 65535 }),
    server: {
      requestTimeoutMs,
      headersTimeoutMs,
      idleTimeoutMs: envInt(env, 'SERVER_IDLE_TIMEOUT_MS', 5000, { min: 100, max: 600_000 }),
      keepAliveTimeoutMs: envInt(env, 'SERVER_KEEP_ALIVE_TIMEOUT_MS', 5000, { min: 100, max: 600_000 }),
      maxConnections: envInt(env, 'SERVER_MAX_CONNECTIONS', 1000, { min: 1, max: 1_000_000 }),
    },
    logLevel: envLogLevel(env),
    genesys: {
      clientId: required(env, 'GENESYS_CLIENT_ID'),
      clientSecret: required(env, 'GENESYS_CLIENT_SECRET'),
      environment,
      apiBaseUrl,
      loginBaseUrl,
      hostsOverridden: apiOverride !== undefined || loginOverride !== undefined,
    },
    auth: loadAuth(env),
    forwardHeaders: loadForwardHeaders(env),
    deadline: { defaultMs: defaultDeadlineMs, maxMs: maxDeadlineMs },
    retry: {
      maxAttempts: envInt(env, 'RETRY_MAX_ATTEMPTS', 4, { min: 1, max: 20 }),
      baseDelayMs,
      maxDelayMs,
      attemptTimeoutMs: envInt(env, 'ATTEMPT_TIMEOUT_MS', 4000, { min: 100, max: 300_000 }),
    },
    retryBudget: {
      ratio: envNumber(env, 'RETRY_BUDGET_RATIO', 0.2, { min: 0, max: 1 }),
      minRetries: envInt(env, 'RETRY_BUDGET_MIN_RETRIES', 10, { min: 0, max: 100_000 }),
    },
    breaker: {
      failureThreshold: envInt(env, 'BREAKER_FAILURE_THRESHOLD', 5, { min: 1, max: 10_000 }),
      cooldownMs: envInt(env, 'BREAKER_COOLDOWN_MS', 5000, { min: 10, max: 3_600_000 }),
    },
    limits: {
      maxPages: envInt(env, 'MAX_PAGES', 5, { min: 1, max: MAX_PAGES_HARD_CAP }),
      maxPageSize: envInt(env, 'MAX_PAGE_SIZE', 100, { min: 1, max: 1000 }),
      maxIntervalDays,
      maxIntervalDaysWithoutFilters: Math.min(MAX_INTERVAL_DAYS_WITHOUT_FILTERS, maxIntervalDays),
      maxEnvelopeBytes: envInt(env, 'MAX_ENVELOPE_BYTES', 60_000, { min: 2000, max: 10_000_000 }),
      maxUpstreamBodyBytes: envInt(env, 'MAX_UPSTREAM_BODY_BYTES', DEFAULT_MAX_UPSTREAM_BODY_BYTES, { min: 1024, max: 1024 * 1024 * 1024 }),
    },
    tokenRefreshMarginSeconds: envInt(env, 'TOKEN_REFRESH_MARGIN_S', 60, { min: 0, max: 86_400 }),
    actions: {
      extraDir: envOptionalString(env, 'ACTIONS_DIR'),
      cacheMaxBytes: envInt(env, 'ACTION_CACHE_MAX_BYTES', 32 * 1024 * 1024, { min: 0, max: 4 * 1024 * 1024 * 1024 }),
    },
    operations: loadOperations(env),
    rateLimitPerMinute: envInt(env, 'GENESYS_RATE_LIMIT_PER_MIN', 300, { min: 0, max: 1_000_000 }),
    redis: loadRedis(env),
  };
}

function loadOperations(env: Env): OperationsConfig {
  const buildCommit = envOptionalString(env, 'BUILD_COMMIT');
  if (buildCommit !== undefined && !/^[0-9a-zA-Z._-]{1,64}$/.test(buildCommit)) {
    throw new ConfigError('BUILD_COMMIT must be a commit id (letters, digits, dot, dash, underscore; at most 64)');
  }
  const healthRefreshIntervalMs = envInt(env, 'HEALTH_REFRESH_INTERVAL_MS', 30_000, { min: 0, max: 3_600_000 });
  // A short interval would turn the background check into a login storm against a failing client.
  if (healthRefreshIntervalMs > 0 && healthRefreshIntervalMs < 1000) {
    throw new ConfigError(`HEALTH_REFRESH_INTERVAL_MS=${healthRefreshIntervalMs} must be 0 (off) or at least 1000`);
  }
  return {
    accessLog: envEnum(env, 'ACCESS_LOG', 'on', ['on', 'off'] as const) === 'on',
    checkOnStart: envEnum(env, 'GENESYS_CHECK_ON_START', 'false', ['false', 'true', 'require'] as const),
    healthRefreshIntervalMs,
    buildCommit,
  };
}
