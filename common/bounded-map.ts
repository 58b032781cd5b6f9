// A Map that holds at most `maxEntries`: inserting a new key beyond that drops the oldest
// insertion. For per-key state that callers can create at will (one entry per test session,
// per query), so memory stays flat however many keys arrive.

export class BoundedMap<K, V> extends Map<K, V> {
  readonly #maxEntries: number;

  /** `onEvict` hears of each entry dropped to make room (to release what it held elsewhere). */
  constructor(
    maxEntries: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {
    super();
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError(`maxEntries must be a whole number ≥ 1, got ${maxEntries}`);
    this.#maxEntries = maxEntries;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.#maxEntries) {
      const [oldestKey, oldestValue] = this.entries().next().value as [K, V];
      this.delete(oldestKey);
      this.onEvict?.(oldestKey, oldestValue);
    }
    return super.set(key, value);
  }
}
