import { describe, expect, it } from 'vitest';
import { DEFAULT_DEADLINE_MS, parseRunBody } from '../../mock-genesys/console/run-body.js';
import type { Scenario } from '../../mock-genesys/scenarios/types.js';

const forbidden: Scenario = { name: 'forbidden', description: '403', file: '/x/forbidden.yaml', rules: [], request: { deadline_ms: 3000 }, expect: {} };
const find = (name: string): Scenario | undefined => (name === 'forbidden' ? forbidden : undefined);
const names = (): string[] => ['forbidden', 'happy-path'];

describe('parseRunBody', () => {
  it('takes a known scenario with the edited request and its deadline', () => {
    expect(parseRunBody({ scenario: 'forbidden', request: { deadline_ms: 1500 } }, find, names)).toEqual({ ok: true, scenario: forbidden, request: { deadline_ms: 1500 }, deadlineMs: 1500 });
  });

  it("falls back to the scenario's request, and to the proxy's default deadline", () => {
    expect(parseRunBody({ scenario: 'forbidden' }, find, names)).toMatchObject({ ok: true, request: { deadline_ms: 3000 }, deadlineMs: 3000 });
    expect(parseRunBody({ scenario: 'forbidden', request: {} }, find, names)).toMatchObject({ ok: true, deadlineMs: DEFAULT_DEADLINE_MS });
  });

  it('refuses an unknown scenario, listing the known ones', () => {
    const result = parseRunBody({ scenario: 'nope', request: {} }, find, names);
    expect(result).toEqual({ ok: false, error: 'unknown_scenario', message: 'Unknown scenario "nope". Known: forbidden, happy-path.' });
  });

  it('refuses a request that is not a JSON object, and a body without a scenario', () => {
    expect(parseRunBody({ scenario: 'forbidden', request: [1] }, find, names)).toMatchObject({ ok: false, error: 'invalid_body' });
    expect(parseRunBody({ scenario: 'forbidden', request: 'x' }, find, names)).toMatchObject({ ok: false, error: 'invalid_body' });
    expect(parseRunBody({ request: {} }, find, names)).toMatchObject({ ok: false, error: 'invalid_body' });
    expect(parseRunBody(null, find, names)).toMatchObject({ ok: false, error: 'invalid_body' });
  });
});
