// Validates the body of POST /console/api/run. Pure: the body and the scenario lookup in,
// the scenario and request out, or a message a person can act on.
import type { Scenario } from '../scenarios/types.js';

/**
 * The proxy's DEFAULT_DEADLINE_MS default (README, "Configuration"): what the timeline draws when
 * the request sets none. Repeated here because the mock does not import the proxy (ARCHITECTURE.md).
 */
export const DEFAULT_DEADLINE_MS = 8000;

export type RunBody =
  | { ok: true; scenario: Scenario; request: Record<string, unknown>; deadlineMs: number }
  | { ok: false; error: 'invalid_body' | 'unknown_scenario'; message: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseRunBody(body: unknown, findScenario: (name: string) => Scenario | undefined, knownNames: () => string[]): RunBody {
  if (!isObject(body)) return { ok: false, error: 'invalid_body', message: 'Send a JSON object: {"scenario": "<name>", "request": {…}}.' };
  if (typeof body.scenario !== 'string' || body.scenario.trim() === '') {
    return { ok: false, error: 'invalid_body', message: '"scenario" must be the name of a scenario.' };
  }
  const scenario = findScenario(body.scenario);
  if (!scenario) {
    const known = knownNames();
    return {
      ok: false,
      error: 'unknown_scenario',
      message: `Unknown scenario "${body.scenario}". Known: ${known.length > 0 ? known.join(', ') : '(none loaded)'}.`,
    };
  }
  if (body.request !== undefined && !isObject(body.request)) {
    return { ok: false, error: 'invalid_body', message: '"request" must be a JSON object (the body a flow sends to /api/query).' };
  }
  const request = body.request ?? scenario.request;
  const deadlineMs = typeof request.deadline_ms === 'number' && Number.isFinite(request.deadline_ms) ? request.deadline_ms : DEFAULT_DEADLINE_MS;
  return { ok: true, scenario, request, deadlineMs };
}
