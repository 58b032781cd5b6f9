// The synthetic data set as seen at a moment: the last DATASET_DAYS UTC days up to now.
// Days are generated lazily and cached by day with a bound, so memory stays flat
// however long the mock runs and whatever intervals are asked for.
import { DAY_MS, dayIndexOf, generateDay, type StoredConversation } from './dataset.js';

/** Days of history, today included; covers a 31-day filtered query ending now. */
export const DATASET_DAYS = 35;
const MAX_CACHED_DAYS = 2 * DATASET_DAYS;
const HOUR_MS = 3_600_000;

export class ConversationStore {
  readonly #seed: number;
  readonly #days = new Map<number, StoredConversation[]>();

  constructor(seed: number) {
    this.#seed = seed;
  }

  /**
   * Conversations starting in [startMs, endMs) that have ended by `nowMs`, ordered by start.
   * Days outside the window (older than DATASET_DAYS, or after today) have none.
   */
  between(startMs: number, endMs: number, nowMs: number): StoredConversation[] {
    const today = dayIndexOf(nowMs);
    const firstDay = Math.max(dayIndexOf(startMs), today - DATASET_DAYS + 1);
    const lastDay = Math.min(dayIndexOf(endMs - 1), today);
    const found: StoredConversation[] = [];
    for (let day = firstDay; day <= lastDay; day += 1) {
      const dayStartMs = day * DAY_MS;
      // A whole, long-finished day needs no per-conversation checks (conversations last < 1 h).
      const whole = startMs <= dayStartMs && endMs >= dayStartMs + DAY_MS && dayStartMs + DAY_MS + HOUR_MS <= nowMs;
      for (const stored of this.#day(day)) {
        if (whole || (stored.conversationStartMs >= startMs && stored.conversationStartMs < endMs && stored.conversationEndMs <= nowMs)) {
          found.push(stored);
        }
      }
    }
    return found;
  }

  #day(day: number): StoredConversation[] {
    let conversations = this.#days.get(day);
    if (conversations) {
      // Refresh its place in the LRU order.
      this.#days.delete(day);
    } else {
      conversations = generateDay(this.#seed, day);
      if (this.#days.size >= MAX_CACHED_DAYS) this.#days.delete(this.#days.keys().next().value as number);
    }
    this.#days.set(day, conversations);
    return conversations;
  }
}
