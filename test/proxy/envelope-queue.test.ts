// The safety-net queue: many requests due together all get their envelopes by their due time,
// at a simulated cost per envelope, on a scripted clock (no wall-clock windows); a lone request
// is answered as before.
import { describe, expect, it } from 'vitest';
import { DEFAULT_ENVELOPE_COST_MS, EnvelopeQueue } from '../../src/http/envelope-queue.js';

/** A scripted event loop: timers by due time, `soon` after the current callback, work advances the clock. */
function scriptedLoop(): { queue: (costMs?: number) => EnvelopeQueue; now: () => number; work: (ms: number) => void; runUntil: (ms: number) => void } {
  let now = 0;
  let serial = 0;
  const tasks: { at: number; serial: number; run: () => void; cancelled: boolean }[] = [];
  const add = (at: number, run: () => void): (() => void) => {
    const task = { at, serial: serial++, run, cancelled: false };
    tasks.push(task);
    return () => {
      task.cancelled = true;
    };
  };
  return {
    queue: (costMs) => new EnvelopeQueue({ now: () => now, lagMs: () => 0, at: (run, delayMs) => add(now + delayMs, run), soon: (run) => add(now, run) }, costMs),
    now: () => now,
    work: (ms) => {
      now += ms;
    },
    runUntil: (ms) => {
      for (;;) {
        const live = tasks.filter((task) => !task.cancelled);
        live.sort((a, b) => a.at - b.at || a.serial - b.serial);
        const next = live[0];
        if (next === undefined || next.at > ms) break;
        next.cancelled = true;
        now = Math.max(now, next.at);
        next.run();
      }
      now = Math.max(now, ms);
    },
  };
}

describe('EnvelopeQueue', () => {
  it('answers 200 requests due together, each by its due time, at 2 ms of work per envelope', () => {
    const loop = scriptedLoop();
    const queue = loop.queue();
    const written: { dueAt: number; at: number }[] = [];
    for (let index = 0; index < 200; index++) {
      queue.schedule(2000, () => {
        loop.work(2); // building and writing the envelope
        written.push({ dueAt: 2000, at: loop.now() });
      });
    }
    loop.runUntil(10_000);
    expect(written).toHaveLength(200);
    expect(written.filter((envelope) => envelope.at > envelope.dueAt)).toEqual([]);
    // It starts no earlier than the assumed cost of all of them requires.
    expect(Math.min(...written.map((envelope) => envelope.at))).toBeGreaterThanOrEqual(2000 - 200 * DEFAULT_ENVELOPE_COST_MS);
  });

  it('learns a higher cost from a burst it answered behind schedule, and keeps the next burst in time', () => {
    const loop = scriptedLoop();
    const queue = loop.queue();
    const burst = (dueAt: number): number[] => {
      const late: number[] = [];
      for (let index = 0; index < 200; index++) {
        queue.schedule(dueAt, () => {
          loop.work(2 * DEFAULT_ENVELOPE_COST_MS); // a slower machine than assumed
          if (loop.now() > dueAt) late.push(index);
        });
      }
      loop.runUntil(dueAt + 10_000);
      return late;
    };
    expect(burst(2000).length).toBeGreaterThan(0);
    expect(queue.costMs).toBeCloseTo(2 * DEFAULT_ENVELOPE_COST_MS, 1);
    expect(burst(20_000)).toEqual([]);
  });

  it('keeps every envelope in time when arrivals spread their due times and the cost is higher than assumed, once learned', () => {
    const loop = scriptedLoop();
    const queue = loop.queue(6); // what an earlier burst measured
    const late: number[] = [];
    for (let index = 0; index < 300; index++) {
      const dueAt = 2000 + index * 0.5; // 300 arrivals over 150 ms
      queue.schedule(dueAt, () => {
        loop.work(6);
        if (loop.now() > dueAt) late.push(index);
      });
    }
    loop.runUntil(10_000);
    expect(queue.waiting).toBe(0);
    expect(late).toEqual([]);
  });

  it('answers a lone request one envelope cost before its due time, as without the queue', () => {
    const loop = scriptedLoop();
    const queue = loop.queue();
    let answeredAt: number | undefined;
    queue.schedule(2000, () => (answeredAt = loop.now()));
    loop.runUntil(10_000);
    expect(answeredAt).toBe(2000 - DEFAULT_ENVELOPE_COST_MS);
  });

  it('never answers a request that finished first, and the others stop counting it', () => {
    const loop = scriptedLoop();
    const queue = loop.queue();
    const answered: number[] = [];
    const cancels = Array.from({ length: 100 }, (_, index) => queue.schedule(2000, () => answered.push(index)));
    // 99 finish on their own well before; the one left is answered as a lone request would be.
    loop.runUntil(1000);
    cancels.slice(1).forEach((cancel) => cancel());
    loop.runUntil(10_000);
    expect(answered).toEqual([0]);
  });
});
