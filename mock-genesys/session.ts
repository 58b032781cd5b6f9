// Which scenario and session a request belongs to: chosen per request by headers so that
// concurrent test runs keep separate call counts and token state.
import type { FastifyRequest } from 'fastify';

export const SCENARIO_HEADER = 'x-mock-scenario';
export const SESSION_HEADER = 'x-mock-session';
export const SEED_HEADER = 'x-mock-seed';
export const DEFAULT_SESSION = 'default';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

export function sessionOf(request: FastifyRequest): string {
  return header(request, SESSION_HEADER) ?? DEFAULT_SESSION;
}

export function requestedScenarioOf(request: FastifyRequest): string | undefined {
  return header(request, SCENARIO_HEADER);
}

/** A seed for this request's random draws (the QA runner's --seed); overrides the scenario's. */
export function requestedSeedOf(request: FastifyRequest): number | undefined {
  const value = header(request, SEED_HEADER);
  if (value === undefined || !/^\d{1,10}$/.test(value)) return undefined;
  const seed = Number(value);
  return seed <= 0xffff_ffff ? seed : undefined;
}
