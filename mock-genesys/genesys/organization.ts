// GET /api/v2/organizations/me: works with a client-credentials token (unlike /users/me),
// which makes it the auth check a health probe can use.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ORGANIZATION } from './catalog.js';
import { ORGANIZATION_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';


export function registerOrganizationRoutes(
  app: FastifyInstance,
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>,
): void {
  app.get(ORGANIZATION_PATH, { config: routeConfig('organization'), preHandler: guard }, async () => ORGANIZATION);
}
