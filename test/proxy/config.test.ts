import { describe, expect, it } from 'vitest';
import { loadProxyConfig } from '../../src/config.js';
import { ConfigError } from '../../common/env.js';

const minimal = { GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'k1,k2' };

describe('loadProxyConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadProxyConfig(minimal);
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 3000,
      logLevel: 'info',
      auth: { enabled: true, apiKeys: ['k1', 'k2'] },
      forwardHeaders: [],
      deadline: { defaultMs: 8000, maxMs: 55_000 },
      retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000, attemptTimeoutMs: 4000 },
      retryBudget: { ratio: 0.2, minRetries: 10 },
      breaker: { failureThreshold: 5, cooldownMs: 5000 },
      limits: { maxPages: 5, maxPageSize: 100, maxIntervalDays: 31, maxIntervalDaysWithoutFilters: 7, maxEnvelopeBytes: 60_000 },
      tokenRefreshMarginSeconds: 60,
    });
    expect(config.genesys.apiBaseUrl.href).toBe('https://api.mypurecloud.com/');
    expect(config.genesys.loginBaseUrl.href).toBe('https://login.mypurecloud.com/');
  });

  it('points both hosts at one override (the mock serves login and API)', () => {
    const config = loadProxyConfig({ ...minimal, GENESYS_API_URL: 'http://127.0.0.1:4010' });
    expect(config.genesys.loginBaseUrl.href).toBe('http://127.0.0.1:4010/');
    expect(config.genesys.hostsOverridden).toBe(true);
  });

  it('accepts a custom environment that looks like a host name', () => {
    expect(loadProxyConfig({ ...minimal, GENESYS_ENVIRONMENT: 'inindca.com' }).genesys.apiBaseUrl.href).toBe('https://api.inindca.com/');
  });

  it.each([
    [{ GENESYS_CLIENT_ID: undefined }, 'GENESYS_CLIENT_ID is required'],
    [{ GENESYS_CLIENT_SECRET: ' ' }, 'GENESYS_CLIENT_SECRET is required'],
    [{ PROXY_API_KEYS: undefined }, 'PROXY_API_KEYS is required'],
    [{ PROXY_AUTH: 'maybe' }, 'PROXY_AUTH'],
    [{ GENESYS_ENVIRONMENT: 'https://api.mypurecloud.com' }, 'GENESYS_ENVIRONMENT'],
    [{ GENESYS_ENVIRONMENT: 'not a host' }, 'GENESYS_ENVIRONMENT'],
    [{ GENESYS_API_URL: 'http://genesys.example.com' }, 'GENESYS_API_URL'],
    [{ FORWARD_HEADERS: 'x-mock-scenario,authorization' }, 'FORWARD_HEADERS: authorization cannot be forwarded'],
    [{ FORWARD_HEADERS: 'connection' }, 'FORWARD_HEADERS: connection'],
    [{ FORWARD_HEADERS: 'bad header' }, 'FORWARD_HEADERS'],
    [{ DEFAULT_DEADLINE_MS: '60000' }, 'DEFAULT_DEADLINE_MS=60000 exceeds MAX_DEADLINE_MS=55000'],
    [{ RETRY_BASE_DELAY_MS: '5000' }, 'RETRY_BASE_DELAY_MS=5000 exceeds RETRY_MAX_DELAY_MS=4000'],
    [{ RETRY_BUDGET_RATIO: '2' }, 'RETRY_BUDGET_RATIO'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ MAX_ENVELOPE_BYTES: '10' }, 'MAX_ENVELOPE_BYTES'],
  ])('rejects %j naming the variable', (overrides, message) => {
    expect(() => loadProxyConfig({ ...minimal, ...overrides })).toThrowError(ConfigError);
    expect(() => loadProxyConfig({ ...minimal, ...overrides })).toThrowError(message);
  });

  it('needs no keys with PROXY_AUTH=off and lower-cases forwarded header names', () => {
    const config = loadProxyConfig({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 's', PROXY_AUTH: 'off', FORWARD_HEADERS: 'X-Mock-Scenario, x-mock-session' });
    expect(config.auth.enabled).toBe(false);
    expect(config.forwardHeaders).toEqual(['x-mock-scenario', 'x-mock-session']);
  });
});
