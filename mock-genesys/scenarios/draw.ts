// Reproducible randomness for scenarios: every draw is a pure function of the scenario's seed,
// the session, the rule, the rule's call count and what is drawn, so a run replays exactly
// (same seed, same session, same calls → same faults and delays), whatever else runs at once.
import { createHash } from 'node:crypto';

/** Where a draw belongs; all parts together pick the number. */
export interface DrawKey {
  seed: number;
  scenario: string;
  session: string;
  ruleIndex: number;
  /** 0-based count of this rule's calls (for a rule's own draw: of its matching requests). */
  callIndex: number;
}

/** A number in [0, 1) from the key and a purpose (`rule`, `step`, `delay-0`, …). */
export function drawUnit(key: DrawKey, purpose: string): number {
  const digest = createHash('sha256')
    .update(`${key.seed}\n${key.scenario}\n${key.session}\n${key.ruleIndex}\n${key.callIndex}\n${purpose}`)
    .digest();
  // 48 bits are exact in a double.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** A random source for delay sampling, reproducible from the key. */
export function seededRandom(key: DrawKey): () => number {
  let n = 0;
  return () => drawUnit(key, `delay-${n++}`);
}
