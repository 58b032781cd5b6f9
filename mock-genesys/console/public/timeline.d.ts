// Types of ./timeline.js for TypeScript importers, generated from its JSDoc; test/console/declarations.test.ts
// fails with the fresh text when they drift apart.
/**
 * What happened to a call, in words and as a kind: the status, with the fault's name when
 * a fault other than a plain status shaped it ('429 rate-limit', '200 truncated-body').
 * @param {JournalCall} call
 * @returns {{ outcome: string, kind: OutcomeKind }}
 */
export function describeOutcome(call: JournalCall): {
    outcome: string;
    kind: OutcomeKind;
};
/**
 * @param {JournalCall} call
 * @returns {string}
 */
export function labelOf(call: JournalCall): string;
/**
 * A round tick step (1, 2 or 5 × 10^k ms) giving at most `maxTicks` intervals over `axisMs`.
 * @param {number} axisMs
 * @param {number} [maxTicks]
 * @returns {number}
 */
export function tickStep(axisMs: number, maxTicks?: number): number;
/**
 * One unit for the whole axis, as few digits as the step needs: '0 ms', '400 ms' or '0 s', '2.5 s'.
 * @param {number} ms
 * @param {number} stepMs
 * @param {number} axisMs
 * @returns {string}
 */
export function tickLabel(ms: number, stepMs: number, axisMs: number): string;
/**
 * @param {TimelineInput} input
 * @returns {TimelineLayout}
 */
export function layoutTimeline({ journal, startedAt, elapsedMs, deadlineMs, timeIs }: TimelineInput): TimelineLayout;
/**
 * Milliseconds for people: '840 ms', '2.4 s', '12 s'.
 * @param {number} ms
 * @returns {string}
 */
export function formatMs(ms: number): string;
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
export const MIN_BAR_PCT: 0.6;
/**
 * The proxy answers a little before its deadline (it keeps time to build the envelope), so
 * "reached" allows this fraction of the deadline, at least DEADLINE_SLACK_MIN_MS.
 */
export const DEADLINE_SLACK_RATIO: 0.1;
export const DEADLINE_SLACK_MIN_MS: 250;
/**
 * One call the mock received, as its journal reports it (the fields the timeline reads).
 */
export type JournalCall = {
    /**
     * ISO time the mock saw the call (its start, see `timeIs`)
     */
    time: string;
    method: string;
    path: string;
    /**
     * route id ('token', 'analytics-query', …) or null
     */
    route: string | null;
    /**
     * details-query page number
     */
    page?: number | null | undefined;
    /**
     * fault applied: 'pass', 'status', 'reset', 'hang', …
     */
    fault: string;
    /**
     * HTTP status sent, null when none was
     */
    status: number | null;
    duration_ms: number;
};
/**
 * How a call ended, for colour and wording (never colour alone: `outcome` says it in text).
 */
export type OutcomeKind = "ok" | "throttled" | "error" | "network";
export type TimelineBar = {
    /**
     * 1-based, in start order
     */
    index: number;
    /**
     * e.g. 'token', 'analytics-query p2'
     */
    label: string;
    route: string | null;
    status: number | null;
    fault: string;
    /**
     * what happened, in words: '200', '429', 'hang', '200 truncated-body'
     */
    outcome: string;
    kind: OutcomeKind;
    /**
     * offset from the run's start
     */
    startMs: number;
    durationMs: number;
    endMs: number;
    /**
     * quiet time until the next call starts (0 when they overlap); null for the last
     */
    waitAfterMs: number | null;
    /**
     * bar start, percent of the axis
     */
    leftPct: number;
    /**
     * bar length, percent of the axis
     */
    widthPct: number;
    /**
     * length of the wait after the bar, percent of the axis (0 for the last)
     */
    waitWidthPct: number;
};
export type TimelineTick = {
    ms: number;
    pct: number;
    /**
     * '200 ms' on a short axis, '1.5 s' on a long one
     */
    label: string;
};
export type TimelineLayout = {
    bars: TimelineBar[];
    /**
     * full length of the axis
     */
    axisMs: number;
    deadlineMs: number;
    deadlinePct: number;
    /**
     * when the proxy's envelope arrived
     */
    answeredMs: number;
    answeredPct: number;
    /**
     * the run went on until (about) its deadline
     */
    deadlineReached: boolean;
    ticks: TimelineTick[];
};
export type TimelineInput = {
    journal: JournalCall[];
    /**
     * ISO time the request was sent to the proxy
     */
    startedAt: string;
    /**
     * time until the proxy's answer
     */
    elapsedMs: number;
    /**
     * the request's deadline
     */
    deadlineMs: number;
    /**
     * whether a journal `time` is the call's start (default) or end
     */
    timeIs?: "start" | "end" | undefined;
};
