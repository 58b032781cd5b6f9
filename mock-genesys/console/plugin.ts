// The flow designers' console: a static page at /console and a small API behind it that runs
// a scenario through the proxy with the runner whoever started the mock gave it (the harness'
// runScenario, the QA runner's code path). The mock never imports the harness itself.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUp } from '../../common/find-up.js';
import { adminAccess } from '../admin/guard.js';
import type { MockConfig } from '../config.js';
import { listeningUrl } from '../listening-url.js';
import type { Scenario } from '../scenarios/types.js';
import { curlCommand } from './curl.js';
import { registerFlowExport } from './flow-export.js';
import { parseRunBody } from './run-body.js';

const PUBLIC_DIR_IN_REPO = path.join('mock-genesys', 'console', 'public');
/** The page's files: beside this module in the sources and tsc's output, in dist/mock-genesys/ for a bundle. */
const CONSOLE_PUBLIC_DIR = findUp(import.meta.url, PUBLIC_DIR_IN_REPO) ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/** A run body is a scenario name and a proxy request: a few kB; 64 kB leaves room for a raw `query`. */
const RUN_BODY_LIMIT_BYTES = 64 * 1024;

// Everything the page loads comes from this mock: no fonts, CDNs or inline code.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const LOOPBACK_ONLY_MESSAGE =
  'The console answers only on this machine (loopback). To use it from elsewhere, start the mock with MOCK_ADMIN_TOKEN set and enter that token here.';
const ADMIN_TOKEN_MESSAGE = "This mock needs its admin token (MOCK_ADMIN_TOKEN): enter it above. A token that was entered and refused is not this mock's.";

/** Where a run goes: the proxy to call and this mock, whose journal tells the upstream calls. */
export interface RunTarget {
  proxyUrl: string;
  mockUrl: string;
  apiKey: string;
  adminToken?: string | undefined;
}

/** Runs a scenario through the proxy and reads this mock's journal; the answer goes to the page as is. */
export type ScenarioRunner = (scenario: Scenario, target: RunTarget, options: { request: Record<string, unknown> }) => Promise<object>;

export interface ConsoleOptions {
  /** Read at request time: startStack sets consoleProxyUrl/consoleApiKey after the proxy listens. */
  config: Pick<MockConfig, 'consoleProxyUrl' | 'consoleApiKey' | 'adminToken'>;
  findScenario: (name: string) => Scenario | undefined;
  listScenarios: () => Scenario[];
  /** Absent when the mock runs without the harness (the image): Run then answers 501 with the curl to use instead. */
  runScenario?: ScenarioRunner | undefined;
}

/** The scenario as the page lists it. */
export interface ConsoleScenario {
  name: string;
  description: string;
  request: Record<string, unknown>;
  /** The branch the scenario is designed to drive, from its `expect`. */
  expected_action: string | null;
  /** The flow action it calls (`action:`); without one, /api/query, i.e. conversation-details. */
  action: string;
}

function flowAction(scenario: Scenario): string {
  const action = (scenario as Scenario & { action?: unknown }).action;
  return typeof action === 'string' ? action : 'conversation-details';
}

function toConsoleScenario(scenario: Scenario): ConsoleScenario {
  const action = scenario.expect.envelope?.action;
  return {
    name: scenario.name,
    description: scenario.description,
    request: scenario.request,
    expected_action: typeof action === 'string' ? action : null,
    action: flowAction(scenario),
  };
}

/** Network errors carry a code (ECONNREFUSED, UND_ERR_SOCKET, …) that says more than the message. */
function describeRunFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

const PUBLIC_FILE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

async function sendPublicFile(reply: FastifyReply, name: string): Promise<FastifyReply> {
  const type = PUBLIC_FILE_TYPES[path.extname(name)];
  if (type === undefined || !(await readdir(CONSOLE_PUBLIC_DIR)).includes(name)) {
    reply.callNotFound();
    return reply;
  }
  return reply.type(type).header('cache-control', 'no-cache').send(await readFile(path.join(CONSOLE_PUBLIC_DIR, name)));
}

export async function registerConsole(app: FastifyInstance, options: ConsoleOptions): Promise<void> {
  const { config, findScenario, listScenarios, runScenario } = options;

  await app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      return payload;
    });

    // Errors reach the page as {error, message}, never with a stack; the log keeps the detail.
    scope.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) request.log.error({ err: error }, 'console request failed');
      return reply
        .code(status)
        .send(status < 500 ? { error: 'bad_request', message: error.message } : { error: 'internal_error', message: 'The console hit an unexpected error; the mock logged it.' });
    });

    // The page's few files, by name from the folder's listing (nothing outside it can be named).
    // @fastify/static would load glob and its MIME tables with every start of the mock.
    scope.get('/console', async (_request, reply) => sendPublicFile(reply, 'index.html'));
    scope.get('/console/*', async (request, reply) => sendPublicFile(reply, (request.params as { '*': string })['*'] || 'index.html'));

    await scope.register(async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        reply.header('cache-control', 'no-store');
        // The admin API's rule (one rule for the mock's own surfaces), in words for the page.
        const access = adminAccess({ remoteAddress: request.socket.remoteAddress, authorization: request.headers.authorization }, config.adminToken);
        if (access.allowed) return;
        return access.status === 403
          ? reply.code(403).send({ error: 'loopback_only', message: LOOPBACK_ONLY_MESSAGE })
          : reply.code(401).send({ error: 'admin_token_required', message: ADMIN_TOKEN_MESSAGE });
      });

      api.get('/console/api/scenarios', async () => ({
        proxy_url: config.consoleProxyUrl,
        scenarios: listScenarios().map(toConsoleScenario),
      }));

      registerFlowExport(api, config);

      api.post('/console/api/run', { bodyLimit: RUN_BODY_LIMIT_BYTES }, async (request, reply) => {
        const parsed = parseRunBody(request.body, findScenario, () => listScenarios().map((scenario) => scenario.name));
        if (!parsed.ok) return reply.code(400).send({ error: parsed.error, message: parsed.message });

        const proxyUrl = config.consoleProxyUrl.replace(/\/+$/, '');
        const curl = curlCommand({ proxyUrl, apiKey: config.consoleApiKey, scenario: parsed.scenario.name, body: parsed.request });
        if (runScenario === undefined) {
          return reply.code(501).send({
            error: 'run_unavailable',
            message: `This mock was started without the harness (e.g. from the image), so it cannot run scenarios. Start it with npm run mock or npm start, or run the request yourself:\n${curl}`,
          });
        }
        const target: RunTarget = {
          proxyUrl,
          // This mock's own URL: runScenario reads the journal from it.
          mockUrl: listeningUrl(app),
          apiKey: config.consoleApiKey,
          adminToken: config.adminToken,
        };
        try {
          const run = await runScenario(parsed.scenario, target, { request: parsed.request });
          return { ...run, deadline_ms: parsed.deadlineMs, curl };
        } catch (error) {
          request.log.warn({ err: error, scenario: parsed.scenario.name }, 'console run failed');
          return reply.code(502).send({
            error: 'run_failed',
            message:
              `Could not run ${parsed.scenario.name} through the proxy at ${target.proxyUrl} (${describeRunFailure(error)}). ` +
              'Is the proxy running (npm start starts it with the mock), and does CONSOLE_PROXY_URL point at it?',
          });
        }
      });
    });
  });
}
