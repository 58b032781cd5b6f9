// Step delays under load: many requests waiting at once must not pile listeners onto one shared
// signal (Node 20 raised MaxListenersExceededWarning for it; Node 24 no longer warns for an
// AbortSignal, so the test also counts the abort listeners added), and closing the server ends
// every wait.
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { request, Agent } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StepWaits } from '../../mock-genesys/scenarios/step-waits.js';
import { makeScenarioDir } from '../scenarios/helpers.js';
import { startMock } from '../support/mock.js';

const WAITING_REQUESTS = 40;

function fakeSocket(): Socket {
  return Object.assign(new EventEmitter(), { destroyed: false }) as unknown as Socket;
}

/** Collects process warnings of one kind while `body` runs, and a tick after. */
async function warningsDuring(name: string, body: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const onWarning = (warning: Error): void => {
    if (warning.name === name) seen.push(warning.message);
  };
  process.on('warning', onWarning);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('StepWaits', () => {
  it('ends a wait after its delay, when its socket closes, or when closed, leaving no listener behind', async () => {
    vi.useFakeTimers();
    const waits = new StepWaits();
    const sockets = [fakeSocket(), fakeSocket(), fakeSocket()];
    const ended: number[] = [];
    sockets.forEach((socket, index) => void waits.wait(60_000, socket).then(() => ended.push(index)));
    expect(waits.size).toBe(3);

    sockets[1]!.emit('close');
    await vi.advanceTimersByTimeAsync(0);
    expect(ended).toEqual([1]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ended.sort()).toEqual([0, 1, 2]);

    const late = fakeSocket();
    const pending = waits.wait(60_000, late);
    waits.close();
    await pending;
    expect(waits.closed).toBe(true);
    await waits.wait(60_000, fakeSocket()); // after close: at once
    expect(waits.size).toBe(0);
    expect(sockets.concat(late).map((socket) => socket.listenerCount('close'))).toEqual([0, 0, 0, 0]);
  });
});

describe('the mock with many requests in a delayed step', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it(`holds ${WAITING_REQUESTS} delayed requests at once without a MaxListenersExceededWarning, and closing ends them`, async () => {
    const folder = await makeScenarioDir({
      'happy-path.yaml': 'rules: []\n',
      'slow-org.yaml': 'rules:\n  - match: { route: organization }\n    steps: [{ fault: pass, delay: { fixed_ms: 60000 } }]\n    then: repeat-last\n',
    });
    const mock = await startMock({ SCENARIOS_DIR: folder.dir });
    const agent = new Agent({ connections: WAITING_REQUESTS });
    const waitSpy = vi.spyOn(StepWaits.prototype, 'wait');
    const listenerSpy = vi.spyOn(EventTarget.prototype, 'addEventListener');
    let closed = false;
    stop = async () => {
      if (!closed) await mock.close();
      await agent.destroy();
      await folder.remove();
    };

    const warnings = await warningsDuring('MaxListenersExceededWarning', async () => {
      const answers = Array.from({ length: WAITING_REQUESTS }, (_, index) =>
        request(`${mock.url}/api/v2/organizations/me`, { dispatcher: agent, headers: { 'x-mock-scenario': 'slow-org', 'x-mock-session': `s${index}` } }).then(
          () => 'answered',
          () => 'cut',
        ),
      );
      // Every request reached its delayed step before the server closes.
      await expect.poll(() => waitSpy.mock.calls.length, { timeout: 10_000 }).toBe(WAITING_REQUESTS);
      await mock.close();
      closed = true;
      expect(await Promise.all(answers)).toEqual(Array.from({ length: WAITING_REQUESTS }, () => 'cut'));
    });
    expect(warnings).toEqual([]);
    // Not one listener per waiting request on some shared signal.
    expect(listenerSpy.mock.calls.filter(([type]) => type === 'abort').length).toBeLessThan(WAITING_REQUESTS);
  });
});
