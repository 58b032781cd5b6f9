// The one retry loop on fake time: an injected clock whose sleep advances it, a scripted
// upstream, the real breaker and budget. Counts calls and waits; no wall clock.
import { describe, expect, it } from 'vitest';
import { callGenesys, type EngineDeps, type GenesysRequest, type RequestTally } from '../../src/engine/call.js';
import type { Clock } from '../../src/engine/clock.js';
import { envelopeOf } from '../../src/envelope.js';
import type { SendOptions, UpstreamAnswer } from '../../src/genesys/upstream.js';
import { RetryBudget } from '../../src/retry/budget.js';
import { CircuitBreaker } from '../../src/retry/circuit-breaker.js';
import { AttemptFailedError, type NetworkFault } from '../../src/retry/outcome.js';

type Step = { status: number; body?: unknown; headers?: Record<string, string> } | { fault: NetworkFault };

function fakeClock(): Clock & { sleeps: number[]; t: number } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) throw signal.reason;
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

function setup(script: Step[], options: { budget?: RetryBudget; tokens?: string[]; abortAfterCalls?: AbortController } = {}) {
  const clock = fakeClock();
  const sent: SendOptions[] = [];
  const tokensIssued: string[] = [];
  let tokenSerial = 0;
  const deps: EngineDeps = {
    upstream: {
      send: async (request) => {
        sent.push(request);
        clock.t += 10;
        const step = script[Math.min(sent.length - 1, script.length - 1)]!;
        if ('fault' in step) throw new AttemptFailedError({ kind: 'network', source: 'api', fault: step.fault, detail: 'scripted' });
        const bodyText = JSON.stringify(step.body ?? { ok: true });
        return { status: step.status, headers: step.headers ?? {}, bodyText, body: Buffer.from(bodyText), receivedAtMs: Date.now() } satisfies UpstreamAnswer;
      },
    },
    tokens: {
      getToken: async () => {
        const token = `token-${++tokenSerial}`;
        tokensIssued.push(token);
        return token;
      },
      invalidate: () => {},
    },
    breaker: new CircuitBreaker({ failureThreshold: 5, cooldownMs: 60_000 }, () => clock.t),
    budget: options.budget ?? new RetryBudget({ ratio: 0.2, minRetries: 10 }),
    policy: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 4000, minAttemptMs: 100, attemptTimeoutMs: 4000 },
    forwardedHeaders: {},
    clock,
    random: () => 0.5,
  };
  const tally: RequestTally = { attempts: 0 };
  const run = (request: Partial<GenesysRequest> = {}, deadlineMs = 8000, signal = new AbortController().signal) =>
    callGenesys(deps, { method: 'GET', path: '/api/v2/x', idempotent: true, ...request }, { deadlineAt: clock.t + deadlineMs, signal, tally });
  return { clock, sent, tally, deps, run, tokensIssued };
}

const genesys = (status: number, code: string, headers: Record<string, string> = {}): Step => ({ status, body: { code, status, message: code }, headers });

describe('callGenesys', () => {
  it('retries a 503 with full-jitter backoff and counts every attempt', async () => {
    const { run, sent, clock, tally } = setup([genesys(503, 'service.unavailable'), genesys(503, 'service.unavailable'), { status: 200, body: { value: 1 } }]);
    const result = await run();
    expect(result).toEqual({ ok: true, json: { value: 1 }, body: Buffer.from(JSON.stringify({ value: 1 })) });
    expect(sent).toHaveLength(3);
    expect(clock.sleeps).toEqual([250, 500]);
    expect(tally.attempts).toBe(3);
  });

  it('waits exactly what Retry-After says', async () => {
    const { run, clock } = setup([genesys(429, 'too.many.requests', { 'retry-after': '2' }), { status: 200 }]);
    expect((await run()).ok).toBe(true);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('gives up at once when Retry-After does not fit the time left', async () => {
    const { run, clock, sent } = setup([genesys(429, 'too.many.requests', { 'retry-after': '30' })]);
    const result = await run({}, 8000);
    expect(result).toMatchObject({ ok: false, failure: { last: { status: 429, retryAfterSeconds: 30 } } });
    expect(clock.sleeps).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it('stops after maxAttempts counted attempts', async () => {
    const { run, sent } = setup([genesys(500, 'internal.server.error')]);
    expect(await run()).toMatchObject({ ok: false, failure: { last: { status: 500 } } });
    expect(sent).toHaveLength(4);
  });

  it('refreshes the token once after a 401, uncounted and not charged to the budget', async () => {
    const noRetries = new RetryBudget({ ratio: 0, minRetries: 0 });
    const { run, sent, tokensIssued } = setup([genesys(401, 'bad.credentials'), { status: 200 }], { budget: noRetries });
    expect((await run()).ok).toBe(true);
    expect(sent).toHaveLength(2);
    expect(tokensIssued).toHaveLength(2);
    expect(sent[1]!.headers.authorization).toBe('Bearer token-2');
  });

  it('after a 429 the budget refused to retry, still answers wait_and_retry with Genesys’ retry_after', async () => {
    const noRetries = new RetryBudget({ ratio: 0, minRetries: 0 });
    const { run, sent, tally } = setup([genesys(429, 'too.many.requests.retry.after', { 'retry-after': '3' })], { budget: noRetries });
    const result = await run();
    expect(result).toMatchObject({ ok: false, failure: { reason: 'retry_budget_exhausted' } });
    expect(sent).toHaveLength(1);
    if (result.ok) throw new Error('unreachable');
    const envelope = envelopeOf({ status: 'failed', shape: 'object', failure: result.failure }, { attempts: tally.attempts, elapsedMs: 1, correlationId: 'c' }, []);
    expect(envelope).toMatchObject({ action: 'wait_and_retry', retry_after: 3, error_code: 'rate_limited' });
  });

  it('gives every budget slot back, whatever the exit', async () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetries: 10 });
    const { run } = setup([genesys(503, 'service.unavailable')], { budget });
    await run();
    expect(budget.retriesInFlight).toBe(0);
  });

  it.each<[string, Step, number, string | undefined]>([
    ['500', genesys(500, 'internal.server.error'), 1, 'outcome_unknown'],
    ['504', genesys(504, 'request.timeout'), 1, 'outcome_unknown'],
    ['a reset after sending', { fault: 'connection_reset' }, 1, 'outcome_unknown'],
    ['a timeout after sending', { fault: 'upstream_timeout' }, 1, 'outcome_unknown'],
    ['a refused connection', { fault: 'connection_refused' }, 4, undefined],
    ['503', genesys(503, 'service.unavailable'), 4, undefined],
    ['429', genesys(429, 'too.many.requests'), 4, undefined],
  ])('a non-idempotent write after %s: exactly the calls Genesys cannot have acted on', async (_name, step, calls, reason) => {
    const { run, sent } = setup([step]);
    const result = await run({ method: 'POST', idempotent: false, body: '{}' });
    expect(sent).toHaveLength(calls);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.reason).toBe(reason);
  });

  it('makes a 2xx without the expected shape malformed_response (and retries it)', async () => {
    const { run, sent } = setup([{ status: 200, body: { conversations: [null] } }, { status: 200, body: { conversations: [] } }]);
    const check = (json: Record<string, unknown>) => ((json.conversations as unknown[]).some((item) => item === null) ? 'conversations[0] is not an object' : undefined);
    expect((await run({ check })).ok).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it('opens the breaker after consecutive failures and then makes no call', async () => {
    const { run, sent } = setup([genesys(503, 'service.unavailable')]);
    await run();
    expect(sent).toHaveLength(4);
    const second = await run();
    expect(sent).toHaveLength(5); // the fifth consecutive failure opens it; the next attempt is refused
    expect(second).toMatchObject({ ok: false, failure: { reason: 'circuit_open', last: { status: 503 } } });
    await run();
    expect(sent).toHaveLength(5);
  });

  it('stops waiting and calling when the signal aborts (caller hung up), releasing its slots', async () => {
    const budget = new RetryBudget({ ratio: 0.2, minRetries: 10 });
    const controller = new AbortController();
    const { run, sent, deps } = setup([genesys(503, 'service.unavailable')], { budget });
    deps.clock.sleep = async (_ms, signal) => {
      controller.abort(new Error('caller left'));
      throw signal.reason;
    };
    const result = await run({}, 8000, controller.signal);
    expect(result).toMatchObject({ ok: false, failure: { reason: 'deadline_exceeded' } });
    expect(sent).toHaveLength(1);
    expect(budget.retriesInFlight).toBe(0);
    expect(deps.breaker.state).toBe('closed');
  });

  it('says outcome_unknown when a write in flight is cut by the deadline or a hang-up', async () => {
    const controller = new AbortController();
    const { run, deps, sent } = setup([{ status: 200 }]);
    deps.upstream.send = async (request) => {
      sent.push(request);
      controller.abort(new Error('caller left'));
      throw new AttemptFailedError({ kind: 'network', source: 'api', fault: 'upstream_timeout', detail: 'aborted' });
    };
    const result = await run({ method: 'POST', idempotent: false, body: '{}' }, 8000, controller.signal);
    expect(result).toMatchObject({ ok: false, failure: { reason: 'outcome_unknown' } });
    expect(sent).toHaveLength(1);
  });

  it('sends nothing once the deadline leaves less than one attempt', async () => {
    const { run, sent } = setup([{ status: 200 }]);
    expect(await run({}, 50)).toMatchObject({ ok: false, failure: { reason: 'deadline_exceeded' } });
    expect(sent).toHaveLength(0);
  });
});
