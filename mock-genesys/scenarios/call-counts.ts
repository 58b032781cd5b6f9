// The engine's state: call counts per (scenario, x-mock-session), least recently used
// sessions forgotten first so a long load test keeps memory flat.
import { decide, type Decision, type RequestFacts } from './engine.js';
import type { Scenario } from './types.js';

export const DEFAULT_MAX_SESSIONS = 10_000;

export class CallCounts {
  /** `${scenario}\n${session}` → calls per rule index; Map order is recency order. */
  readonly #counts = new Map<string, number[]>();
  readonly #maxSessions: number;

  constructor(maxSessions = DEFAULT_MAX_SESSIONS) {
    this.#maxSessions = maxSessions;
  }

  /** Decides the request and counts it against its rule. */
  advance(scenario: Scenario, session: string, facts: RequestFacts): Decision {
    const key = `${scenario.name}\n${session}`;
    const before = this.#counts.get(key) ?? [];
    const { decision, counts } = decide(scenario, before, facts);
    this.#counts.delete(key);
    this.#counts.set(key, counts);
    if (this.#counts.size > this.#maxSessions) {
      const oldest = this.#counts.keys().next().value;
      if (oldest !== undefined) this.#counts.delete(oldest);
    }
    return decision;
  }

  /** A changed scenario starts its sequences again. */
  forgetScenario(name: string): void {
    for (const key of this.#counts.keys()) if (key.startsWith(`${name}\n`)) this.#counts.delete(key);
  }

  clear(): void {
    this.#counts.clear();
  }

  get size(): number {
    return this.#counts.size;
  }
}
