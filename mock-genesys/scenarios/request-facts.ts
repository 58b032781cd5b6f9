// The facts the engine decides on, read from a Fastify request: the Genesys route (found by
// routeIdOf in genesys/route-ids.ts), the method and path, and the details query's page.
import type { FastifyRequest } from 'fastify';
import { pathOf } from '../genesys/route-ids.js';
import type { RequestFacts } from './engine.js';
import type { RouteId } from './types.js';

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
