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

/**
 * Where each route id lives on the real API; used when a route carries no routeId
 * (pass-through). `{name}` is one path segment.
 */
export const ROUTE_LOCATIONS: Record<RouteId, ReadonlyArray<{ method: string; path: string }>> = {
  token: [{ method: 'POST', path: TOKEN_PATH }],
  'analytics-query': [{ method: 'POST', path: DETAILS_QUERY_PATH }],
  queues: [{ method: 'GET', path: QUEUES_PATH }],
  organization: [{ method: 'GET', path: ORGANIZATION_PATH }],
  'queue-estimated-wait-time': [
    { method: 'GET', path: '/api/v2/routing/queues/{queueId}/estimatedwaittime' },
    { method: 'GET', path: '/api/v2/routing/queues/{queueId}/mediatypes/{mediaType}/estimatedwaittime' },
  ],
  'queue-activity': [{ method: 'POST', path: '/api/v2/analytics/queues/observations/query' }],
  'user-routing-status': [{ method: 'GET', path: '/api/v2/users/{userId}/routingstatus' }],
  'user-presence': [{ method: 'GET', path: '/api/v2/users/{userId}/presences/purecloud' }],
  'contact-by-phone': [{ method: 'GET', path: '/api/v2/externalcontacts/contacts' }],
  'data-tables': [{ method: 'GET', path: '/api/v2/flows/datatables' }],
  'data-table-row': [{ method: 'GET', path: '/api/v2/flows/datatables/{datatableId}/rows/{rowId}' }],
  'create-callback': [{ method: 'POST', path: '/api/v2/conversations/callbacks' }],
  'set-participant-data': [{ method: 'PATCH', path: '/api/v2/conversations/{conversationId}/participants/{participantId}/attributes' }],
  users: [{ method: 'GET', path: '/api/v2/users' }],
};

const LOCATION_MATCHERS: ReadonlyArray<{ id: RouteId; method: string; pattern: RegExp }> = ROUTE_IDS.flatMap((id) =>
  ROUTE_LOCATIONS[id].map(({ method, path }) => ({
    id,
    method,
    // `{name}` becomes a named group, so path parameters can be read back by name.
    pattern: new RegExp(
      `^${path
        .split('/')
        .map((segment) => {
          const name = /^\{(\w+)\}$/.exec(segment)?.[1];
          return name ? `(?<${name}>[^/]+)` : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
        })
        .join('/')}$`,
    ),
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
  return routeIdAt(request.method, pathOf(request.url));
}

/** The route id of a method and path on the real API, if it is one the mock knows. */
export function routeIdAt(method: string, path: string): RouteId | undefined {
  const trimmed = path.replace(/\/+$/, '');
  return LOCATION_MATCHERS.find((matcher) => matcher.method === method && matcher.pattern.test(trimmed))?.id;
}

/** Path parameters (`{name}` segments) of a path on one of a route id's templates; {} when none fits. */
export function pathParamsAt(route: RouteId, method: string, path: string): Record<string, string> {
  const trimmed = path.replace(/\/+$/, '');
  for (const matcher of LOCATION_MATCHERS) {
    if (matcher.id !== route || matcher.method !== method) continue;
    const groups = matcher.pattern.exec(trimmed)?.groups;
    if (groups) return Object.fromEntries(Object.entries(groups).map(([name, value]) => [name, decodedSegment(value)]));
  }
  return {};
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
