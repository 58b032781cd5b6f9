// Which branch a flow takes on a proxy answer, and how good the answer is: pure, so the console
// shows what Architect, Twilio and CXone would really do. A non-2xx answer takes the flow's
// Failure path whatever the envelope says (Architect and Twilio drop the body on non-2xx).

/**
 * @typedef {{ action: string, title: string, meaning: string }} FlowBranch
 * @typedef {'complete' | 'partial' | 'stale' | 'fallback' | 'failure'} AnswerKind
 * @typedef {{ taken: string, answer: AnswerKind, note: string }} FlowOutcome
 */

/** The flow's branches in the order designers lay them out: the envelope's five, then Failure. */
/** @type {readonly FlowBranch[]} */
export const FLOW_BRANCHES = [
  { action: 'process_data', title: 'Process data', meaning: 'Data arrived: the flow reads it and carries on.' },
  { action: 'wait_and_retry', title: 'Wait and retry', meaning: 'Genesys throttled: the flow waits retry_after seconds, then tries again.' },
  { action: 'route_to_fallback', title: 'Route to fallback', meaning: 'Genesys is down or unreachable: the caller hears the apology or goes to the callback queue.' },
  { action: 'refresh_token', title: 'Refresh token', meaning: 'Credentials rejected even with a fresh token: fix the OAuth client.' },
  { action: 'log_permission_error', title: 'Log permission error', meaning: 'The OAuth client lacks a role: the flow writes the error log.' },
  { action: 'failure', title: 'Failure path', meaning: 'The proxy answered non-2xx (a caller mistake): the HTTP step fails before any envelope field is read.' },
];

/**
 * @param {number} httpStatus the proxy's HTTP status
 * @param {Record<string, unknown>} envelope
 * @returns {FlowOutcome}
 */
export function flowOutcome(httpStatus, envelope) {
  if (httpStatus < 200 || httpStatus > 299) {
    const cause = typeof envelope.message === 'string' ? envelope.message : typeof envelope.error_code === 'string' ? envelope.error_code : 'no envelope';
    return {
      taken: 'failure',
      answer: 'failure',
      note: `HTTP ${httpStatus}: Architect and Twilio take the Failure path on any non-2xx and lose the body; CXone gets the status in a variable. Fix the request: ${cause}.`,
    };
  }
  const taken = typeof envelope.action === 'string' ? envelope.action : 'none';
  if (envelope.success !== true) return { taken, answer: 'fallback', note: '' };
  if (envelope.stale === true || envelope.cache === 'stale') {
    const age = typeof envelope.age_ms === 'number' ? ` ${Math.round(envelope.age_ms / 1000)} s old` : '';
    return { taken, answer: 'stale', note: `Stale answer${age}: Genesys failed and the proxy served its last good data from the cache.` };
  }
  if (envelope.truncated === true) {
    const counts = typeof envelope.record_count === 'number' && typeof envelope.total_hits === 'number' ? `${envelope.record_count} of ${envelope.total_hits} records` : 'some records';
    return { taken, answer: 'partial', note: `Partial data: ${counts}; the rest was left out (page cap, deadline or byte budget).` };
  }
  return { taken, answer: 'complete', note: '' };
}
