// GET /api/actions/{name}/export/{target}: an action's definition for a flow tool (Architect,
// Terraform, Twilio Studio, CXone), from the same generators as `npm run export`. Query:
// proxy_url (default: the URL this request reached), key_header, deadline_ms.
// GET /api/actions/{name}/export: what can be exported for it and the branch table.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FromSchema } from 'json-schema-to-ts';
import type { ProxyConfig } from '../config.js';
import { exportAction, exportFileName } from '../export/export.js';
import { BRANCHES, EXPORT_TARGETS, ExportOptionsError, type ExportableAction, type ExportOptions, type ExportTarget } from '../export/flow-contract.js';
import { createCallerAuth, MISSING_KEY_MESSAGE } from './caller-keys.js';

export interface ExportRouteDeps {
  config: Pick<ProxyConfig, 'auth'>;
  /** The loaded action catalog. */
  actions: readonly ExportableAction[];
}

const actionNameSchema = { type: 'string', maxLength: 200 } as const;
const listParamsSchema = { type: 'object', properties: { name: actionNameSchema }, required: ['name'] } as const;
const exportParamsSchema = {
  type: 'object',
  properties: { name: actionNameSchema, target: { type: 'string', maxLength: 20 } },
  required: ['name', 'target'],
} as const;
const exportQuerySchema = {
  type: 'object',
  properties: {
    proxy_url: { type: 'string', maxLength: 2000, description: 'base URL the flow calls; default: the URL of this request' },
    key_header: { type: 'string', maxLength: 64, description: 'x-api-key (default) or authorization' },
    deadline_ms: { type: 'string', maxLength: 7, description: 'deadline_ms in the body; default 8000' },
  },
} as const;
type ExportQuery = FromSchema<typeof exportQuerySchema>;

const isTarget = (value: string): value is ExportTarget => (EXPORT_TARGETS as readonly string[]).includes(value);

/** The base URL a caller reached this proxy on (what a flow would call). */
function ownBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function optionsFrom(query: ExportQuery, request: FastifyRequest): Partial<ExportOptions> | string {
  const options: Partial<ExportOptions> = { proxyUrl: query.proxy_url ?? ownBaseUrl(request) };
  if (query.key_header !== undefined) options.keyHeader = query.key_header;
  if (query.deadline_ms !== undefined) {
    if (!/^\d{1,6}$/.test(query.deadline_ms)) return `deadline_ms ${JSON.stringify(query.deadline_ms.slice(0, 20))} is not a whole number of milliseconds`;
    options.deadlineMs = Number(query.deadline_ms);
  }
  return options;
}

export function registerExportRoutes(app: FastifyInstance, deps: ExportRouteDeps): void {
  // Any valid key, scoped or not: an export carries no secret and calls nothing.
  const authorize = createCallerAuth(deps.config.auth);
  const byName = new Map(deps.actions.map((action) => [action.name, action]));

  const checkKey = async (request: FastifyRequest, reply: FastifyReply) => {
    if (authorize(request.headers, undefined).ok) return;
    return reply.code(401).send({ error_code: 'unauthorized', message: MISSING_KEY_MESSAGE });
  };
  const unknownAction = (reply: FastifyReply, name: string) =>
    reply.code(404).send({ error_code: 'not_found', message: `no action ${JSON.stringify(name)}; known actions: ${[...byName.keys()].join(', ') || 'none loaded'}` });
  const security: Record<string, string[]>[] = deps.config.auth.enabled ? [{ bearer: [] }, { apiKey: [] }] : [];

  app.get<{ Params: FromSchema<typeof listParamsSchema> }>(
    '/api/actions/:name/export',
    {
      schema: {
        summary: 'The export targets of an action and the branch table (action value → what the flow should do)',
        operationId: 'listActionExports',
        tags: ['export'],
        params: listParamsSchema,
        security,
      },
      onRequest: checkKey,
    },
    async (request, reply) => {
      const action = byName.get(request.params.name);
      if (action === undefined) return unknownAction(reply, request.params.name);
      return {
        action: action.name,
        description: action.description,
        targets: EXPORT_TARGETS.map((target) => ({ target, file_name: exportFileName(action.name, target) })),
        branches: BRANCHES.map((branch) => ({ action: branch.action, when: branch.when, flow_should: branch.flowShould })),
      };
    },
  );

  app.get<{ Params: FromSchema<typeof exportParamsSchema>; Querystring: ExportQuery }>(
    '/api/actions/:name/export/:target',
    {
      schema: {
        summary: "An action's definition for a flow tool: architect (data action JSON), terraform (HCL), twilio (Studio flow JSON), cxone (Studio snippet)",
        operationId: 'exportAction',
        tags: ['export'],
        params: exportParamsSchema,
        querystring: exportQuerySchema,
        security,
      },
      onRequest: checkKey,
    },
    async (request, reply) => {
      const { name, target } = request.params;
      const action = byName.get(name);
      if (action === undefined) return unknownAction(reply, name);
      if (!isTarget(target)) {
        return reply.code(404).send({ error_code: 'not_found', message: `no export target ${JSON.stringify(target)}; targets: ${EXPORT_TARGETS.join(', ')}` });
      }
      const options = optionsFrom(request.query, request);
      if (typeof options === 'string') return reply.code(400).send({ error_code: 'invalid_request', message: options });
      try {
        const file = exportAction(action, target, options);
        return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.text);
      } catch (error) {
        if (error instanceof ExportOptionsError) return reply.code(400).send({ error_code: 'invalid_request', message: error.message });
        throw error;
      }
    },
  );
}
