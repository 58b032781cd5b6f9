// One info access line per request (4xx and non-envelope answers included), the caller's request
// id kept and echoed, the start-up line without secrets, and the SLO metrics of each envelope.
import { describe, expect, it } from 'vitest';
import { conversations, genesysError, token } from './support/fake-genesys.js';
import { proxyPerTest } from './support/per-test.js';
import { API_KEY, CLIENT_SECRET, type RunningProxy } from './support/proxy.js';

const setup = proxyPerTest({ LOG_LEVEL: 'info', HEALTH_REFRESH_INTERVAL_MS: '0' });

const parsed = (proxy: RunningProxy) => proxy.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
const accessLines = (proxy: RunningProxy) => parsed(proxy).filter((line) => line.msg === 'access');

describe('the access log', () => {
  it('writes exactly one info line per request, envelopes and 4xx and probes alike', async () => {
    const { proxy } = await setup({ query: [genesysError(503, 'service.unavailable'), conversations(['a'])] });
    const auth = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
    const requests = [
      fetch(`${proxy.url}/api/query`, { method: 'POST', headers: auth, body: '{}' }),
      fetch(`${proxy.url}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      fetch(`${proxy.url}/api/query`, { method: 'POST', headers: { ...auth, 'content-type': 'application/xml' }, body: '<q/>' }),
      fetch(`${proxy.url}/api/query`, { method: 'POST', headers: auth, body: '{"colour":1}' }),
      fetch(`${proxy.url}/healthz`),
      fetch(`${proxy.url}/nowhere`),
    ];
    for (const request of requests) await (await request).text();
    await expect.poll(() => accessLines(proxy).length).toBe(6);
    const lines = accessLines(proxy);
    expect(lines.every((line) => line.level === 30)).toBe(true);
    const byStatus = Object.fromEntries(lines.map((line) => [line.status, line]));
    expect(byStatus[200]).toMatchObject({ method: 'POST', route: '/api/query', action: 'process_data', attempts: 2, correlation_id: 'corr-ok' });
    expect(byStatus[200]!.elapsed_ms).toEqual(expect.any(Number));
    expect(byStatus[401]).toMatchObject({ route: '/api/query', action: 'route_to_fallback', error_code: 'unauthorized' });
    expect(byStatus[415]).toMatchObject({ route: '/api/query', error_code: 'invalid_request' });
    expect(byStatus[400]).toMatchObject({ route: '/api/query', error_code: 'invalid_request' });
    expect(lines.find((line) => line.route === '/healthz')).toMatchObject({ method: 'GET', status: 200 });
    expect(byStatus[404]).toMatchObject({ route: 'unmatched' });
    for (const line of lines) expect(line.reqId).toEqual(expect.any(String));
    const text = proxy.logs.join('\n');
    for (const secret of [API_KEY, CLIENT_SECRET, 'fake-token-']) expect(text).not.toContain(secret);
  });

  it('is off with ACCESS_LOG=off (other lines stay)', async () => {
    const { proxy } = await setup({}, { ACCESS_LOG: 'off' });
    await proxy.query({ colour: 1 });
    await (await fetch(`${proxy.url}/healthz`)).text();
    expect(accessLines(proxy)).toEqual([]);
    expect(parsed(proxy).some((line) => line.msg === 'proxy started')).toBe(true);
  });
});

describe('the request id', () => {
  it('is the caller x-request-id when sent, echoed, and in the access line', async () => {
    const { proxy } = await setup({ query: [genesysError(500, 'internal.server.error')] }, { RETRY_MAX_ATTEMPTS: '1' });
    const response = await fetch(`${proxy.url}/healthz`, { headers: { 'x-request-id': 'flow-42.call-7' } });
    expect(response.headers.get('x-request-id')).toBe('flow-42.call-7');
    await expect.poll(() => accessLines(proxy).length).toBe(1);
    expect(accessLines(proxy)[0]!.reqId).toBe('flow-42.call-7');
  });

  it('is the trace id of a traceparent, and the envelope correlation id when Genesys gave none', async () => {
    const { proxy } = await setup({ query: [conversations(['a'])] }, { PROXY_AUTH: 'off' });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const response = await fetch(`${proxy.url}/api/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
      body: '{"colour":1}',
    });
    expect(response.headers.get('x-request-id')).toBe(traceId);
    expect((await response.json()).correlation_id).toBe(traceId);
  });

  it.each([
    ['an over-long x-request-id', { 'x-request-id': 'x'.repeat(200) }],
    ['an x-request-id with spaces and quotes', { 'x-request-id': 'a b"c' }],
    ['a malformed traceparent', { traceparent: '00-nothex-00f067aa0ba902b7-01' }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }],
  ])('is a fresh proxy id for %s', async (_name, headers) => {
    const { proxy } = await setup();
    const response = await fetch(`${proxy.url}/healthz`, { headers });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/);
  });

  it('differs between requests, under one random prefix per process', async () => {
    const { proxy } = await setup();
    const ids = await Promise.all([0, 1, 2].map(async () => (await fetch(`${proxy.url}/healthz`)).headers.get('x-request-id')!));
    expect(new Set(ids).size).toBe(3);
    expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(1);
  });
});

describe('the start-up line', () => {
  it('states the effective configuration with the client id redacted and no secret or key', async () => {
    const { genesys, proxy } = await setup({}, { GENESYS_CLIENT_ID: 'c0ffee00-1234-5678-9abc-def012345678' });
    const started = parsed(proxy).find((line) => line.msg === 'proxy started') as { level: number; config: Record<string, any> };
    expect(started.level).toBe(30);
    expect(started.config).toMatchObject({
      genesys: { api_url: genesys.url, client_id: 'c0ff…[redacted, 36 chars]' },
      caller_auth: 'on (1 key)',
      deadline_ms: { default: 8000, max: 55000 },
      access_log: 'on',
      genesys_check_on_start: 'false',
    });
    const line = proxy.logs.find((text) => text.includes('proxy started'))!;
    for (const secret of [CLIENT_SECRET, API_KEY, 'c0ffee00-1234']) expect(line).not.toContain(secret);
  });
});

describe('SLO metrics', () => {
  it('observe answer time and the share of the deadline used by route and action, and count late envelopes', async () => {
    const { proxy } = await setup({ token: [token()], query: [conversations(['a'])] });
    await proxy.query({ deadline_ms: 5000 });
    await proxy.query({ colour: 1 });
    await expect.poll(() => accessLines(proxy).length).toBe(2);
    const text = (await proxy.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(text).toContain('proxy_answer_seconds_count{route="/api/query",action="process_data"} 1');
    expect(text).toContain('proxy_answer_seconds_count{route="/api/query",action="route_to_fallback"} 1');
    // Only requests that reached a deadline have a ratio.
    expect(text).toContain('proxy_deadline_used_ratio_count{route="/api/query",action="process_data"} 1');
    expect(text).not.toContain('proxy_deadline_used_ratio_count{route="/api/query",action="route_to_fallback"}');
    expect(text).toContain('proxy_deadline_used_ratio_bucket{le="1",route="/api/query",action="process_data"} 1');
    expect(text).toContain('proxy_envelopes_late_total{route="/api/query"} 0');
  });

  it('count an envelope written after its deadline as late', async () => {
    const { ProxyMetrics } = await import('../../src/metrics.js');
    const metrics = new ProxyMetrics();
    metrics.observeEnvelope('/api/query', 'route_to_fallback', 3100, 3000);
    metrics.observeEnvelope('/api/query', 'process_data', 2900, 3000);
    const text = await metrics.registry.metrics();
    expect(text).toContain('proxy_envelopes_late_total{route="/api/query"} 1');
    expect(text).toContain('proxy_deadline_used_ratio_bucket{le="1",route="/api/query",action="route_to_fallback"} 0');
    expect(text).toContain('proxy_deadline_used_ratio_bucket{le="1.1",route="/api/query",action="route_to_fallback"} 1');
  });
});
