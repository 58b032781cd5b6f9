// The start-up line: the effective configuration with secrets left out, so an operator sees
// which Genesys region, client and limits are in force without reading the deployment.
import type { ProxyConfig } from './config.js';
import type { BuildInfo } from './version.js';

/** Enough of a client id to tell two clients apart, not enough to use it. */
export function redactClientId(clientId: string): string {
  if (clientId.length <= 8) return `[redacted, ${clientId.length} chars]`;
  return `${clientId.slice(0, 4)}…[redacted, ${clientId.length} chars]`;
}

/** Everything that changes behaviour, secrets excluded (no secret, no caller key, only counts). */
export function effectiveConfig(config: ProxyConfig, build: BuildInfo): Record<string, unknown> {
  const { genesys, operations } = config;
  return {
    version: build.version,
    commit: build.commit,
    listen: `${config.host}:${config.port}`,
    log_level: config.logLevel,
    genesys: {
      environment: genesys.environment,
      api_url: genesys.apiBaseUrl.origin,
      login_url: genesys.loginBaseUrl.origin,
      client_id: redactClientId(genesys.clientId),
    },
    caller_auth: config.auth.enabled ? `on (${config.auth.apiKeys.length} key${config.auth.apiKeys.length === 1 ? '' : 's'})` : 'off',
    forward_headers: config.forwardHeaders,
    deadline_ms: { default: config.deadline.defaultMs, max: config.deadline.maxMs },
    retry: {
      max_attempts: config.retry.maxAttempts,
      base_delay_ms: config.retry.baseDelayMs,
      max_delay_ms: config.retry.maxDelayMs,
      attempt_timeout_ms: config.retry.attemptTimeoutMs,
    },
    retry_budget: { ratio: config.retryBudget.ratio, min_retries: config.retryBudget.minRetries },
    breaker: { failure_threshold: config.breaker.failureThreshold, cooldown_ms: config.breaker.cooldownMs },
    limits: {
      max_pages: config.limits.maxPages,
      max_page_size: config.limits.maxPageSize,
      max_interval_days: config.limits.maxIntervalDays,
      max_envelope_bytes: config.limits.maxEnvelopeBytes,
    },
    token_refresh_margin_s: config.tokenRefreshMarginSeconds,
    access_log: operations.accessLog ? 'on' : 'off',
    genesys_check_on_start: operations.checkOnStart,
    health_refresh_interval_ms: operations.healthRefreshIntervalMs,
  };
}
