// The Genesys-compatible surface of the mock: login, the analytics details query, queues
// and the org. Registered after the fault engine's hooks, which wrap every route here.
import type { FastifyInstance } from 'fastify';
import type { MockConfig } from '../config.js';
import type { MockState } from '../state.js';
import { registerAnalyticsRoutes } from './analytics/route.js';
import { createApiGuard } from './api-guard.js';
import { registerOAuthRoute } from './oauth.js';
import { registerOrganizationRoutes } from './organization.js';
import { registerQueueRoutes } from './queues.js';

export interface GenesysRouteDeps {
  config: MockConfig;
  state: MockState;
}

export async function registerGenesysRoutes(app: FastifyInstance, deps: GenesysRouteDeps): Promise<void> {
  const guard = createApiGuard(deps.state);
  await registerOAuthRoute(app, deps);
  registerAnalyticsRoutes(app, { config: deps.config, guard, now: Date.now });
  registerQueueRoutes(app, guard);
  registerOrganizationRoutes(app, guard);
}
