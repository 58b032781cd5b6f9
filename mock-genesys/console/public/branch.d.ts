// Types of ./branch.js for TypeScript importers, generated from its JSDoc; test/console/declarations.test.ts
// fails with the fresh text when they drift apart.
/**
 * @param {number} httpStatus the proxy's HTTP status
 * @param {Record<string, unknown>} envelope
 * @returns {FlowOutcome}
 */
export function flowOutcome(httpStatus: number, envelope: Record<string, unknown>): FlowOutcome;
/**
 * @typedef {{ action: string, title: string, meaning: string }} FlowBranch
 * @typedef {'complete' | 'partial' | 'stale' | 'fallback' | 'failure'} AnswerKind
 * @typedef {{ taken: string, answer: AnswerKind, note: string }} FlowOutcome
 */
/** The flow's branches in the order designers lay them out: the envelope's five, then Failure. */
/** @type {readonly FlowBranch[]} */
export const FLOW_BRANCHES: readonly FlowBranch[];
export type FlowBranch = {
    action: string;
    title: string;
    meaning: string;
};
export type AnswerKind = "complete" | "partial" | "stale" | "fallback" | "failure";
export type FlowOutcome = {
    taken: string;
    answer: AnswerKind;
    note: string;
};
