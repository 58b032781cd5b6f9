// Lays a run's upstream calls out on a time axis. Pure (data in, numbers out), a plain ES
// module so the page imports it as is and test/console/timeline.test.ts pins it.

/**
 * One call the mock received, as its journal reports it (the fields the timeline reads).
 * @typedef {object} JournalCall
 * @property {string} time ISO time the mock saw the call (its start, see `timeIs`)
 * @property {string} method
 * @property {string} path
 * @property {string | null} route route id ('token', 'analytics-query', …) or null
 * @property {number | null} [page] details-query page number
 * @property {string} fault fault applied: 'pass', 'status', 'reset', 'hang', …
 * @property {number | null} status HTTP status sent, null when none was
 * @property {number} duration_ms
 */

/**
 * How a call ended, for colour and wording (never colour alone: `outcome` says it in text).
 * @typedef {'ok' | 'throttled' | 'error' | 'network'} OutcomeKind
 */

/**
 * @typedef {object} TimelineBar
 * @property {number} index 1-based, in start order
 * @property {string} label e.g. 'token', 'analytics-query p2'
 * @property {string | null} route
 * @property {number | null} status
 * @property {string} fault
 * @property {string} outcome what happened, in words: '200', '429', 'hang', '200 truncated-body'
 * @property {OutcomeKind} kind
 * @property {number} startMs offset from the run's start
 * @property {number} durationMs
 * @property {number} endMs
 * @property {number | null} waitAfterMs quiet time until the next call starts (0 when they overlap); null for the last
 * @property {number} leftPct bar start, percent of the axis
 * @property {number} widthPct bar length, percent of the axis
 * @property {number} waitWidthPct length of the wait after the bar, percent of the axis (0 for the last)
 */

/**
 * @typedef {object} TimelineTick
 * @property {number} ms
 * @property {number} pct
 * @property {string} label '200 ms' on a short axis, '1.5 s' on a long one
 */

/**
 * @typedef {object} TimelineLayout
 * @property {TimelineBar[]} bars
 * @property {number} axisMs full length of the axis
 * @property {number} deadlineMs
 * @property {number} deadlinePct
 * @property {number} answeredMs when the proxy's envelope arrived
 * @property {number} answeredPct
 * @property {boolean} deadlineReached the run went on until (about) its deadline
 * @property {TimelineTick[]} ticks
 */

/**
 * @typedef {object} TimelineInput
 * @property {JournalCall[]} journal
 * @property {string} startedAt ISO time the request was sent to the proxy
 * @property {number} elapsedMs time until the proxy's answer
 * @property {number} deadlineMs the request's deadline
 * @property {'start' | 'end'} [timeIs] whether a journal `time` is the call's start (default) or end
 */

/** Bars narrower than this (percent) are drawn at this width so a 1 ms call stays visible. */
export const MIN_BAR_PCT = 0.6;

/**
 * The proxy answers a little before its deadline (it keeps time to build the envelope), so
 * "reached" allows this fraction of the deadline, at least DEADLINE_SLACK_MIN_MS.
 */
const DEADLINE_SLACK_RATIO = 0.1;
const DEADLINE_SLACK_MIN_MS = 250;

/** Faults that leave no usable answer even when a status line was sent. */
const BROKEN_BODY_FAULTS = ['empty', 'malformed-json', 'truncated-body', 'random-bytes'];

/**
 * What happened to a call, in words and as a kind: the status, with the fault's name when
 * a fault other than a plain status shaped it ('429 rate-limit', '200 truncated-body').
 * @param {JournalCall} call
 * @returns {{ outcome: string, kind: OutcomeKind }}
 */
export function describeOutcome(call) {
  if (call.status === null || call.status === undefined) return { outcome: call.fault, kind: 'network' };
  const plain = call.fault === 'pass' || call.fault === 'status';
  const outcome = plain ? String(call.status) : `${call.status} ${call.fault}`;
  if (BROKEN_BODY_FAULTS.includes(call.fault)) return { outcome, kind: 'network' };
  if (call.status >= 200 && call.status < 300) return { outcome, kind: 'ok' };
  return { outcome, kind: call.status === 429 ? 'throttled' : 'error' };
}

/**
 * @param {JournalCall} call
 * @returns {string}
 */
function labelOf(call) {
  const name = call.route ?? `${call.method} ${call.path}`;
  return typeof call.page === 'number' ? `${name} p${call.page}` : name;
}

/**
 * A round tick step (1, 2 or 5 × 10^k ms) giving at most `maxTicks` intervals over `axisMs`.
 * @param {number} axisMs
 * @param {number} [maxTicks]
 * @returns {number}
 */
export function tickStep(axisMs, maxTicks = 8) {
  const raw = Math.max(axisMs, 1) / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const factor of [1, 2, 5, 10]) {
    if (factor * power >= raw) return factor * power;
  }
  return 10 * power;
}

/**
 * One unit for the whole axis, as few digits as the step needs: '0 ms', '400 ms' or '0 s', '2.5 s'.
 * @param {number} ms
 * @param {number} stepMs
 * @param {number} axisMs
 * @returns {string}
 */
export function tickLabel(ms, stepMs, axisMs) {
  if (axisMs < 2000) return `${ms} ms`;
  if (ms === 0) return '0 s';
  const decimals = stepMs >= 1000 ? 0 : stepMs >= 100 ? 1 : 2;
  return `${(ms / 1000).toFixed(decimals)} s`;
}

/**
 * @param {TimelineInput} input
 * @returns {TimelineLayout}
 */
export function layoutTimeline({ journal, startedAt, elapsedMs, deadlineMs, timeIs = 'start' }) {
  const origin = Date.parse(startedAt);
  const timed = journal.map((call) => {
    const at = Date.parse(call.time) - origin;
    const durationMs = Math.max(0, call.duration_ms);
    const startMs = Math.max(0, timeIs === 'end' ? at - durationMs : at);
    return { call, startMs, durationMs, endMs: startMs + durationMs };
  });
  // Stable sort: calls that start in the same millisecond keep the journal's order.
  timed.sort((a, b) => a.startMs - b.startMs);

  const answeredMs = Math.max(0, elapsedMs);
  const lastEndMs = timed.reduce((latest, t) => Math.max(latest, t.endMs), 0);
  const furthest = Math.max(deadlineMs, answeredMs, lastEndMs, 1);
  // A little room past the furthest mark so the deadline line is not on the edge.
  const axisMs = Math.ceil((furthest * 1.05) / tickStep(furthest)) * tickStep(furthest);
  const pct = (/** @type {number} */ ms) => (ms / axisMs) * 100;

  const bars = timed.map((t, i) => {
    const next = timed[i + 1];
    const { outcome, kind } = describeOutcome(t.call);
    const leftPct = pct(t.startMs);
    return {
      index: i + 1,
      label: labelOf(t.call),
      route: t.call.route,
      status: t.call.status,
      fault: t.call.fault,
      outcome,
      kind,
      startMs: t.startMs,
      durationMs: t.durationMs,
      endMs: t.endMs,
      waitAfterMs: next ? Math.max(0, next.startMs - t.endMs) : null,
      leftPct,
      widthPct: Math.min(Math.max(pct(t.durationMs), MIN_BAR_PCT), 100 - leftPct),
      waitWidthPct: next ? pct(Math.max(0, next.startMs - t.endMs)) : 0,
    };
  });

  const step = tickStep(axisMs);
  /** @type {TimelineTick[]} */
  const ticks = [];
  for (let ms = 0; ms <= axisMs; ms += step) ticks.push({ ms, pct: pct(ms), label: tickLabel(ms, step, axisMs) });

  const slackMs = Math.max(DEADLINE_SLACK_MIN_MS, deadlineMs * DEADLINE_SLACK_RATIO);
  return {
    bars,
    axisMs,
    deadlineMs,
    deadlinePct: pct(deadlineMs),
    answeredMs,
    answeredPct: pct(answeredMs),
    deadlineReached: Math.max(answeredMs, lastEndMs) >= deadlineMs - slackMs,
    ticks,
  };
}

/**
 * Milliseconds for people: '840 ms', '2.4 s', '12 s'.
 * @param {number} ms
 * @returns {string}
 */
export function formatMs(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}
