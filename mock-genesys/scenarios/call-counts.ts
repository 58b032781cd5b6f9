// The engine's state: call counts per (scenario, x-mock-session), least recently used
// sessions forgotten first so a long load test keeps memory flat.
import { drawUnit } from './draw.js';
import { decide, NO_COUNTS, type Decision, type RequestFacts, type RuleCounts } from './engine.js';
import type { Scenario } from './types.js';

export const DEFAULT_MAX_SESSIONS = 10_000;

/** Seed and session of a request's draws (see CallCounts.advance). */
export function drawKeyOf(scenario: Scenario, session: string, seedOverride: number | undefined): { seed: number; scenario: string; session: string } {
  return seedOverride === undefined ? { seed: scenario.seed ?? 0, scenario: scenario.name, session } : { seed: seedOverride, scenario: scenario.name, session: '' };
}

export class CallCounts {
  /** `${scenario}\n${session}` → counts per rule index; Map order is recency order. */
  readonly #counts = new Map<string, RuleCounts>();
  readonly #maxSessions: number;

  constructor(maxSessions = DEFAULT_MAX_SESSIONS) {
    this.#maxSessions = maxSessions;
  }

  /**
   * Decides the request and counts it against its rule. Draws depend on the scenario's seed and
   * the session; a `seedOverride` (x-mock-seed) replaces both, so any session replays its draws.
   */
  advance(scenario: Scenario, session: string, facts: RequestFacts, seedOverride?: number): Decision {
    const key = `${scenario.name}\n${session}`;
    const before = this.#counts.get(key) ?? NO_COUNTS;
    const drawKey = drawKeyOf(scenario, session, seedOverride);
    const { decision, counts } = decide(scenario, before, facts, (ruleIndex, callIndex, purpose) => drawUnit({ ...drawKey, ruleIndex, callIndex }, purpose));
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

  /** Sessions (per scenario) counted now. */
  get size(): number {
    return this.#counts.size;
  }
}
