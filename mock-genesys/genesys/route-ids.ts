// Route ids the fault engine matches rules on (`request.routeOptions.config.routeId`).
import type { FastifyRequest } from 'fastify';
import type { RouteId } from '../scenarios/types.js';

export type { RouteId };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which Genesys route this is, for scenario rules (`match.route`). */
    routeId?: RouteId;
  }
}

export function routeConfig(routeId: RouteId): { routeId: RouteId } {
  return { routeId };
}

export function routeIdOf(request: FastifyRequest): RouteId | undefined {
  return request.routeOptions.config?.routeId;
}
