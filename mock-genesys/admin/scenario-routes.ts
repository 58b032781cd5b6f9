// Admin: list scenarios, show one in full (for the console), activate one for everyone, and
// create, replace or delete scenarios over the API (JSON or YAML body, the same checks and
// located errors as files; kept in memory, or written to the folder with ?persist=true).
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../genesys/errors.js';
import { UnknownScenarioError } from '../scenarios/catalog.js';
import { parseScenarioOffThread } from '../scenarios/off-thread.js';
import { ScenarioError } from '../scenarios/scenario-error.js';
import type { AdminDeps, AdminRoutes } from './routes.js';

/** The name pattern of the scenario schema, plus a length bound for URLs. */
const SCENARIO_NAME = /^[a-z0-9][a-z0-9._-]{0,99}$/;

/** Body types a scenario may come in; all are read as text so errors can name line and column. */
const SCENARIO_BODY_TYPES = ['application/json', 'application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];

type NamedRequest = FastifyRequest<{ Params: { name: string }; Querystring: { persist?: string }; Body: string | undefined }>;

function badRequest(reply: FastifyReply, message: string, extra: object = {}): FastifyReply {
  return reply.code(400).send({ ...errorBody(400, { code: 'bad.request', message }), ...extra });
}

/** POST (create), PUT (create or replace), DELETE over /__admin/scenarios/{name}. */
function scenarioWriteRoutes(admin: FastifyInstance, { config, runtime }: AdminDeps): void {
  const { catalog } = runtime;
  // Twice the cap, so a body just over it still gets the located size message, not a bare 413.
  admin.addContentTypeParser(SCENARIO_BODY_TYPES, { parseAs: 'string', bodyLimit: 2 * config.scenarioLimits.maxBytes }, (_request, body, done) => done(null, body));

  async function save(request: NamedRequest, reply: FastifyReply, mode: 'create' | 'put'): Promise<FastifyReply> {
    const { name } = request.params;
    if (!SCENARIO_NAME.test(name)) return badRequest(reply, `scenario name ${JSON.stringify(name.slice(0, 100))} must be lower-case letters, digits, ".", "_" or "-" (at most 100)`);
    const heldBy = catalog.fileHolding(name);
    if (heldBy !== undefined) return reply.code(409).send(errorBody(409, { code: 'conflict', message: `scenario "${name}" comes from the file ${heldBy}; edit the file, or choose another name` }));
    if (mode === 'create' && catalog.hasApiScenario(name)) return reply.code(409).send(errorBody(409, { code: 'conflict', message: `scenario "${name}" exists; PUT replaces it` }));
    const text = request.body;
    if (typeof text !== 'string' || text.trim() === '') return badRequest(reply, 'Expected a scenario as the body (YAML or JSON, with at least "rules").');

    const persist = request.query.persist === 'true';
    const label = persist ? path.join(catalog.dir, `${name}.yaml`) : `__admin/scenarios/${name}`;
    let scenario;
    try {
      scenario = await parseScenarioOffThread(text, label, catalog.limits);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      return badRequest(reply, error.message, { problems: error.problems });
    }
    if (scenario.name !== name) return badRequest(reply, `${label}: the body's name "${scenario.name}" differs from the URL's "${name}"`);

    if (persist) {
      // A persisted scenario is a file like any other (hot reload included).
      await writeFile(label, text);
      await catalog.reloadFile(label, request.log);
      request.log.info({ scenario: name, file: path.basename(label) }, 'scenario written to the folder');
      return reply.code(mode === 'create' ? 201 : 200).send(catalog.summaryOf(name));
    }
    const outcome = catalog.putApiScenario({ ...scenario, file: '' });
    request.log.info({ scenario: name, outcome }, 'scenario saved over the admin API');
    return reply.code(outcome === 'created' ? 201 : 200).send(catalog.summaryOf(name));
  }

  admin.post<{ Params: { name: string }; Querystring: { persist?: string }; Body: string | undefined }>('/scenarios/:name', (request, reply) => save(request, reply, 'create'));
  admin.put<{ Params: { name: string }; Querystring: { persist?: string }; Body: string | undefined }>('/scenarios/:name', (request, reply) => save(request, reply, 'put'));

  admin.delete<{ Params: { name: string } }>('/scenarios/:name', async (request, reply) => {
    const { name } = request.params;
    if (catalog.deleteApiScenario(name)) return reply.code(204).send();
    const heldBy = catalog.fileHolding(name);
    if (heldBy !== undefined) return reply.code(409).send(errorBody(409, { code: 'conflict', message: `scenario "${name}" comes from the file ${heldBy}; delete the file` }));
    return reply.code(404).send(errorBody(404, { code: 'not.found', message: `no scenario "${name.slice(0, 100)}" was created over the admin API` }));
  });
}

export const scenarioRoutes: AdminRoutes = (admin, deps) => {
  const { catalog } = deps.runtime;

  admin.get('/scenarios', async () => ({ active: catalog.activeName, scenarios: catalog.list() }));

  admin.get<{ Params: { name: string } }>('/scenarios/:name', async (request, reply) => {
    const scenario = catalog.get(request.params.name);
    const summary = catalog.summaryOf(request.params.name);
    if (!scenario || !summary) {
      return reply.code(404).send(errorBody(404, { code: 'not.found', message: new UnknownScenarioError(request.params.name, catalog.names()).message }));
    }
    return { ...summary, ...(scenario.seed !== undefined ? { seed: scenario.seed } : {}), ...(scenario.action ? { action: scenario.action } : {}), rules: scenario.rules, request: scenario.request, expect: scenario.expect };
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

  // Own scope: its body parser reads JSON as text too, which the routes above must not.
  void admin.register(async (scope) => scenarioWriteRoutes(scope, deps));
};
