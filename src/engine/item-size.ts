// How many bytes a whole item (a conversation as Genesys sends it) takes in the envelope, learned
// from the answers so far. The first page of a query has nothing of its own to go on: asking
// Genesys for the flow's `page_size: 100` when about 15 conversations fit the envelope reads,
// parses and drops the other 85 (4 ms of CPU instead of under 1). With this estimate the first
// page asks for what the budget is expected to hold, with a margin; when the estimate was high
// for this query, paging fills the rest with smaller aligned pages (paginate.ts).

/** Weight of the newest answer in the running average: a few answers move it, one odd query does not. */
const NEWEST_WEIGHT = 0.2;

export class ItemSizeEstimate {
  #bytesPerItem: number | undefined;

  /** Records an answer's whole items: their bytes and how many there were. */
  observe(bytes: number, items: number): void {
    if (items <= 0 || !Number.isFinite(bytes)) return;
    const average = bytes / items;
    this.#bytesPerItem = this.#bytesPerItem === undefined ? average : this.#bytesPerItem + NEWEST_WEIGHT * (average - this.#bytesPerItem);
  }

  /** The running average of bytes per item; undefined before any answer had items. */
  get bytesPerItem(): number | undefined {
    return this.#bytesPerItem;
  }
}
