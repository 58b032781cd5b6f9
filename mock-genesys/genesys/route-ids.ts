// Route ids the fault engine matches rules on (`request.routeOptions.config.routeId`), and
// which route a request is: its route's config, else its known method + path (pass-through).
import type { FastifyRequest } from 'fastify';
import { ROUTE_IDS, type RouteId } from '../scenarios/types.js';
import { DETAILS_QUERY_PATH, ORGANIZATION_PATH, QUEUES_PATH, TOKEN_PATH } from './paths.js';

export type { RouteId };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which Genesys route this is, for scenario rules (`match.route`). */
    routeId?: RouteId;
  }
}

/** Where each route id lives on the real API; used when a route carries no routeId (pass-through). */
export const ROUTE_LOCATIONS: Record<RouteId, { method: string; path: string }> = {
  token: { method: 'POST', path: TOKEN_PATH },
  'analytics-query': { method: 'POST', path: DETAILS_QUERY_PATH },
  queues: { method: 'GET', path: QUEUES_PATH },
  organization: { method: 'GET', path: ORGANIZATION_PATH },
};

export function routeConfig(routeId: RouteId): { routeId: RouteId } {
  return { routeId };
}

/** A URL's path, without the query string. */
export function pathOf(url: string): string {
  const queryAt = url.indexOf('?');
  return queryAt === -1 ? url : url.slice(0, queryAt);
}

/** The request's route id: its route's config, else its method + path (which also covers pass-through). */
export function routeIdOf(request: FastifyRequest): RouteId | undefined {
  const configured = request.routeOptions.config?.routeId;
  if (configured !== undefined) return configured;
  const path = pathOf(request.url).replace(/\/+$/, '');
  return ROUTE_IDS.find((id) => ROUTE_LOCATIONS[id].method === request.method && ROUTE_LOCATIONS[id].path === path);
}
