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
  /** MOCK_JOURNAL_BODIES=on: the request body, secrets scrubbed, cut to JOURNAL_BODY_MAX_CHARS. */
  body?: string;
  /** MOCK_JOURNAL_BODIES=on: the parameters of the step's fault (as in the scenario). */
  fault_params?: Record<string, unknown>;
  /** HTTP status sent; null when no status line was sent (reset, hang, empty, random bytes). */
  status: number | null;
  duration_ms: number;
}

export const DEFAULT_JOURNAL_LIMIT = 10_000;

/** How much of a request body a journal entry keeps. */
export const JOURNAL_BODY_MAX_CHARS = 4_096;

/** Fields whose values never reach the journal (form or JSON), compared case-insensitively. */
const SECRET_FIELDS = /^(client_secret|password|secret|access_token|refresh_token|id_token|token|assertion|code|api_key|apikey|authorization)$/i;
const SCRUBBED = '[scrubbed]';

/** A request body as the journal keeps it: secrets scrubbed, then cut. undefined when empty. */
export function journalBody(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  let text: string;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    // Cut before scrubbing, with room for a field cut mid-way to still be recognised.
    const raw = Buffer.isBuffer(body) ? body.subarray(0, 4 * JOURNAL_BODY_MAX_CHARS).toString() : body.slice(0, 4 * JOURNAL_BODY_MAX_CHARS);
    text = scrubText(raw);
  } else if (typeof body === 'object') {
    text = JSON.stringify(body, (key, value: unknown) => (key !== '' && SECRET_FIELDS.test(key) ? SCRUBBED : value));
  } else text = String(body);
  if (text === '') return undefined;
  return text.length > JOURNAL_BODY_MAX_CHARS ? `${text.slice(0, JOURNAL_BODY_MAX_CHARS)}…` : text;
}

/** Scrubs secret fields of a form (`a=b&c=d`) or JSON text, and bearer/basic credentials. */
function scrubText(text: string): string {
  return text
    .replace(/(^|[&?])([^=&]+)=([^&]*)/g, (whole, lead: string, name: string) => (SECRET_FIELDS.test(decodeSafe(name)) ? `${lead}${name}=${SCRUBBED}` : whole))
    .replace(/("([^"\\]+)"\s*:\s*)"(?:[^"\\]|\\.)*"/g, (whole, lead: string, name: string) => (SECRET_FIELDS.test(name) ? `${lead}"${SCRUBBED}"` : whole))
    .replace(/\b(Bearer|Basic)\s+[\w\-.~+/=]+/gi, `$1 ${SCRUBBED}`);
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** What GET /__admin/journal can filter on; every given field must be equal. */
export interface JournalFilter {
  session?: string;
  route?: string;
  status?: number;
  fault?: string;
}

function passes(entry: JournalEntry, filter: JournalFilter): boolean {
  return (
    (filter.session === undefined || entry.session === filter.session) &&
    (filter.route === undefined || entry.route === filter.route) &&
    (filter.status === undefined || entry.status === filter.status) &&
    (filter.fault === undefined || entry.fault === filter.fault)
  );
}

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

  /** Oldest first; only the entries passing every field of `filter`. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const start = (this.#next - this.#size + this.limit) % Math.max(this.limit, 1);
    const ordered: JournalEntry[] = [];
    for (let offset = 0; offset < this.#size; offset += 1) {
      const entry = this.#entries[(start + offset) % this.limit];
      if (entry && passes(entry, filter)) ordered.push(entry);
    }
    return ordered;
  }

  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
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
