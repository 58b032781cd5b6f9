// The collection after dropped bodies: one per burst of drops, at most one per interval, never
// skipped. Counted with a scripted clock and scheduler (no real timers).
import { describe, expect, it } from 'vitest';
import { DroppedBodyReclaimer } from '../../src/genesys/reclaim.js';

function scripted(intervalMs = 25): { reclaimer: DroppedBodyReclaimer; runs: number[]; at: (ms: number) => void } {
  let now = 0;
  const queue: { dueAt: number; run: () => void }[] = [];
  const runs: number[] = [];
  const reclaimer = new DroppedBodyReclaimer({
    gc: () => runs.push(now),
    now: () => now,
    schedule: (run, delayMs) => queue.push({ dueAt: now + delayMs, run }),
    intervalMs,
  });
  /** Moves the clock to `ms`, running what falls due on the way. */
  const at = (ms: number): void => {
    for (;;) {
      queue.sort((a, b) => a.dueAt - b.dueAt);
      const next = queue[0];
      if (next === undefined || next.dueAt > ms) break;
      queue.shift();
      now = next.dueAt;
      next.run();
    }
    now = ms;
  };
  return { reclaimer, runs, at };
}

describe('DroppedBodyReclaimer', () => {
  it('collects once on the next turn for drops in the same turn', () => {
    const { reclaimer, runs, at } = scripted();
    for (let index = 0; index < 10; index++) reclaimer.dropped();
    expect(runs).toEqual([]);
    at(0);
    expect(runs).toEqual([0]);
  });

  it('collects at most once per interval, and still collects after the last drop', () => {
    const { reclaimer, runs, at } = scripted(25);
    // A flood: a drop every millisecond for 100 ms.
    for (let ms = 0; ms < 100; ms++) {
      at(ms);
      reclaimer.dropped();
    }
    at(1000);
    expect(runs).toEqual([0, 25, 50, 75, 100]);
  });

  it('collects at once again after a quiet interval', () => {
    const { reclaimer, runs, at } = scripted(25);
    reclaimer.dropped();
    at(500);
    reclaimer.dropped();
    at(500);
    expect(runs).toEqual([0, 500]);
  });
});
