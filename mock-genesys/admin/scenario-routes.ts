// Admin: list scenarios, show one in full (for the console), activate one for everyone.
import { errorBody } from '../genesys/errors.js';
import { UnknownScenarioError } from '../scenarios/catalog.js';
import type { AdminRoutes } from './routes.js';

export const scenarioRoutes: AdminRoutes = (admin, { runtime }) => {
  const { catalog } = runtime;

  admin.get('/scenarios', async () => ({ active: catalog.activeName, scenarios: catalog.list() }));

  admin.get<{ Params: { name: string } }>('/scenarios/:name', async (request, reply) => {
    const scenario = catalog.get(request.params.name);
    const summary = catalog.summaryOf(request.params.name);
    if (!scenario || !summary) {
      return reply.code(404).send(errorBody(404, { code: 'not.found', message: new UnknownScenarioError(request.params.name, catalog.names()).message }));
    }
    return { ...summary, rules: scenario.rules, request: scenario.request, expect: scenario.expect };
  });

  admin.put<{ Body: { name?: unknown } | undefined }>('/scenario', async (request, reply) => {
    const name = request.body?.name;
    if (typeof name !== 'string' || name.trim() === '') {
      return reply.code(400).send(errorBody(400, { code: 'bad.request', message: 'Expected a JSON body {"name": "<scenario>"}.' }));
    }
    try {
      catalog.activate(name.trim());
    } catch (error) {
      if (!(error instanceof UnknownScenarioError)) throw error;
      return reply.code(400).send(errorBody(400, { code: 'bad.request', message: error.message }));
    }
    request.log.info({ scenario: catalog.activeName }, 'scenario activated');
    return { active: catalog.activeName };
  });
};
