// Every fault class on a real socket: a scripted fake Genesys behind the real proxy. Timing is
// asserted with the proxy's own account (elapsed_ms against deadline_ms) and by counting calls,
// attempts and retries; the exact waits are the engine's, tested on fake time in test/engine/.
import { describe, expect, it, vi } from 'vitest';
import { closeMidBody, conversations, genesysError, hang, invalidJson, oauthError, pages, rateLimited, reset, startFakeGenesys, token } from './support/fake-genesys.js';
import { counted, proxyPerTest } from './support/per-test.js';
import { startProxy } from './support/proxy.js';

const setup = proxyPerTest();

describe('rate limiting (429)', () => {
  it('waits Retry-After: 1 and then returns the data', async () => {
    const { proxy } = await setup({ query: [rateLimited(1), conversations(['a'])] });
    const { status, envelope } = await proxy.query();
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ success: true, action: 'process_data', attempts: 2, record_count: 1 });
    expect(await counted(proxy.app.metrics.retries, { reason: 'rate_limited' })).toBe(1);
    expect(envelope.elapsed_ms).toBeGreaterThanOrEqual(1000);
  });

  it('answers wait_and_retry at once when Retry-After: 30 does not fit an 8 s deadline', async () => {
    const { proxy } = await setup({ query: [rateLimited(30)] });
    const { envelope } = await proxy.query({ deadline_ms: 8000 });
    expect(envelope).toMatchObject({
      success: false,
      status_code: 429,
      fallback_type: 'api_failure',
      action: 'wait_and_retry',
      error_code: 'rate_limited',
      genesys_code: 'too.many.requests.retry.after',
      retry_after: 30,
      attempts: 1,
      correlation_id: 'ctx-429',
    });
    // At once: no retry was started, so nothing was waited for.
    expect(await counted(proxy.app.metrics.retries)).toBe(0);
  });
});

describe('server errors', () => {
  it('routes to fallback after the attempts on a persistent 503, within the deadline', async () => {
    const { proxy } = await setup({ query: [genesysError(503, 'service.unavailable')] });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({
      success: false,
      status_code: 503,
      fallback_type: 'api_failure',
      action: 'route_to_fallback',
      error_code: 'upstream_unavailable',
      genesys_code: 'service.unavailable',
      attempts: 4,
    });
    expect(envelope.raw_response).toContain('service.unavailable');
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(3000);
  });

  it.each([
    [500, 'upstream_error'],
    [502, 'upstream_unavailable'],
    [504, 'gateway_timeout'],
  ])('retries %i and recovers when the next attempt succeeds', async (status) => {
    const { proxy } = await setup({ query: [genesysError(status, 'x'), conversations(['a'])] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: true, attempts: 2 });
  });

  it('keeps the whole retry loop inside a long Retry-After deadline budget', async () => {
    const { genesys, proxy } = await setup({ query: [genesysError(503, 'service.unavailable', { 'retry-after': '1' })] }, { RETRY_MAX_ATTEMPTS: '10' });
    const { envelope } = await proxy.query({ deadline_ms: 2800 });
    expect(envelope).toMatchObject({ action: 'route_to_fallback', error_code: 'upstream_unavailable' });
    // Attempts at ~0, ~1000 and ~2000 ms: a fourth (~3000 ms) never fits before 2800 ms, the
    // deadline and not RETRY_MAX_ATTEMPTS ends the loop. The third fits unless event-loop lag,
    // which the deadline takes off, eats the 800 ms left after it on a busy machine.
    expect(envelope.attempts).toBeGreaterThanOrEqual(2);
    expect(envelope.attempts).toBeLessThanOrEqual(3);
    expect(genesys.queryCalls()).toHaveLength(envelope.attempts);
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(2800);
  });
});

describe('network faults', () => {
  it('retries a connection reset and returns the data', async () => {
    const { proxy } = await setup({ query: [reset, conversations(['a'])] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: true, attempts: 2 });
  });

  it.each([
    { name: 'a connection reset', behaviour: reset, errorCode: 'connection_reset' },
    { name: 'a body cut off mid-way', behaviour: closeMidBody, errorCode: 'truncated_response' },
    { name: 'a 200 with invalid JSON', behaviour: invalidJson, errorCode: 'malformed_response' },
  ] as const)('reports $name as $errorCode with status 599', async ({ behaviour, errorCode }) => {
    const { proxy } = await setup({ query: [behaviour] });
    const { status, envelope } = await proxy.query();
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ success: false, status_code: 599, fallback_type: 'network_error', action: 'route_to_fallback', error_code: errorCode, attempts: 4 });
  });

  it('reports connection_refused when nothing listens', async () => {
    const closed = await startFakeGenesys({});
    await closed.close();
    const proxy = await startProxy(closed.url);
    try {
      const { envelope } = await proxy.query();
      expect(envelope).toMatchObject({ status_code: 599, fallback_type: 'network_error', error_code: 'connection_refused', attempts: 0 });
    } finally {
      await proxy.close();
    }
  });

  it('answers a hang before the deadline', async () => {
    const { proxy } = await setup({ query: [hang] });
    const { envelope } = await proxy.query({ deadline_ms: 1500 });
    expect(envelope).toMatchObject({ success: false, status_code: 599, fallback_type: 'network_error', action: 'route_to_fallback', error_code: 'upstream_timeout', attempts: 1 });
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(1500);
    // It waited for the hang rather than giving up at once: at least the deadline less the
    // envelope margin (250 ms) and the largest event-loop lag allowance (500 ms).
    expect(envelope.elapsed_ms).toBeGreaterThan(750);
  });

  it('cuts a hung attempt at ATTEMPT_TIMEOUT_MS and retries', async () => {
    const { proxy } = await setup({ query: [hang, conversations(['a'])] }, { ATTEMPT_TIMEOUT_MS: '300' });
    const { envelope } = await proxy.query({ deadline_ms: 5000 });
    // A hang left alone would have taken the whole deadline and left no time for a second attempt.
    expect(envelope).toMatchObject({ success: true, attempts: 2 });
    expect(await counted(proxy.app.metrics.upstreamAttempts, { source: 'api', outcome: 'upstream_timeout' })).toBe(1);
    expect(envelope.elapsed_ms).toBeGreaterThanOrEqual(300);
  });
});

describe('authorization failures', () => {
  it('refreshes the token once after a 401 and succeeds with the new one', async () => {
    const { genesys, proxy } = await setup({ query: [genesysError(401, 'bad.credentials'), conversations(['a'])] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: true, attempts: 2 });
    expect(genesys.tokenCalls()).toHaveLength(2);
    const [first, second] = genesys.queryCalls();
    expect(first!.headers.authorization).not.toBe(second!.headers.authorization);
  });

  it('answers refresh_token / bad_credentials when the fresh token is refused too', async () => {
    const { genesys, proxy } = await setup({ query: [genesysError(401, 'bad.credentials')] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: false, status_code: 401, action: 'refresh_token', error_code: 'bad_credentials', genesys_code: 'bad.credentials', attempts: 2 });
    expect(genesys.tokenCalls()).toHaveLength(2);
  });

  it('answers log_permission_error on a 403 after one attempt', async () => {
    const { proxy } = await setup({ query: [genesysError(403, 'missing.permissions')] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ status_code: 403, fallback_type: 'api_failure', action: 'log_permission_error', error_code: 'missing_permissions', attempts: 1 });
  });

  it.each([
    [400, 'bad_request'],
    [404, 'not_found'],
    [422, 'upstream_rejected'],
  ])('never retries %i', async (status, errorCode) => {
    const { proxy } = await setup({ query: [genesysError(status, 'x')] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ status_code: status, action: 'route_to_fallback', error_code: errorCode, attempts: 1 });
  });

  it('answers login_failed without retrying when the token endpoint refuses the credentials', async () => {
    const { genesys, proxy } = await setup({ token: [oauthError(401, 'invalid_client')] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ status_code: 401, action: 'refresh_token', error_code: 'login_failed', genesys_code: 'invalid_client', attempts: 0 });
    expect(genesys.tokenCalls()).toHaveLength(1);
  });

  it('retries a token endpoint 503 and then queries', async () => {
    const { genesys, proxy } = await setup({ token: [oauthError(503, 'unavailable'), token()] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: true, attempts: 1 });
    expect(genesys.tokenCalls()).toHaveLength(2);
  });

  it('routes to fallback when the token endpoint stays unavailable', async () => {
    const { proxy } = await setup({ token: [oauthError(503, 'unavailable')] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ status_code: 503, action: 'route_to_fallback', error_code: 'upstream_unavailable', attempts: 0 });
  });
});

describe('pagination', () => {
  it('reads every page until totalHits and deduplicates by conversationId', async () => {
    const { genesys, proxy } = await setup({ query: [pages({ 1: ['a', 'b'], 2: ['b', 'c'], 3: ['d'] }, 5)] });
    const { envelope } = await proxy.query({ page_size: 2 });
    expect(envelope).toMatchObject({ success: true, pages_fetched: 3, record_count: 4, total_hits: 5, truncated: false, attempts: 3 });
    expect((envelope.data as Array<Record<string, unknown>>).map((conversation) => conversation.conversationId)).toEqual(['a', 'b', 'c', 'd']);
    expect(genesys.queryCalls().map((call) => JSON.parse(call.body).paging)).toEqual([
      { pageSize: 2, pageNumber: 1 },
      { pageSize: 2, pageNumber: 2 },
      { pageSize: 2, pageNumber: 3 },
    ]);
  });

  it('stops at max_pages and says the result is truncated', async () => {
    const { proxy } = await setup({ query: [pages({ 1: ['a', 'b'], 2: ['c', 'd'], 3: ['e', 'f'] }, 10)] });
    const { envelope } = await proxy.query({ page_size: 2, max_pages: 2 });
    expect(envelope).toMatchObject({ success: true, pages_fetched: 2, record_count: 4, total_hits: 10, truncated: true });
  });

  it('fails the request when a later page fails, unless allow_partial', async () => {
    const script = { query: [conversations(['a', 'b'], 4), genesysError(503, 'service.unavailable')] };
    const { proxy } = await setup(script, { RETRY_MAX_ATTEMPTS: '2' });
    const strict = await proxy.query({ page_size: 2 });
    expect(strict.envelope).toMatchObject({ success: false, action: 'route_to_fallback', error_code: 'upstream_unavailable', record_count: 0, attempts: 3 });
  });

  it('keeps the pages already read with allow_partial and flags the failure', async () => {
    const { proxy } = await setup({ query: [conversations(['a', 'b'], 4), genesysError(503, 'service.unavailable')] }, { RETRY_MAX_ATTEMPTS: '2' });
    const { envelope } = await proxy.query({ page_size: 2, allow_partial: true });
    expect(envelope).toMatchObject({ success: true, action: 'process_data', truncated: true, pages_fetched: 1, record_count: 2, error_code: 'upstream_unavailable' });
  });

  it('fits the envelope into MAX_ENVELOPE_BYTES by dropping conversations from the end', async () => {
    const ids = Array.from({ length: 100 }, (_, index) => `conversation-${index}`);
    const { proxy } = await setup({ query: [conversations(ids)] }, { MAX_ENVELOPE_BYTES: '3000' });
    const { envelope, text } = await proxy.query();
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(3000);
    expect(envelope.truncated).toBe(true);
    expect(envelope.record_count).toBe(envelope.data.length);
    expect(envelope.record_count).toBeGreaterThan(10);
    expect(envelope.total_hits).toBe(100);
  });
});

describe('protection against retry storms', () => {
  it('opens the circuit after consecutive failures and then fails fast without calling Genesys', async () => {
    const { genesys, proxy } = await setup({ query: [genesysError(503, 'service.unavailable')] }, { BREAKER_FAILURE_THRESHOLD: '2', RETRY_MAX_ATTEMPTS: '2' });
    await proxy.query();
    const callsBefore = genesys.queryCalls().length;
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: false, status_code: 503, action: 'route_to_fallback', error_code: 'circuit_open', attempts: 0 });
    expect(genesys.queryCalls()).toHaveLength(callsBefore);
  });

  it('lets a probe through after the cooldown and closes on success', async () => {
    const { proxy } = await setup(
      { query: [genesysError(503, 'x'), genesysError(503, 'x'), conversations(['a'])] },
      { BREAKER_FAILURE_THRESHOLD: '2', RETRY_MAX_ATTEMPTS: '2', BREAKER_COOLDOWN_MS: '5000' },
    );
    await proxy.query();
    expect((await proxy.query()).envelope.error_code).toBe('circuit_open');
    // The breaker reads Date.now(): move the clock past the cooldown instead of sleeping.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 5000);
      expect((await proxy.query()).envelope).toMatchObject({ success: true, attempts: 1 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives up with retry_budget_exhausted when no retry is allowed', async () => {
    const { proxy } = await setup({ query: [genesysError(503, 'service.unavailable')] }, { RETRY_BUDGET_MIN_RETRIES: '0', RETRY_BUDGET_RATIO: '0' });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: false, status_code: 503, action: 'route_to_fallback', error_code: 'retry_budget_exhausted', genesys_code: 'service.unavailable', attempts: 1 });
  });
});
