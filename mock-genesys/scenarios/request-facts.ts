// The facts the engine decides on, read from a Fastify request: which Genesys route
// (the route's config.routeId, else known method + path, which also covers pass-through),
// and the details query's page.
import type { FastifyRequest } from 'fastify';
import type { RequestFacts } from './engine.js';
import { ROUTE_IDS, type RouteId } from './types.js';

/** Where each route id lives on the real API; used when a route carries no routeId (pass-through). */
export const ROUTE_LOCATIONS: Record<RouteId, { method: string; path: string }> = {
  token: { method: 'POST', path: '/oauth/token' },
  'analytics-query': { method: 'POST', path: '/api/v2/analytics/conversations/details/query' },
  queues: { method: 'GET', path: '/api/v2/routing/queues' },
  organization: { method: 'GET', path: '/api/v2/organizations/me' },
};

export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

function isRouteId(value: unknown): value is RouteId {
  return typeof value === 'string' && (ROUTE_IDS as readonly string[]).includes(value);
}

export function routeIdOf(request: FastifyRequest): RouteId | undefined {
  const configured = (request.routeOptions.config as { routeId?: unknown } | undefined)?.routeId;
  if (isRouteId(configured)) return configured;
  const path = pathOf(request.url).replace(/\/+$/, '');
  return ROUTE_IDS.find((id) => ROUTE_LOCATIONS[id].method === request.method && ROUTE_LOCATIONS[id].path === path);
}

/** paging.pageNumber of a details query body (parsed, or raw bytes in pass-through mode); 1 when absent. */
export function pageOf(body: unknown): number {
  let parsed = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      parsed = JSON.parse(body.toString());
    } catch {
      return 1;
    }
  }
  const pageNumber = (parsed as { paging?: { pageNumber?: unknown } } | null | undefined)?.paging?.pageNumber;
  return typeof pageNumber === 'number' && Number.isInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
}

export function requestFacts(request: FastifyRequest, route: RouteId | undefined): RequestFacts {
  return {
    route,
    method: request.method,
    path: pathOf(request.url),
    page: route === 'analytics-query' ? pageOf(request.body) : undefined,
  };
}
