// Event-loop lag, measured with perf_hooks.monitorEventLoopDelay: under a burst the loop runs
// late, so a timer set for the deadline fires late too. The envelope timer fires earlier by the
// recent lag so the envelope still leaves in time. The 90th percentile of a window is used: a
// sustained burst raises it, a single stall (a module loading) does not.
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Sampling resolution of the histogram (its values include it). */
const RESOLUTION_MS = 10;
/** Each window's worst lag is kept for the next one too. */
const WINDOW_MS = 1000;
/** Never take more than this off a deadline (a stalled process cannot be fixed by starting earlier). */
export const MAX_LAG_ALLOWANCE_MS = 500;

export class LagMonitor {
  readonly #histogram: ReturnType<typeof monitorEventLoopDelay> = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  readonly #timer: NodeJS.Timeout;
  #previousWindowMs = 0;

  constructor() {
    this.#histogram.enable();
    this.#timer = setInterval(() => {
      this.#previousWindowMs = this.#windowLagMs();
      this.#histogram.reset();
    }, WINDOW_MS);
    this.#timer.unref();
  }

  /** The recent lag, in milliseconds, capped: how much earlier the envelope timer fires. */
  get allowanceMs(): number {
    return Math.min(MAX_LAG_ALLOWANCE_MS, Math.max(this.#previousWindowMs, this.#windowLagMs()));
  }

  #windowLagMs(): number {
    const lagNs = this.#histogram.count > 0 ? this.#histogram.percentile(90) : 0;
    return Math.max(0, Math.round(lagNs / 1e6 - RESOLUTION_MS));
  }

  close(): void {
    clearInterval(this.#timer);
    this.#histogram.disable();
  }
}

let shared: LagMonitor | undefined;

/** The process's one monitor, started on first use (its timer never keeps the process alive). */
export function processLag(): LagMonitor {
  shared ??= new LagMonitor();
  return shared;
}
