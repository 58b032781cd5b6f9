// When a request arrived, as near as the proxy can tell. The caller's deadline runs from its own
// send, but the proxy's clock for a request starts when Node has parsed it. Under a burst of
// fresh connections the event loop works through the first requests while the others wait
// unseen, first in the kernel's accept queue, then as unread bytes: measured with 200 at once,
// up to 700 ms between the caller's connect and the proxy's accept, and up to 520 ms more
// until the request was parsed. That wait came out of the envelope's margin.
//
// The rule: bytes that arrive while the loop is idle are read at once, so a request can only have
// waited while the loop was busy without a pause. Its clock therefore starts at the beginning of
// the loop's current busy stretch when that is earlier than its parse (at most
// MAX_WAIT_CREDIT_MS earlier). When the loop idles between requests, the normal case, the
// stretch is a few milliseconds and nothing changes; in a burst every request is counted from
// the burst's start (one that came later in it gets an envelope that much earlier).
//
// The busy stretch is read from the loop's idle time (performance.eventLoopUtilization), sampled
// by a 10 ms heartbeat: a beat that finds no new idle time since the previous one means the loop
// has not waited for I/O in between. Time the process spends waiting for a CPU while its poll
// has work ready counts as idle there, so on an oversubscribed host the credit falls short; the
// lag allowance (engine/lag.ts) and the envelope queue (envelope-queue.ts) cover the rest.
import type { IncomingMessage, Server } from 'node:http';
import { performance } from 'node:perf_hooks';

/** Never count more than this before a request's parse. */
export const MAX_WAIT_CREDIT_MS = 1000;
export const ARRIVAL_HEARTBEAT_MS = 10;
/** Idle time below this between two looks is a poll that found work waiting, not a pause. */
const IDLE_EPSILON_MS = 1;

/** Since when the event loop has been busy without pausing to wait for I/O. */
export class BusyStretch {
  readonly #now: () => number;
  readonly #idleMs: () => number;
  #beatIdleMs: number;
  #busySince: number;

  constructor(now: () => number, idleMs: () => number) {
    this.#now = now;
    this.#idleMs = idleMs;
    this.#beatIdleMs = idleMs();
    this.#busySince = now();
  }

  /** The heartbeat: if the loop paused since the last beat, a new stretch can only start now. */
  beat(): void {
    const idle = this.#idleMs();
    if (idle - this.#beatIdleMs > IDLE_EPSILON_MS) this.#busySince = this.#now();
    this.#beatIdleMs = idle;
  }

  /** When the current stretch began (now, if the loop paused since the last beat). */
  since(): number {
    if (this.#idleMs() - this.#beatIdleMs > IDLE_EPSILON_MS) return this.#now();
    return this.#busySince;
  }
}

/** How long a request parsed at `parsedAt` may have waited unseen: back to the stretch's start, capped. */
export function waitCredit(parsedAt: number, busySince: number): number {
  return Math.min(MAX_WAIT_CREDIT_MS, Math.max(0, parsedAt - busySince));
}

const waited = new WeakMap<IncomingMessage, number>();

/** Credits every request, as Node hands it over, the time it may have waited unseen. */
export function trackArrivals(server: Server): void {
  const stretch = new BusyStretch(
    () => performance.now(),
    () => performance.eventLoopUtilization().idle,
  );
  const heartbeat = setInterval(() => stretch.beat(), ARRIVAL_HEARTBEAT_MS);
  heartbeat.unref();
  server.once('close', () => clearInterval(heartbeat));
  // Before Fastify's own listener: the credit is known by the time the route runs.
  server.prependListener('request', (request: IncomingMessage) => {
    const credit = waitCredit(performance.now(), stretch.since());
    if (credit > 0) waited.set(request, credit);
  });
}

/** Milliseconds the request may have waited before Node parsed it (0 when none). */
export function waitedMs(request: IncomingMessage): number {
  return waited.get(request) ?? 0;
}
