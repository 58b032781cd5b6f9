// The request journal: what the mock received and what it did, for the admin API, the QA
// runner and the end-to-end suite. A fixed-size ring buffer, so memory stays flat under load.
import type { FaultKind, RouteId } from './scenarios/types.js';

export interface JournalEntry {
  /** Increases by one per recorded request over the life of the process. */
  seq: number;
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** Path without query string. */
  path: string;
  route: RouteId | null;
  /** Details query page (1 when the body has none); null on other routes. */
  page: number | null;
  /** The scenario that decided (or the unknown name that was asked for); null when none was chosen. */
  scenario: string | null;
  session: string;
  rule_index: number | null;
  step_index: number | null;
  /** The fault applied, `pass` when the request was answered normally. */
  fault: FaultKind;
  /** The random draws that decided (present when the rule or step has a probability): each in [0, 1). */
  draw?: { rule?: number; step?: number };
  /** HTTP status sent; null when no status line was sent (reset, hang, empty, random bytes). */
  status: number | null;
  duration_ms: number;
}

export const DEFAULT_JOURNAL_LIMIT = 10_000;

export class Journal {
  readonly #entries: Array<JournalEntry | undefined>;
  /** Index the next entry is written to. */
  #next = 0;
  #size = 0;
  #seq = 0;

  constructor(readonly limit = DEFAULT_JOURNAL_LIMIT) {
    this.#entries = new Array<JournalEntry | undefined>(limit);
  }

  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    this.#seq += 1;
    const recorded = { seq: this.#seq, ...entry };
    if (this.limit === 0) return recorded;
    this.#entries[this.#next] = recorded;
    this.#next = (this.#next + 1) % this.limit;
    this.#size = Math.min(this.#size + 1, this.limit);
    return recorded;
  }

  /** Oldest first; only one session's entries when `session` is given. */
  entries(filter: { session?: string } = {}): JournalEntry[] {
    const start = (this.#next - this.#size + this.limit) % Math.max(this.limit, 1);
    const ordered: JournalEntry[] = [];
    for (let offset = 0; offset < this.#size; offset += 1) {
      const entry = this.#entries[(start + offset) % this.limit];
      if (entry && (filter.session === undefined || entry.session === filter.session)) ordered.push(entry);
    }
    return ordered;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
  }

  get size(): number {
    return this.#size;
  }
}

/**
 * Calls per route id (or "METHOD /path" for requests without one), the shape of a scenario's
 * `expect.upstream_calls`.
 */
export function upstreamCalls(entries: ReadonlyArray<Pick<JournalEntry, 'route' | 'method' | 'path'>>): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const entry of entries) {
    const key = entry.route ?? `${entry.method} ${entry.path}`;
    calls[key] = (calls[key] ?? 0) + 1;
  }
  return calls;
}
