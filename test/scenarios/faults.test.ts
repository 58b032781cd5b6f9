// What a client observes on the wire for each fault kind: real sockets on 127.0.0.1. Durations
// are the mock's own (its journal); schedules are checked on fake time.
import type { FastifyReply } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaultContext } from '../../mock-genesys/faults/fault.js';
import { slowBody } from '../../mock-genesys/faults/slow-body.js';
import { scenarioRuntimeOf } from '../../mock-genesys/scenarios/plugin.js';
import { journalOf, login, postQuery, startScenarioMock, statusOf, tokenOf, type ScenarioMock } from './helpers.js';

const always = (step: string, route = 'analytics-query'): string => `rules:\n  - match: { route: ${route} }\n    steps:\n      - ${step}\n    then: repeat-last\n`;

const files: Record<string, string> = {
  'status-429.yaml': always('{ fault: status, status: 429, retry_after_s: 7 }'),
  'status-503-override.yaml': always("{ fault: status, status: 503, body: { message: 'Down for tea' }, headers: { x-extra: yes } }"),
  'login-401.yaml': always('{ fault: status, status: 401 }', 'token'),
  'login-503.yaml': always('{ fault: status, status: 503, retry_after_s: 2 }', 'token'),
  'reset.yaml': always('{ fault: reset }'),
  'hang.yaml': always('{ fault: hang }'),
  'empty.yaml': always('{ fault: empty }'),
  'malformed.yaml': always('{ fault: malformed-json }'),
  'truncated.yaml': always('{ fault: truncated-body, fraction: 0.25 }'),
  'slow.yaml': always('{ fault: slow-body, duration_ms: 300 }'),
  'random.yaml': always('{ fault: random-bytes, bytes: 200 }'),
  'delayed.yaml': always('{ fault: pass, delay: { fixed_ms: 300 }, headers: { x-delayed: "300" } }'),
  'revoke.yaml': 'rules:\n  - match: { route: analytics-query, page: 2 }\n    steps: [{ fault: revoke-token }]\n    then: pass\n',
  'expire.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: expire-token }]\n    then: pass\n',
  'limited.yaml': always('{ fault: rate-limit, limit: 2, window_ms: 60000 }'),
};

describe('fault kinds on the wire', () => {
  let mock: ScenarioMock;
  let token: string;
  beforeAll(async () => {
    mock = await startScenarioMock(files);
    token = await tokenOf(mock);
  });
  afterAll(() => mock.stop());

  it('status answers the Genesys 429 with Retry-After, the normalized message and the correlation id', async () => {
    const response = await postQuery(mock, { scenario: 'status-429', token });
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(body).toMatchObject({ status: 429, code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds', details: [], errors: [] });
    expect(response.headers['inin-correlation-id']).toBe(body.contextId);
  });

  it('status applies body overrides and extra headers', async () => {
    const response = await postQuery(mock, { scenario: 'status-503-override', token });
    const body = (await response.body.json()) as Record<string, unknown>;
    expect(response.statusCode).toBe(503);
    expect(response.headers['x-extra']).toBe('yes');
    expect(body).toMatchObject({ status: 503, code: 'service.unavailable', message: 'Down for tea', messageWithParams: 'Down for tea' });
  });

  it('status on the token route answers the OAuth error shape', async () => {
    const unauthorized = await login(mock, { scenario: 'login-401' });
    expect(unauthorized.statusCode).toBe(401);
    expect(await unauthorized.body.json()).toMatchObject({ error: 'invalid_client' });
    const unavailable = await login(mock, { scenario: 'login-503' });
    expect(unavailable.statusCode).toBe(503);
    expect(unavailable.headers['retry-after']).toBe('2');
    expect(await unavailable.body.json()).toMatchObject({ error: 'temporarily_unavailable' });
  });

  it('reset makes the client see ECONNRESET', async () => {
    await expect(postQuery(mock, { scenario: 'reset', token })).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  it('hang sends nothing until the client gives up, and the journal records it without a status', async () => {
    const session = 'hang-gives-up';
    await expect(postQuery(mock, { scenario: 'hang', session, token, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await vi.waitFor(async () => expect(await journalOf(mock, session)).toMatchObject([{ fault: 'hang', status: null }]));
  });

  it('empty closes the connection without a response byte', async () => {
    await expect(postQuery(mock, { scenario: 'empty', token })).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('malformed-json answers 200 application/json that does not parse', async () => {
    const response = await postQuery(mock, { scenario: 'malformed', token });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const text = await response.body.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('truncated-body announces the full length, sends only the fraction, then closes', async () => {
    const normal = await postQuery(mock, { scenario: 'happy-path', token });
    const fullBytes = Buffer.byteLength(await normal.body.text());
    const response = await postQuery(mock, { scenario: 'truncated', token });
    expect(response.statusCode).toBe(200);
    expect(Number(response.headers['content-length'])).toBe(fullBytes);
    let receivedBytes = 0;
    await expect(
      (async () => {
        for await (const chunk of response.body) receivedBytes += (chunk as Buffer).length;
      })(),
    ).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
    expect(receivedBytes).toBe(Math.floor(fullBytes * 0.25));
  });

  it('slow-body sends the headers first, then the complete body in several chunks over duration_ms', async () => {
    const session = 'slow-body';
    const response = await postQuery(mock, { scenario: 'slow', session, token });
    expect(response.statusCode).toBe(200);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) chunks.push(chunk as Buffer);
    expect(JSON.parse(Buffer.concat(chunks).toString())).toHaveProperty('totalHits');
    // One chunk per ~100 ms, so 300 ms arrive as three (the schedule itself: below, on fake time).
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    // The mock's own account of the answer, from request to last byte.
    await vi.waitFor(async () => expect((await journalOf(mock, session))[0]?.duration_ms).toBeGreaterThanOrEqual(300));
  });

  it('random-bytes sends garbage the HTTP parser rejects', async () => {
    await expect(postQuery(mock, { scenario: 'random', token })).rejects.toMatchObject({ name: 'HTTPParserError' });
  });

  it('a delay holds the answer at least that long, then passes with the step headers', async () => {
    const session = 'delayed';
    const response = await postQuery(mock, { scenario: 'delayed', session, token });
    await response.body.dump();
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-delayed']).toBe('300');
    // The mock's own account (the wait itself is tested on fake time in test/mock/step-waits.test.ts).
    await vi.waitFor(async () => expect((await journalOf(mock, session))[0]?.duration_ms).toBeGreaterThanOrEqual(300));
  });

  it('revoke-token answers 401 and the token stays dead in that session only', async () => {
    const victim = await tokenOf(mock);
    expect(await statusOf(postQuery(mock, { scenario: 'revoke', session: 'revoked', token: victim, page: 1 }))).toBe(200);
    const revoked = await postQuery(mock, { scenario: 'revoke', session: 'revoked', token: victim, page: 2 });
    expect(revoked.statusCode).toBe(401);
    expect(await revoked.body.json()).toMatchObject({ code: 'bad.credentials', status: 401 });
    // The rule is used up (then: pass), but the Genesys auth check now refuses the token.
    expect(await statusOf(postQuery(mock, { scenario: 'revoke', session: 'revoked', token: victim, page: 2 }))).toBe(401);
    expect(await statusOf(postQuery(mock, { scenario: 'revoke', session: 'other', token: victim, page: 1 }))).toBe(200);
    const fresh = await tokenOf(mock);
    expect(await statusOf(postQuery(mock, { scenario: 'revoke', session: 'revoked', token: fresh, page: 2 }))).toBe(200);
  });

  it('expire-token answers 401 bad.credentials and later calls with the token fail too', async () => {
    const victim = await tokenOf(mock);
    expect(await statusOf(postQuery(mock, { scenario: 'expire', session: 'expired', token: victim }))).toBe(401);
    expect(await statusOf(postQuery(mock, { scenario: 'expire', session: 'expired', token: victim }))).toBe(401);
  });

  it('rate-limit passes up to the limit per token, then answers the normalized 429 with the seconds to reset', async () => {
    const limited = await tokenOf(mock);
    const statuses = [];
    for (let call = 0; call < 2; call += 1) statuses.push(await statusOf(postQuery(mock, { scenario: 'limited', session: 'limits', token: limited })));
    const over = await postQuery(mock, { scenario: 'limited', session: 'limits', token: limited });
    const body = (await over.body.json()) as { message: string; code: string };
    expect(statuses).toEqual([200, 200]);
    expect(over.statusCode).toBe(429);
    const retryAfterSeconds = Number(over.headers['retry-after']);
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(body).toMatchObject({ code: 'too.many.requests.retry.after', message: `Rate limit exceeded the maximum. Retry the request in [${retryAfterSeconds}] seconds` });
    const otherToken = await tokenOf(mock);
    expect(await statusOf(postQuery(mock, { scenario: 'limited', session: 'limits', token: otherToken }))).toBe(200);
  });
});

describe('closing the server', () => {
  it('destroys hung connections instead of waiting for them', async () => {
    const mock = await startScenarioMock({ 'hang.yaml': always('{ fault: hang }') });
    const token = await tokenOf(mock);
    const hung = postQuery(mock, { scenario: 'hang', token }).catch((error: unknown) => error);
    await vi.waitFor(() => expect(scenarioRuntimeOf(mock.app)?.heldConnections()).toBe(1));
    await mock.close();
    expect(await hung).toMatchObject({ code: 'UND_ERR_SOCKET' });
    await mock.agent.destroy();
  });
});

describe('slow-body, on fake time', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('flushes the headers on the first read, then sends the body in ~100 ms chunks, the last at duration_ms', async () => {
    vi.useFakeTimers();
    const flushHeaders = vi.fn();
    const reply = { raw: { flushHeaders } } as unknown as FastifyReply;
    // slow-body reads nothing of its context.
    const outcome = slowBody.apply({} as FaultContext, { duration_ms: 1000 });
    if (outcome.type !== 'continue' || outcome.rewritePayload === undefined) throw new Error('slow-body rewrites the payload');
    const payload = Buffer.from('x'.repeat(1000));
    const received: Buffer[] = [];
    let ended = false;
    outcome
      .rewritePayload(payload, reply)
      .on('data', (chunk: Buffer) => received.push(chunk))
      .on('end', () => (ended = true));

    await vi.advanceTimersByTimeAsync(0);
    expect(flushHeaders).toHaveBeenCalledOnce();
    expect(received).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(999);
    expect(received).toHaveLength(9);
    expect(ended).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toHaveLength(10);
    expect(Buffer.concat(received)).toEqual(payload);
    expect(ended).toBe(true);
  });
});
