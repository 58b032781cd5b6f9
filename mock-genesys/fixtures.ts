// Recorded answers (fixtures) for `fixture` steps: read from MOCK_FIXTURES_DIR on first use and
// kept in memory. A fixture is JSON: { status, headers, body }, as the recorder writes it.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface Fixture {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, or text when the answer was not JSON. */
  body: unknown;
}

/** Fixture names are file names without .json: no separators, nothing hidden. */
export const FIXTURE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

/** A fixture larger than this is refused (it would be held in memory). */
const MAX_FIXTURE_BYTES = 16 * 1_048_576;

export class FixtureStore {
  readonly #cache = new Map<string, Fixture>();

  constructor(readonly dir: string) {}

  /** The fixture of that name, or why it cannot be used. */
  get(name: string): Fixture | { problem: string } {
    const cached = this.#cache.get(name);
    if (cached) return cached;
    if (!FIXTURE_NAME.test(name)) return { problem: `fixture name ${JSON.stringify(name.slice(0, 100))} is not a file name` };
    const file = path.join(this.dir, `${name}.json`);
    try {
      if (statSync(file).size > MAX_FIXTURE_BYTES) return { problem: `fixture ${name} is larger than ${MAX_FIXTURE_BYTES} bytes` };
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<Fixture>;
      if (typeof data.status !== 'number' || data.status < 200 || data.status > 599) return { problem: `fixture ${name} has no valid status` };
      const fixture: Fixture = { status: data.status, headers: typeof data.headers === 'object' && data.headers !== null ? data.headers : {}, body: data.body ?? '' };
      this.#cache.set(name, fixture);
      return fixture;
    } catch (error) {
      return { problem: `fixture ${name} cannot be read from ${this.dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
    }
  }

  clear(): void {
    this.#cache.clear();
  }
}
