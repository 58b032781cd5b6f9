// The pure parts of the limits: their configuration and the Retry-After cap.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_UPSTREAM_BODY_BYTES, loadProxyConfig } from '../../src/config.js';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfter } from '../../src/retry/decide.js';

const required = { GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret-value', PROXY_API_KEYS: 'key' };

describe('limit settings', () => {
  it('has documented defaults', () => {
    const config = loadProxyConfig(required);
    expect(config.limits.maxUpstreamBodyBytes).toBe(DEFAULT_MAX_UPSTREAM_BODY_BYTES);
    expect(config.server).toEqual({ requestTimeoutMs: 15_000, headersTimeoutMs: 10_000, idleTimeoutMs: 5000, keepAliveTimeoutMs: 5000, maxConnections: 1000 });
  });

  it.each([
    [{ MAX_UPSTREAM_BODY_BYTES: '10' }, 'MAX_UPSTREAM_BODY_BYTES=10 is out of range'],
    [{ SERVER_IDLE_TIMEOUT_MS: 'soon' }, 'SERVER_IDLE_TIMEOUT_MS="soon" is not a whole number'],
    [{ SERVER_MAX_CONNECTIONS: '0' }, 'SERVER_MAX_CONNECTIONS=0 is out of range'],
    [{ SERVER_HEADERS_TIMEOUT_MS: '20000', SERVER_REQUEST_TIMEOUT_MS: '15000' }, 'SERVER_HEADERS_TIMEOUT_MS=20000 exceeds SERVER_REQUEST_TIMEOUT_MS=15000'],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadProxyConfig({ ...required, ...env })).toThrow(message);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-01T00:00:00Z');
  it('keeps values up to an hour and treats larger ones as absent', () => {
    expect(parseRetryAfter(String(MAX_RETRY_AFTER_SECONDS), now)).toBe(3600);
    expect(parseRetryAfter('3601', now)).toBeUndefined();
    expect(parseRetryAfter('100000000000000000000', now)).toBeUndefined();
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBeUndefined();
    expect(parseRetryAfter(new Date(now + 3600_000).toUTCString(), now)).toBe(3600);
  });
});
