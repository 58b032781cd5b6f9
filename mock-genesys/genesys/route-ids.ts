// Route ids the fault engine matches rules on (`request.routeOptions.config.routeId`), and
// which route a request is: its route's config, else its known method + path (pass-through).
import type { FastifyRequest } from 'fastify';
import { ROUTE_IDS, type RouteId } from '../scenarios/types.js';
import {
  CALLBACKS_PATH,
  DATA_TABLE_ROW_PATH,
  DATA_TABLES_PATH,
  DETAILS_QUERY_PATH,
  ESTIMATED_WAIT_TIME_PATH,
  EXTERNAL_CONTACTS_PATH,
  MEDIA_ESTIMATED_WAIT_TIME_PATH,
  ORGANIZATION_PATH,
  PARTICIPANT_ATTRIBUTES_PATH,
  QUEUE_OBSERVATIONS_PATH,
  QUEUES_PATH,
  TOKEN_PATH,
  USER_PRESENCE_PATH,
  USER_ROUTING_STATUS_PATH,
  USERS_PATH,
} from './paths.js';

export type { RouteId };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which Genesys route this is, for scenario rules (`match.route`). */
    routeId?: RouteId;
  }
}

/** Where each route id lives on the real API; used when a route carries no routeId (pass-through). */
export const ROUTE_LOCATIONS: Record<RouteId, ReadonlyArray<{ method: string; path: string }>> = {
  token: [{ method: 'POST', path: TOKEN_PATH }],
  'analytics-query': [{ method: 'POST', path: DETAILS_QUERY_PATH }],
  queues: [{ method: 'GET', path: QUEUES_PATH }],
  organization: [{ method: 'GET', path: ORGANIZATION_PATH }],
  'queue-estimated-wait-time': [
    { method: 'GET', path: ESTIMATED_WAIT_TIME_PATH },
    { method: 'GET', path: MEDIA_ESTIMATED_WAIT_TIME_PATH },
  ],
  'queue-activity': [{ method: 'POST', path: QUEUE_OBSERVATIONS_PATH }],
  'user-routing-status': [{ method: 'GET', path: USER_ROUTING_STATUS_PATH }],
  'user-presence': [{ method: 'GET', path: USER_PRESENCE_PATH }],
  'contact-by-phone': [{ method: 'GET', path: EXTERNAL_CONTACTS_PATH }],
  'data-tables': [{ method: 'GET', path: DATA_TABLES_PATH }],
  'data-table-row': [{ method: 'GET', path: DATA_TABLE_ROW_PATH }],
  'create-callback': [{ method: 'POST', path: CALLBACKS_PATH }],
  'set-participant-data': [{ method: 'PATCH', path: PARTICIPANT_ATTRIBUTES_PATH }],
  users: [{ method: 'GET', path: USERS_PATH }],
};

/** Each location as a method and a whole-path pattern (`:param` is one path segment). */
const LOCATION_PATTERNS = ROUTE_IDS.flatMap((id) =>
  ROUTE_LOCATIONS[id].map(({ method, path }) => ({
    id,
    method,
    pattern: new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
  })),
);

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
  return LOCATION_PATTERNS.find(({ method, pattern }) => method === request.method && pattern.test(path))?.id;
}
