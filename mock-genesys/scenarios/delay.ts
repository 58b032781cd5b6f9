// How long a step waits before its fault. Pure given a random source, so tests pin the numbers.
import type { Delay } from './types.js';

/** Upper bound for any sampled delay (the schema's 10 minutes), so a long lognormal tail stays finite. */
const MAX_DELAY_MS = 600_000;

/** A standard normal sample (Box–Muller) from two uniform samples. */
function standardNormal(random: () => number): number {
  const u1 = Math.max(random(), Number.MIN_VALUE);
  const u2 = random();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

export function sampleDelayMs(delay: Delay | undefined, random: () => number = Math.random): number {
  if (!delay) return 0;
  let delayMs: number;
  if ('fixed_ms' in delay) delayMs = delay.fixed_ms;
  else if ('uniform' in delay) delayMs = delay.uniform.min_ms + random() * (delay.uniform.max_ms - delay.uniform.min_ms);
  else delayMs = delay.lognormal.median_ms * Math.exp(delay.lognormal.sigma * standardNormal(random));
  return Math.min(MAX_DELAY_MS, Math.max(0, Math.round(delayMs)));
}
