// The admin API under /__admin/: one encapsulated plugin with the access guard, and one
// module per group of endpoints. Adding an endpoint group is one import and one list entry.
import type { FastifyInstance } from 'fastify';
import type { MockConfig } from '../config.js';
import { errorBody } from '../genesys/errors.js';
import type { ScenarioRuntime } from '../scenarios/plugin.js';
import { adminAccess } from './guard.js';
import { journalRoutes } from './journal-routes.js';
import { resetRoutes } from './reset-routes.js';
import { scenarioRoutes } from './scenario-routes.js';

export const ADMIN_PREFIX = '/__admin';

export interface AdminDeps {
  config: MockConfig;
  runtime: ScenarioRuntime;
}

/** Registers one group of admin endpoints on the guarded, prefixed admin instance. */
export type AdminRoutes = (admin: FastifyInstance, deps: AdminDeps) => void;

const adminRouteGroups: readonly AdminRoutes[] = [scenarioRoutes, journalRoutes, resetRoutes];

/** The mock's own surfaces (admin API, flow console): never faulted, never journaled. */
export const MOCK_INTERNAL_PREFIXES: readonly string[] = [ADMIN_PREFIX, '/console'];

export function isMockInternalPath(url: string): boolean {
  return MOCK_INTERNAL_PREFIXES.some((prefix) => url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`));
}

export async function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): Promise<void> {
  // Liveness for container health checks: it reveals nothing, so it sits outside the guard.
  app.get(`${ADMIN_PREFIX}/health`, async () => ({ status: 'ok' }));
  await app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request, reply) => {
        const access = adminAccess({ remoteAddress: request.socket.remoteAddress, authorization: request.headers.authorization }, deps.config.adminToken);
        if (!access.allowed) {
          const code = access.status === 401 ? 'authentication.required' : 'not.authorized';
          return reply.code(access.status).send(errorBody(access.status, { code, message: access.message }));
        }
      });
      for (const group of adminRouteGroups) group(admin, deps);
    },
    { prefix: ADMIN_PREFIX },
  );
}
