// The Genesys-compatible surface of the mock: login, the analytics details query, queues,
// the org, and the routes behind the proxy's flow actions (queue activity, users, external
// contacts, data tables, callbacks and participant attributes). Registered after the fault engine's hooks, which wrap every route here.
import type { FastifyInstance } from 'fastify';
import type { MockConfig } from '../config.js';
import type { MockState } from '../state.js';
import { registerAnalyticsRoutes } from './analytics/route.js';
import { createApiGuard } from './api-guard.js';
import { registerDataTableRoutes } from './data-tables.js';
import { registerExternalContactRoutes } from './external-contacts.js';
import { LiveConversations, registerLiveConversationRoutes } from './live-conversations.js';
import { registerOAuthRoute } from './oauth.js';
import { registerOrganizationRoutes } from './organization.js';
import { registerQueueActivityRoutes } from './queue-activity.js';
import { registerQueueRoutes } from './queues.js';
import { registerUserRoutes } from './users.js';

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
  registerQueueActivityRoutes(app, guard);
  registerUserRoutes(app, guard, Date.now);
  registerExternalContactRoutes(app, guard);
  registerDataTableRoutes(app, guard);
  registerLiveConversationRoutes(app, guard, new LiveConversations());
}
