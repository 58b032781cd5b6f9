// End-to-end behaviour of the wired stack beyond single scenarios: token single flight,
// caller authentication, bad input, the deadline under a hang, and shutdown with requests in flight.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';
import { upstreamCalls, type JournalEntry } from '../../mock-genesys/journal.js';
import { StepWaits } from '../../mock-genesys/scenarios/step-waits.js';

async function query(stack: Stack, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${stack.proxyUrl}/api/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.apiKey}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const envelope = (await response.body.json()) as Record<string, unknown>;
  return { status: response.statusCode, envelope };
}

async function journal(stack: Stack, session: string): Promise<JournalEntry[]> {
  const response = await request(`${stack.mockUrl}/__admin/journal?session=${session}`);
  return ((await response.body.json()) as { entries: JournalEntry[] }).entries;
}

describe('the wired stack', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
  });
  afterAll(() => stack.close());

  it('fetches one token for a cold burst of 50 concurrent requests', async () => {
    const session = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => query(stack, { max_pages: 1 }, { 'x-mock-scenario': 'happy-path', 'x-mock-session': session })),
    );
    expect(answers.map((a) => a.envelope.action)).toEqual(Array(50).fill('process_data'));
    expect(upstreamCalls(await journal(stack, session))).toEqual({ token: 1, 'analytics-query': 50 });
  });

  it('refuses callers without the key, or with a wrong one, with 401 and an envelope', async () => {
    const missing = await request(`${stack.proxyUrl}/api/query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.statusCode).toBe(401);
    expect(await missing.body.json()).toMatchObject({ success: false, fallback_type: 'invalid_request', error_code: 'unauthorized' });
    const wrong = await query(stack, {}, { authorization: 'Bearer not-the-key' });
    expect(wrong.status).toBe(401);
    const viaHeader = await query(stack, { max_pages: 1 }, { authorization: '', 'x-api-key': stack.apiKey });
    expect(viaHeader.envelope.action).toBe('process_data');
  });

  it('answers bad JSON and bad fields with 400 and a message that says what to fix, calling no upstream', async () => {
    const session = randomUUID();
    const badJson = await query(stack, '{"page_size": ', { 'x-mock-session': session });
    expect(badJson.status).toBe(400);
    expect(badJson.envelope).toMatchObject({ fallback_type: 'invalid_request', action: 'route_to_fallback' });
    const badExpression = await query(stack, { filter_expression: "queue.id = 'abc' AND" }, { 'x-mock-session': session });
    expect(badExpression.status).toBe(400);
    expect(String(badExpression.envelope.message)).toMatch(/position|column/i);
    const tooLong = await query(stack, { interval: '2026-01-01T00:00:00Z/2026-03-01T00:00:00Z' }, { 'x-mock-session': session });
    expect(tooLong.status).toBe(400);
    expect(String(tooLong.envelope.message)).toMatch(/interval/i);
    expect(await journal(stack, session)).toEqual([]);
  });

  it('answers within the request deadline while Genesys hangs', async () => {
    const answer = await query(stack, { max_pages: 1, deadline_ms: 2500 }, { 'x-mock-scenario': 'upstream-hang', 'x-mock-session': randomUUID() });
    expect(answer.envelope).toMatchObject({ success: false, status_code: 599, fallback_type: 'network_error', action: 'route_to_fallback' });
    // The proxy's own account (not this client's clock, which a loaded machine stretches).
    expect(answer.envelope.elapsed_ms).toBeLessThan(2500);
  });
});

describe('shutting the stack down', () => {
  it('answers every request in flight with its envelope before closing', async () => {
    const stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent' } });
    const slowStepWaits = vi.spyOn(StepWaits.prototype, 'wait');
    try {
      const inFlight = Array.from({ length: 10 }, () =>
        query(stack, { max_pages: 1 }, { 'x-mock-scenario': 'slow-response', 'x-mock-session': randomUUID() }),
      );
      // All ten are in flight once each waits in the mock's slow step.
      await expect.poll(() => slowStepWaits.mock.calls.length, { timeout: 10_000 }).toBe(10);
      const closed = stack.close();
      const answers = await Promise.all(inFlight);
      await closed;
      expect(answers.map((a) => [a.status, a.envelope.action])).toEqual(Array(10).fill([200, 'process_data']));
    } finally {
      slowStepWaits.mockRestore();
      await stack.close().catch(() => undefined);
    }
  });
});
