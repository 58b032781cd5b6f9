// Probes that cannot empty the fleet: readiness ignores Genesys (it waits for the warm-up only), /health/upstream reports it,
// and no probe makes the proxy call Genesys (only the background check does, once per interval).
import { readFile } from 'node:fs/promises';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadProxyConfig } from '../../src/config.js';
import { registerHealthRoutes } from '../../src/http/health-routes.js';
import { buildProxyServer } from '../../src/server.js';
import { startBackgroundCheck, UpstreamHealth, verdict } from '../../src/health/upstream-health.js';
import { conversations, genesysError, oauthError, token } from './support/fake-genesys.js';
import { proxyPerTest } from './support/per-test.js';
import type { RunningProxy } from './support/proxy.js';

// A long interval: within a test only explicit checks run.
const setup = proxyPerTest({ HEALTH_REFRESH_INTERVAL_MS: '600000' });

// Registered after proxyPerTest's, so it runs before the servers close (after-hooks run in reverse).
afterEach(() => {
  vi.useRealTimers();
});

const get = async (proxy: RunningProxy, url: string) => {
  const response = await proxy.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() as Record<string, any> };
};

const probes = ['/healthz', '/readyz', '/health/upstream'];

describe('health endpoints', () => {
  it('stay 200 with the breaker open and the token endpoint refusing, and /health/upstream says why', async () => {
    const { proxy } = await setup({ token: [genesysError(503, 'service.unavailable')] }, { BREAKER_FAILURE_THRESHOLD: '2', RETRY_MAX_ATTEMPTS: '2' });
    const { envelope } = await proxy.query();
    expect(envelope.action).toBe('route_to_fallback');

    const ready = await get(proxy, '/readyz');
    expect(ready).toEqual({ status: 200, body: { status: 'ready', genesys: { status: 'unhealthy', reason: expect.stringContaining('circuit breaker open') }, fleet: { redis: 'off' } } });
    expect((await get(proxy, '/healthz')).status).toBe(200);

    const upstream = await get(proxy, '/health/upstream');
    expect(upstream.status).toBe(200);
    expect(upstream.body).toMatchObject({
      status: 'unhealthy',
      breaker: { state: 'open', open_contexts: 1 },
      token: { state: 'failing', last_result: '503' },
      last_answer: { source: 'login', outcome: '503' },
    });
    expect(upstream.body.reason).toContain('token endpoint: answered 503');
  });

  it('101 calls to every probe while login fails make no login; the background check makes one per run', async () => {
    const { genesys, proxy } = await setup({ token: [oauthError(401, 'invalid_client')] });
    expect(await proxy.app.checkGenesys()).toBe('token endpoint answered 401');
    for (let i = 0; i < 101; i++) {
      for (const url of probes) expect((await get(proxy, url)).status).toBe(200);
    }
    expect(genesys.tokenCalls()).toHaveLength(1);
    const upstream = await get(proxy, '/health/upstream');
    expect(upstream.body).toMatchObject({ status: 'unhealthy', token: { state: 'failing', last_result: '401' }, check: { interval_ms: 600000, last_at: expect.any(String) } });
  });

  it('reports unknown before any call, then ok after a successful query, without calling Genesys itself', async () => {
    const { genesys, proxy } = await setup({ token: [token()], query: [conversations(['a'])] });
    expect((await get(proxy, '/health/upstream')).body).toMatchObject({ status: 'unknown', token: { state: 'none' }, breaker: { state: 'closed' } });
    expect(genesys.calls).toHaveLength(0);
    await proxy.query();
    expect((await get(proxy, '/health/upstream')).body).toMatchObject({ status: 'ok', token: { state: 'ok' }, last_answer: { source: 'api', outcome: '200' } });
    expect((await get(proxy, '/readyz')).body).toEqual({ status: 'ready', genesys: { status: 'ok' }, fleet: { redis: 'off' } });
    expect((await get(proxy, '/health/upstream')).body).toMatchObject({ fleet: { redis: 'off' }, pacing: { limit_per_min: 300 } });
  });

  it('readiness is 503 until the proxy has warmed up, and once shutdown has begun', async () => {
    const { proxy } = await setup({});
    const { gateway, metrics, upstreamHealth, build } = proxy.app;
    const readiness = async (state: { closing: boolean; warm: boolean }) => {
      const app = Fastify();
      registerHealthRoutes(app, { gateway, metrics, health: upstreamHealth, build, isClosing: () => state.closing, isWarm: () => state.warm });
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      await app.close();
      return [response.statusCode, response.json().status];
    };
    expect(await readiness({ closing: false, warm: false })).toEqual([503, 'warming_up']);
    expect(await readiness({ closing: false, warm: true })).toEqual([200, 'ready']);
    expect(await readiness({ closing: true, warm: true })).toEqual([503, 'shutting_down']);
  });

  it('a listening proxy is not ready until its warm-up has run', async () => {
    const config = loadProxyConfig({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', GENESYS_API_URL: 'http://127.0.0.1:9', PROXY_API_KEYS: 'test-key-0123456789' });
    const app = await buildProxyServer(config, { logStream: new Writable({ write: (_chunk, _encoding, callback) => callback() }) });
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const readyz = async () => {
        const response = await fetch(`${url}/readyz`);
        return [response.status, ((await response.json()) as { status: string }).status];
      };
      expect(await readyz()).toEqual([503, 'warming_up']);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      await app.warmUp();
      expect(await readyz()).toEqual([200, 'ready']);
    } finally {
      await app.close();
    }
  });
});

describe('GET /version', () => {
  it('answers the package version and BUILD_COMMIT', async () => {
    const { proxy } = await setup({}, { BUILD_COMMIT: '0123abc' });
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(await get(proxy, '/version')).toEqual({ status: 200, body: { version, commit: '0123abc' } });
  });

  it('falls back to the checkout commit from git', async () => {
    const { proxy } = await setup({});
    expect((await get(proxy, '/version')).body.commit).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe('the background check', () => {
  it('runs once per interval however many probes are read in between, and never twice at once', async () => {
    vi.useFakeTimers();
    const health = new UpstreamHealth(1000, () => Date.now());
    let attempts = 0;
    let release: (() => void) | undefined;
    const stop = startBackgroundCheck(1000, async () => {
      attempts++;
      health.recordTokenFetch('401');
      if (attempts === 3) await new Promise<void>((resolve) => (release = resolve));
    });
    const breaker = { state: 'closed' as const, retryInMs: 0, openContexts: 0 };
    for (let interval = 1; interval <= 3; interval++) {
      for (let i = 0; i < 101; i++) health.snapshot(breaker);
      await vi.advanceTimersByTimeAsync(1000);
      expect(attempts).toBe(interval);
    }
    // The third check hangs: later ticks skip rather than pile up.
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(3);
    release!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toBe(4);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(attempts).toBe(4);
  });

  it('is off with an interval of 0', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    startBackgroundCheck(0, async () => void attempts++)();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts).toBe(0);
  });
});

describe('the verdict', () => {
  const closed = { state: 'closed' as const, retryInMs: 0, openContexts: 0 };
  it.each([
    ['nothing seen yet', closed, undefined, undefined, 'unknown'],
    ['a token and a 200', closed, 'ok', { source: 'api' as const, outcome: '200' }, 'ok'],
    ['a 404 (Genesys answered)', closed, 'ok', { source: 'api' as const, outcome: '404' }, 'ok'],
    ['a 429', closed, 'ok', { source: 'api' as const, outcome: '429' }, 'degraded'],
    ['a reset', closed, 'ok', { source: 'api' as const, outcome: 'connection_reset' }, 'degraded'],
    ['a refused login', closed, '401', { source: 'login' as const, outcome: '401' }, 'unhealthy'],
    ['an open breaker', { state: 'open' as const, retryInMs: 2500, openContexts: 1 }, 'ok', { source: 'api' as const, outcome: '503' }, 'unhealthy'],
  ])('%s → %s', (_name, breaker, tokenResult, answer, expected) => {
    expect(verdict(breaker, tokenResult, answer).status).toBe(expected);
  });
});
