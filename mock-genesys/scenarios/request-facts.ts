// The facts the engine decides on, read from a Fastify request: the Genesys route (found by
// routeIdOf in genesys/route-ids.ts), the method and path, the details query's page, and —
// only when a rule of the scenario tests them — the body, headers, query and path parameters.
import type { FastifyRequest } from 'fastify';
import { pathOf, pathParamsAt } from '../genesys/route-ids.js';
import type { RequestFacts } from './engine.js';
import { needsRequestDetails, type MatchInput } from './match.js';
import type { RouteId, Scenario } from './types.js';

/** A body larger than this (pass-through bytes) is not parsed for matching: it matches no body predicate. */
const MAX_MATCHED_BODY_BYTES = 1_048_576;

/** The body as JSON data: parsed already, or raw bytes in pass-through mode; undefined when not JSON. */
export function jsonBodyOf(body: unknown): unknown {
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    if (body.length > MAX_MATCHED_BODY_BYTES) return undefined;
    try {
      return JSON.parse(body.toString()) as unknown;
    } catch {
      return undefined;
    }
  }
  return body ?? undefined;
}

/** paging.pageNumber of a details query body (parsed, or raw bytes in pass-through mode); 1 when absent. */
export function pageOf(body: unknown): number {
  const pageNumber = (jsonBodyOf(body) as { paging?: { pageNumber?: unknown } } | null | undefined)?.paging?.pageNumber;
  return typeof pageNumber === 'number' && Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
}

const detailed = new WeakMap<Scenario, boolean>();

function scenarioNeedsDetails(scenario: Scenario): boolean {
  let needs = detailed.get(scenario);
  if (needs === undefined) {
    needs = scenario.rules.some((rule) => needsRequestDetails(rule.match));
    detailed.set(scenario, needs);
  }
  return needs;
}

/** Query parameters by name; a repeated one as a list. */
function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const known = query[name];
    query[name] = known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value];
  }
  return query;
}

function detailsOf(request: FastifyRequest, route: RouteId | undefined): MatchInput {
  const path = pathOf(request.url);
  return {
    body: jsonBodyOf(request.body),
    headers: request.headers,
    query: queryOf(request.url.slice(path.length + 1)),
    params: route ? pathParamsAt(route, request.method, path) : {},
  };
}

export function requestFacts(request: FastifyRequest, route: RouteId | undefined, scenario: Scenario): RequestFacts {
  return {
    route,
    method: request.method,
    path: pathOf(request.url),
    page: route === 'analytics-query' ? pageOf(request.body) : undefined,
    ...(scenarioNeedsDetails(scenario) ? { details: detailsOf(request, route) } : {}),
  };
}
