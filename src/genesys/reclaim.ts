// The memory of a dropped body, handed back at once. Every socket read lands in a fresh buffer
// outside the JS heap (malloc'd, up to 64 kB), so a body read up to MAX_UPSTREAM_BODY_BYTES and
// dropped leaves that many bytes of garbage. V8 frees such buffers only at its next garbage
// collection, and what triggers one is JS allocation (tens of MB of it) or 64 MB of new
// buffers; reading a capped body allocates little JS, so the buffers of many bodies pile up
// first, and glibc keeps the malloc heap they grew (reused, never returned to the system).
// A minor GC (a scavenge: the dropped buffers are young) right after a capped body frees them
// while they are few; it takes about 1 ms. Measured with the built proxy (bench/hostile-memory.ts,
// 60 endless and 200 MB bodies): RSS +64 MB for good without this, +2–9 MB with it and the
// image's fixed malloc thresholds (Dockerfile), +13–22 MB with it on glibc's defaults.
import v8 from 'node:v8';
import vm from 'node:vm';

type MinorGc = () => void;

/** At most one collection per this many milliseconds; capped bodies meanwhile share the next one. */
export const RECLAIM_INTERVAL_MS = 25;

/**
 * Coalesces "a body was dropped" into at most one `gc` per `intervalMs`: the first drop runs it on
 * the next turn of the event loop (when the dropped buffers are unreachable), drops while one is
 * pending share it, and a drop within the interval of the last run waits for the interval's end.
 */
export class DroppedBodyReclaimer {
  readonly #gc: MinorGc;
  readonly #now: () => number;
  readonly #schedule: (run: () => void, delayMs: number) => void;
  readonly #intervalMs: number;
  #pending = false;
  #lastRunAt = Number.NEGATIVE_INFINITY;

  constructor(options: { gc: MinorGc; now: () => number; schedule: (run: () => void, delayMs: number) => void; intervalMs?: number }) {
    this.#gc = options.gc;
    this.#now = options.now;
    this.#schedule = options.schedule;
    this.#intervalMs = options.intervalMs ?? RECLAIM_INTERVAL_MS;
  }

  dropped(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.#schedule(() => {
      this.#pending = false;
      this.#lastRunAt = this.#now();
      this.#gc();
    }, Math.max(0, this.#lastRunAt + this.#intervalMs - this.#now()));
  }
}

/**
 * V8's own `gc({ type: 'minor' })`: the one `node --expose-gc` installs, else the same function
 * taken from a fresh context after turning the flag on at run time (the flag only adds `gc`
 * to contexts made afterwards);
 * undefined if neither works, and then nothing is collected early.
 */
function minorGc(): MinorGc | undefined {
  type Gc = (options?: { type: 'minor' | 'major' }) => void;
  let gc = (globalThis as { gc?: Gc }).gc;
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as Gc | undefined;
    } catch {
      gc = undefined;
    }
  }
  return typeof gc === 'function' ? () => gc({ type: 'minor' }) : undefined;
}

let shared: DroppedBodyReclaimer | undefined;

/** The process's one reclaimer, made on the first dropped body. */
export function droppedBodyReclaimer(): DroppedBodyReclaimer {
  shared ??= new DroppedBodyReclaimer({
    gc: minorGc() ?? (() => {}),
    now: () => performance.now(),
    schedule: (run, delayMs) => setTimeout(run, delayMs).unref(),
  });
  return shared;
}
