// Hostile upstream answers on real sockets: every body is read only up to MAX_UPSTREAM_BODY_BYTES,
// nothing the proxy issued leaks into raw_response, absurd Retry-After values never reach a flow.
// Assertions count bytes sent, calls made and the proxy's own clock against the deadline.
import { describe, expect, it } from 'vitest';
import { conversations, hang, token } from '../proxy/support/fake-genesys.js';
import { counted, proxyPerTest } from '../proxy/support/per-test.js';
import { CLIENT_SECRET } from '../proxy/support/proxy.js';
import { echoTokenError, endlessBody, hugeBody, rateLimitedWith, sentBytes } from './hostile-upstream.js';

const CAP_BYTES = 256 * 1024;
/** Loopback socket buffers (send + receive) hold a few MB the proxy never reads. */
const SOCKET_BUFFERS_BYTES = 16 * 1024 * 1024;

const setup = proxyPerTest({ MAX_UPSTREAM_BODY_BYTES: String(CAP_BYTES) });

describe('upstream bodies are capped', () => {
  it('stops reading an endless 200 body at the cap, retries it like a malformed answer and answers before the deadline', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ query: [endlessBody(stats)] });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ success: false, status_code: 599, fallback_type: 'network_error', action: 'route_to_fallback', error_code: 'response_too_large', attempts: 4 });
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(3000);
    // The proxy itself drops each connection (the fake is still running): the byte counts are final.
    await expect.poll(() => stats.abandoned).toBe(4);
    expect(stats.calls).toBe(4);
    expect(stats.bytes).toBeLessThan(4 * (CAP_BYTES + SOCKET_BUFFERS_BYTES));
    expect(await counted(proxy.app.metrics.upstreamAttempts, { outcome: 'response_too_large' })).toBe(4);
  });

  it('reads none of a 200 MB body whose Content-Length is over the cap', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ query: [hugeBody(stats, 200 * 1024 * 1024, { declareLength: true })] }, { RETRY_MAX_ATTEMPTS: '1' });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ error_code: 'response_too_large', attempts: 1 });
    await expect.poll(() => stats.abandoned).toBe(1);
    expect(stats.bytes).toBeLessThan(CAP_BYTES + SOCKET_BUFFERS_BYTES);
  });

  it('counts a chunked 200 MB body as it arrives and stops at the cap', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ query: [hugeBody(stats, 200 * 1024 * 1024)] }, { RETRY_MAX_ATTEMPTS: '1' });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ error_code: 'response_too_large', attempts: 1 });
    await expect.poll(() => stats.abandoned).toBe(1);
    expect(stats.bytes).toBeLessThan(CAP_BYTES + SOCKET_BUFFERS_BYTES);
  });

  it('caps a huge 500 body too, and keeps the answer within the deadline', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ query: [hugeBody(stats, 150 * 1024 * 1024, { status: 500 })] });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ success: false, error_code: 'response_too_large', status_code: 599 });
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(3000);
    await expect.poll(() => stats.abandoned).toBe(stats.calls);
    expect(stats.bytes).toBeLessThan(stats.calls * (CAP_BYTES + SOCKET_BUFFERS_BYTES));
  });

  it('caps the token answer (the login path reads through the same capped send)', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ token: [hugeBody(stats, 100 * 1024 * 1024)] }, { RETRY_MAX_ATTEMPTS: '1' });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ success: false, error_code: 'response_too_large', attempts: 0 });
    expect(envelope.message).toContain('token endpoint');
    await expect.poll(() => stats.abandoned).toBe(stats.calls);
    expect(stats.bytes).toBeLessThan(stats.calls * (CAP_BYTES + SOCKET_BUFFERS_BYTES));
  });

  it('still reads a body just under the cap', async () => {
    const stats = sentBytes();
    const { proxy } = await setup({ query: [hugeBody(stats, CAP_BYTES - 1)] });
    const { envelope } = await proxy.query();
    expect(envelope).toMatchObject({ success: true, action: 'process_data' });
    expect(stats.abandoned).toBe(0);
  });

  it('answers a Genesys that never sends headers before the deadline, by its own clock', async () => {
    const { proxy } = await setup({ query: [hang] });
    const { envelope } = await proxy.query({ deadline_ms: 2000 });
    expect(envelope).toMatchObject({ success: false, error_code: 'upstream_timeout' });
    expect(envelope.elapsed_ms).toBeLessThanOrEqual(2000);
  });
});

describe('raw_response never carries what the proxy issued or used', () => {
  it('scrubs the access token echoed bare in an error body', async () => {
    const { genesys, proxy } = await setup({ token: [token()], query: [echoTokenError] }, { RETRY_MAX_ATTEMPTS: '1' });
    const { envelope, text } = await proxy.query();
    const issued = String(genesys.queryCalls()[0]!.headers.authorization).replace('Bearer ', '');
    expect(issued.length).toBeGreaterThan(10);
    expect(envelope.raw_response).toContain('[redacted]');
    expect(text).not.toContain(issued);
    expect(proxy.logs.join('\n')).not.toContain(issued);
  });

  it('never shows the client secret', async () => {
    const body = `{"message":"${'x'.repeat(990)}${CLIENT_SECRET}"}`;
    const { proxy } = await setup({ query: [(res) => res.writeHead(500, { 'content-type': 'application/json' }).end(body)] }, { RETRY_MAX_ATTEMPTS: '1' });
    const { envelope, text } = await proxy.query();
    expect(envelope.raw_response).toHaveLength(1000);
    expect(text).not.toContain(CLIENT_SECRET.slice(0, 6));
  });
});

describe('absurd Retry-After values', () => {
  it.each([
    ['a date in year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ['10^20 seconds', '100000000000000000000'],
    ['3601 seconds', '3601'],
  ])('treats %s as absent: the flow gets a small safe integer', async (_name, header) => {
    const { proxy } = await setup({ query: [rateLimitedWith(header)] }, { RETRY_MAX_ATTEMPTS: '2' });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ action: 'wait_and_retry', error_code: 'rate_limited', attempts: 2 });
    expect(Number.isSafeInteger(envelope.retry_after)).toBe(true);
    expect(envelope.retry_after).toBeLessThanOrEqual(3600);
  });

  it('still honours an hour', async () => {
    const { proxy } = await setup({ query: [rateLimitedWith('3600')] });
    const { envelope } = await proxy.query({ deadline_ms: 3000 });
    expect(envelope).toMatchObject({ action: 'wait_and_retry', retry_after: 3600, attempts: 1 });
  });
});

describe('a well-behaved Genesys still works', () => {
  it('answers data', async () => {
    const { proxy } = await setup({ query: [conversations(['a', 'b'])] });
    expect((await proxy.query()).envelope).toMatchObject({ success: true, record_count: 2 });
  });
});
