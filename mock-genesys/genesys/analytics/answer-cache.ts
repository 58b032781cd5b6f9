// Rendered details-query answers (one page of one selection), least recently used first out
// within a byte budget. A repeated page (paging through a result again, a flow polling, a
// benchmark loop) is sent as the same Buffer: a 100-conversation page is ~360 kB, and
// concatenating it afresh per request cost more CPU than the rest of the route (fresh large
// allocations fault in new pages and feed the GC). Callers never write into a cached Buffer.

export class AnswerCache {
  readonly #maxBytes: number;
  readonly #answers = new Map<string, Buffer>();
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  get(key: string): Buffer | undefined {
    const answer = this.#answers.get(key);
    if (answer) {
      // Refresh its place in the LRU order.
      this.#answers.delete(key);
      this.#answers.set(key, answer);
    }
    return answer;
  }

  /** Keeps `answer` unless it alone exceeds the budget; drops the least recently used to make room. */
  set(key: string, answer: Buffer): void {
    if (answer.length > this.#maxBytes) return;
    this.#forget(key);
    while (this.#bytes + answer.length > this.#maxBytes) {
      const oldest = this.#answers.keys().next().value as string;
      this.#forget(oldest);
    }
    this.#answers.set(key, answer);
    this.#bytes += answer.length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  #forget(key: string): void {
    const answer = this.#answers.get(key);
    if (!answer) return;
    this.#answers.delete(key);
    this.#bytes -= answer.length;
  }
}
