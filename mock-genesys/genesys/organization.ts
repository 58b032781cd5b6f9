// GET /api/v2/organizations/me: works with a client-credentials token (unlike /users/me),
// which makes it the auth check a health probe can use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ORGANIZATION } from './catalog.js';
import { routeConfig } from './route-ids.js';

export const ORGANIZATION_PATH = '/api/v2/organizations/me';

export function registerOrganizationRoutes(
  app: FastifyInstance,
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>,
): void {
  app.get(ORGANIZATION_PATH, { config: routeConfig('organization'), preHandler: guard }, async () => ORGANIZATION);
}
