// The delays of scenario steps, each cut short when its client goes away or the server closes.
// The server's close reaches them through one set of pending waits, not through a listener per
// waiting request on a shared AbortSignal: under load hundreds of requests wait at once, and
// that many listeners on one signal held a closure each and, on Node 20, raised
// MaxListenersExceededWarning.
import type { Socket } from 'node:net';

export class StepWaits {
  readonly #pending = new Set<() => void>();
  #closed = false;

  /** True once `close()` ran: new waits end at once, and no request should be answered. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Waits in progress. */
  get size(): number {
    return this.#pending.size;
  }

  /** Waits `delayMs`, or less when `socket` closes or `close()` is called. */
  wait(delayMs: number, socket: Socket): Promise<void> {
    if (this.#closed || socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        socket.off('close', done);
        this.#pending.delete(done);
        resolve();
      };
      const timer = setTimeout(done, delayMs);
      socket.once('close', done);
      this.#pending.add(done);
    });
  }

  /** Ends every wait now and every later one at once (server shutdown). */
  close(): void {
    this.#closed = true;
    for (const done of [...this.#pending]) done();
  }
}
