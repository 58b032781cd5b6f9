// The safety-net timers of all flow requests, as one queue. A request's safety net answers its
// envelope at its due time (its deadline minus half the envelope margin, minus the event loop's
// lag at that time) if the work has not answered first. When many requests are due together, as in a burst of hung upstreams, their
// envelopes are built and written one after another, so with one timer each the last of 200
// was written ~200 × the cost of one envelope after its due time (measured: 1.3–2 ms each on
// 2 busy cores, 0.4–0.7 s for 200).
//
// The rule: the queue starts answering early enough that, at the measured cost per envelope,
// every request still waiting gets its envelope by its own due time, earliest due time first.
// With the waiting requests sorted by due time, the k-th must start by its due time minus k
// envelope costs, so answering starts at the earliest of those and goes on back to back. A lone
// request is answered one envelope cost (a few ms) before its due time, as good as unchanged;
// requests that finish first leave the queue and take nothing from the others.
//
// The cost starts at DEFAULT_ENVELOPE_COST_MS and is measured whenever the queue has to answer
// back to back (it is behind or on schedule): the time from one answer to the next, everything
// the loop did in between included, averaged. Ahead of schedule it is left as it is, so a cost
// assumed too high only makes a burst's envelopes early, never late.

import { processLag } from '../engine/lag.js';

/**
 * Cost of one envelope assumed until one is measured: above the 1.3–3 ms measured on 2 cores
 * shared with other load, since assuming too little makes a burst's last envelopes late.
 */
export const DEFAULT_ENVELOPE_COST_MS = 4;
/** Measured costs are kept within these bounds (a stall of the whole process is not an envelope's cost). */
const MIN_COST_MS = 0.05;
const MAX_COST_MS = 20;
/** Weight of a new measurement in the running average. */
const COST_WEIGHT = 0.2;

export interface QueueScheduler {
  now(): number;
  /** How late timers run now (the lag allowance, engine/lag.ts): taken off every due time. */
  lagMs(): number;
  /** Runs `run` after `delayMs` (a timer); returns its cancel. */
  at(run: () => void, delayMs: number): () => void;
  /** Runs `run` as soon as the loop has let I/O through (setImmediate); returns its cancel. */
  soon(run: () => void): () => void;
}

interface Entry {
  dueAt: number;
  answer: () => void;
}

export class EnvelopeQueue {
  readonly #scheduler: QueueScheduler;
  /** Waiting requests, by due time. */
  readonly #entries: Entry[] = [];
  #costMs: number;
  #cancelWake: (() => void) | undefined;
  #wakeAt = Number.POSITIVE_INFINITY;
  /** When the last envelope answered back to back with the next was answered (for measuring the cost). */
  #drainingSince: number | undefined;

  constructor(scheduler: QueueScheduler, costMs = DEFAULT_ENVELOPE_COST_MS) {
    this.#scheduler = scheduler;
    this.#costMs = costMs;
  }

  /** The measured cost of one envelope, in ms. */
  get costMs(): number {
    return this.#costMs;
  }

  get waiting(): number {
    return this.#entries.length;
  }

  /**
   * Calls `answer` by `dueAt` less the lag then (earlier when others are due around then);
   * returns its cancel.
   */
  schedule(dueAt: number, answer: () => void): () => void {
    const entry: Entry = { dueAt, answer };
    let index = this.#entries.length;
    while (index > 0 && this.#entries[index - 1]!.dueAt > dueAt) index--;
    this.#entries.splice(index, 0, entry);
    this.#arm();
    return () => {
      const at = this.#entries.indexOf(entry);
      if (at >= 0) this.#entries.splice(at, 1);
      if (this.#entries.length === 0) this.#disarm();
    };
  }

  /**
   * When answering must start: the earliest due time minus k envelope costs, over the k-th
   * waiting, all earlier by the loop's current lag (the wake itself runs that late).
   */
  #startAt(): number {
    let start = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.#entries.length; k++) start = Math.min(start, this.#entries[k]!.dueAt - (k + 1) * this.#costMs);
    return start - this.#scheduler.lagMs();
  }

  #arm(): void {
    const startAt = this.#startAt();
    // A wake already due (answering back to back) comes first anyway.
    if (startAt >= this.#wakeAt || this.#wakeAt <= this.#scheduler.now()) return;
    this.#disarm();
    this.#wakeAt = startAt;
    this.#cancelWake = this.#scheduler.at(() => this.#wake(), Math.max(0, startAt - this.#scheduler.now()));
  }

  #disarm(): void {
    this.#cancelWake?.();
    this.#cancelWake = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    this.#drainingSince = undefined;
  }

  #wake(): void {
    this.#cancelWake = undefined;
    this.#wakeAt = Number.POSITIVE_INFINITY;
    const now = this.#scheduler.now();
    if (this.#drainingSince !== undefined) {
      const measured = Math.min(MAX_COST_MS, Math.max(MIN_COST_MS, now - this.#drainingSince));
      this.#costMs += COST_WEIGHT * (measured - this.#costMs);
      this.#drainingSince = undefined;
    }
    if (this.#entries.length === 0) return;
    if (this.#startAt() > now) return this.#arm(); // ahead of schedule (or requests left meanwhile)
    const first = this.#entries.shift()!;
    first.answer();
    if (this.#startAt() > this.#scheduler.now()) return this.#arm();
    // Behind schedule or on it: the next one as soon as this envelope's work has run, and the
    // time until then is what one envelope costs.
    this.#disarm();
    this.#drainingSince = now;
    this.#wakeAt = now;
    this.#cancelWake = this.#scheduler.soon(() => this.#wake());
  }
}

let shared: EnvelopeQueue | undefined;

/** The process's one queue, on the real clock. */
export function envelopeQueue(): EnvelopeQueue {
  shared ??= new EnvelopeQueue({
    now: () => performance.now(),
    lagMs: () => processLag().allowanceMs,
    at: (run, delayMs) => {
      // Unref'd: a request waiting keeps the process alive by its socket, the queue does not.
      const timer = setTimeout(run, delayMs).unref();
      return () => clearTimeout(timer);
    },
    soon: (run) => {
      const immediate = setImmediate(run);
      return () => clearImmediate(immediate);
    },
  });
  return shared;
}
