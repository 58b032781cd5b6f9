// What the console says a flow does with an answer: non-2xx is the Failure path whatever the
// envelope says; a partial or stale success is process_data, shown as partial or stale.
import { describe, expect, it } from 'vitest';
import { FLOW_BRANCHES, flowOutcome } from '../../mock-genesys/console/public/branch.js';

const fallback = { success: false, action: 'route_to_fallback', fallback_type: 'invalid_request', error_code: 'invalid_request', message: 'deadline_ms must be >= 1000' };

describe('flowOutcome', () => {
  it.each([400, 401, 413, 415, 500])('takes the Failure path on HTTP %i, naming what to fix', (status) => {
    const outcome = flowOutcome(status, fallback);
    expect(outcome).toMatchObject({ taken: 'failure', answer: 'failure' });
    expect(outcome.note).toContain(`HTTP ${status}`);
    expect(outcome.note).toContain('deadline_ms must be >= 1000');
  });

  it('takes the envelope action on a 200 fallback', () => {
    expect(flowOutcome(200, { success: false, action: 'wait_and_retry' })).toEqual({ taken: 'wait_and_retry', answer: 'fallback', note: '' });
  });

  it('shows a complete success as such', () => {
    expect(flowOutcome(200, { success: true, action: 'process_data', truncated: false })).toEqual({ taken: 'process_data', answer: 'complete', note: '' });
  });

  it('shows a truncated success as partial, with the counts', () => {
    const outcome = flowOutcome(200, { success: true, action: 'process_data', truncated: true, record_count: 5, total_hits: 40 });
    expect(outcome).toMatchObject({ taken: 'process_data', answer: 'partial' });
    expect(outcome.note).toContain('5 of 40 records');
  });

  it.each([
    ['stale: true', { stale: true, age_ms: 42_000 }],
    ['cache: stale', { cache: 'stale', age_ms: 42_000 }],
  ])('shows a stale answer (%s) as stale with its age, even when also truncated', (_name, fields) => {
    const outcome = flowOutcome(200, { success: true, action: 'process_data', truncated: true, ...fields });
    expect(outcome).toMatchObject({ taken: 'process_data', answer: 'stale' });
    expect(outcome.note).toContain('42 s old');
  });

  it('has the five envelope branches and the Failure path', () => {
    expect(FLOW_BRANCHES.map((branch) => branch.action)).toEqual(['process_data', 'wait_and_retry', 'route_to_fallback', 'refresh_token', 'log_permission_error', 'failure']);
  });
});
