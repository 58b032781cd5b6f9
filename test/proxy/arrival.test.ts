// When a request arrived: it can only have waited unseen while the event loop was busy without a
// pause, so it is credited back to the start of the current busy stretch, capped. Counted on a
// scripted clock and idle-time counter.
import { describe, expect, it } from 'vitest';
import { BusyStretch, MAX_WAIT_CREDIT_MS, waitCredit } from '../../src/http/arrival.js';

function scripted(): { stretch: BusyStretch; busy: (ms: number) => void; idle: (ms: number) => void; beat: () => void; now: () => number } {
  let now = 0;
  let idleMs = 0;
  const stretch = new BusyStretch(
    () => now,
    () => idleMs,
  );
  return {
    stretch,
    busy: (ms) => {
      now += ms;
    },
    idle: (ms) => {
      now += ms;
      idleMs += ms;
    },
    beat: () => stretch.beat(),
    now: () => now,
  };
}

describe('arrival credit', () => {
  it('credits nothing when the loop has just been waiting for I/O (the normal case)', () => {
    const loop = scripted();
    for (let tick = 0; tick < 10; tick++) {
      loop.idle(8);
      loop.busy(2);
      loop.beat();
    }
    loop.idle(5);
    expect(waitCredit(loop.now(), loop.stretch.since())).toBe(0);
  });

  it('credits a request parsed after 200 others back to the start of the burst', () => {
    const loop = scripted();
    loop.idle(10);
    loop.beat();
    // 200 requests at 2 ms each, the heartbeat running between batches but finding no pause.
    for (let request = 0; request < 200; request++) {
      loop.busy(2);
      if (request % 5 === 4) loop.beat();
    }
    expect(waitCredit(loop.now(), loop.stretch.since())).toBe(400);
  });

  it('does not credit a client that connected early and sent later to an idle proxy', () => {
    const loop = scripted();
    loop.busy(1);
    loop.beat();
    for (let tick = 0; tick < 300; tick++) {
      loop.idle(10);
      loop.beat();
    }
    loop.busy(1);
    expect(waitCredit(loop.now(), loop.stretch.since())).toBeLessThanOrEqual(1);
  });

  it('credits at most MAX_WAIT_CREDIT_MS however long the loop has been saturated', () => {
    const loop = scripted();
    loop.beat();
    for (let tick = 0; tick < 500; tick++) {
      loop.busy(10);
      loop.beat();
    }
    expect(waitCredit(loop.now(), loop.stretch.since())).toBe(MAX_WAIT_CREDIT_MS);
  });
});
