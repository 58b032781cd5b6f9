// The console's server side on a small Fastify app: the page and its assets, the guard, body
// validation, and a run through a stand-in proxy and journal on real sockets.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/run-scenario.js';
import { registerConsole, type ConsoleOptions } from '../../mock-genesys/console/plugin.js';
import type { Scenario } from '../../mock-genesys/scenarios/types.js';

const scenarios: Scenario[] = [
  {
    name: 'forbidden',
    description: 'Genesys answers 403 missing.permissions',
    file: '/scenarios/forbidden.yaml',
    rules: [],
    request: { media_types: ['voice'], deadline_ms: 3000 },
    expect: { envelope: { action: 'log_permission_error' } },
  },
  { name: 'happy-path', description: 'No fault', file: '/scenarios/happy-path.yaml', rules: [], request: {}, expect: {} },
];

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

async function consoleApp(
  config: Partial<ConsoleOptions['config']> = {},
  runner: ConsoleOptions['runScenario'] | 'none' = runScenario,
): Promise<{ app: FastifyInstance; config: ConsoleOptions['config'] }> {
  // Router options as the mock's server.ts sets them.
  const app = Fastify({ logger: false, routerOptions: { ignoreTrailingSlash: true } });
  apps.push(app);
  const full = { consoleProxyUrl: 'http://127.0.0.1:9', consoleApiKey: 'demo-key', adminToken: undefined, ...config };
  await registerConsole(app, {
    config: full,
    findScenario: (name) => scenarios.find((scenario) => scenario.name === name),
    listScenarios: () => scenarios,
    runScenario: runner === 'none' ? undefined : runner,
  });
  return { app, config: full };
}

describe('console page', () => {
  it('serves the page at /console and /console/ with a policy that allows only its own origin', async () => {
    const { app } = await consoleApp();
    for (const url of ['/console', '/console/']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.body).toContain('<label for="scenario">Scenario</label>');
      expect(response.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('serves its scripts as plain ES modules and its stylesheet', async () => {
    const { app } = await consoleApp();
    for (const [url, type] of [
      ['/console/console.js', /javascript/],
      ['/console/timeline.js', /javascript/],
      ['/console/request-fields.js', /javascript/],
      ['/console/console.css', /text\/css/],
    ] as const) {
      const response = await app.inject({ url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toMatch(type);
    }
    expect((await app.inject({ url: '/console/nothing.js' })).statusCode).toBe(404);
  });
});

describe('console API', () => {
  it('lists the scenarios with descriptions, requests and the branch each is designed to drive', async () => {
    const { app } = await consoleApp();
    const response = await app.inject({ url: '/console/api/scenarios' });
    expect(response.statusCode).toBe(200);
    expect(response.json().scenarios).toEqual([
      { name: 'forbidden', description: 'Genesys answers 403 missing.permissions', request: { media_types: ['voice'], deadline_ms: 3000 }, expected_action: 'log_permission_error', action: 'conversation-details' },
      { name: 'happy-path', description: 'No fault', request: {}, expected_action: null, action: 'conversation-details' },
    ]);
  });

  it('answers only loopback callers when no admin token is set', async () => {
    const { app } = await consoleApp();
    const response = await app.inject({ url: '/console/api/scenarios', remoteAddress: '10.1.2.3' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'loopback_only' });
    // The page itself still loads, to show that message.
    expect((await app.inject({ url: '/console', remoteAddress: '10.1.2.3' })).statusCode).toBe(200);
  });

  it('needs the Bearer admin token when one is set', async () => {
    const { app } = await consoleApp({ adminToken: 's3cret' });
    expect((await app.inject({ url: '/console/api/scenarios' })).statusCode).toBe(401);
    const response = await app.inject({ url: '/console/api/scenarios', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer s3cret' } });
    expect(response.statusCode).toBe(200);
  });

  it('refuses an unknown scenario with the list of known ones', async () => {
    const { app } = await consoleApp();
    const response = await app.inject({ method: 'POST', url: '/console/api/run', payload: { scenario: 'nope', request: {} } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ error: 'unknown_scenario', message: 'Unknown scenario "nope". Known: forbidden, happy-path.' });
  });

  it('refuses a request that is not an object, and a body that is not JSON, without a stack', async () => {
    const { app } = await consoleApp();
    const notObject = await app.inject({ method: 'POST', url: '/console/api/run', payload: { scenario: 'forbidden', request: [] } });
    expect(notObject.statusCode).toBe(400);
    expect(notObject.json()).toMatchObject({ error: 'invalid_body' });
    const broken = await app.inject({ method: 'POST', url: '/console/api/run', headers: { 'content-type': 'application/json' }, payload: '{"scenario":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: 'bad_request' });
    expect(broken.body).not.toMatch(/\n\s+at /);
  });

  it('answers 501 with the curl command to use instead when the mock was started without a runner (the image)', async () => {
    const { app } = await consoleApp({}, 'none');
    const listed = await app.inject({ url: '/console/api/scenarios' });
    expect(listed.statusCode).toBe(200);
    const response = await app.inject({ method: 'POST', url: '/console/api/run', payload: { scenario: 'forbidden', request: {} } });
    expect(response.statusCode).toBe(501);
    expect(response.json().error).toBe('run_unavailable');
    expect(response.json().message).toContain('npm run mock');
    expect(response.json().message).toContain("-H 'x-mock-scenario: forbidden'");
  });

  it('answers 502 naming the proxy when the proxy cannot be reached', async () => {
    const { app } = await consoleApp({ consoleProxyUrl: 'http://127.0.0.1:9' });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const response = await app.inject({ method: 'POST', url: '/console/api/run', payload: { scenario: 'forbidden', request: {} } });
    expect(response.statusCode).toBe(502);
    expect(response.json().error).toBe('run_failed');
    expect(response.json().message).toContain('http://127.0.0.1:9');
    expect(response.body).not.toMatch(/\n\s+at /);
  });

  it('runs through the proxy configured at request time with the scenario and a fresh session, then reads that session from the journal', async () => {
    const { app, config } = await consoleApp();
    const seen: { scenario?: string; session?: string; journalSession?: string; body?: unknown; auth?: string } = {};
    // Stand-ins for the proxy's /api/query and the mock's journal, on the same server.
    app.post('/api/query', async (request) => {
      seen.scenario = String(request.headers['x-mock-scenario']);
      seen.session = String(request.headers['x-mock-session']);
      seen.auth = request.headers.authorization;
      seen.body = request.body;
      return { success: false, action: 'log_permission_error', fallback_type: 'api_failure', status_code: 403, error_code: 'missing_permissions' };
    });
    app.get('/__admin/journal', async (request) => {
      seen.journalSession = (request.query as { session?: string }).session;
      return { entries: [{ time: new Date().toISOString(), method: 'POST', path: '/oauth/token', route: 'token', session: seen.session, scenario: 'forbidden', fault: 'pass', status: 200, duration_ms: 3 }] };
    });
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    config.consoleProxyUrl = address;

    const response = await app.inject({ method: 'POST', url: '/console/api/run', payload: { scenario: 'forbidden', request: { media_types: ['chat'], deadline_ms: 2500 } } });
    expect(response.statusCode).toBe(200);
    const run = response.json();
    expect(seen).toMatchObject({ scenario: 'forbidden', auth: 'Bearer demo-key', body: { media_types: ['chat'], deadline_ms: 2500 } });
    expect(seen.session).toMatch(/^forbidden-/);
    expect(seen.journalSession).toBe(seen.session);
    expect(run).toMatchObject({ scenario: 'forbidden', session: seen.session, httpStatus: 200, deadline_ms: 2500, passed: true, envelope: { action: 'log_permission_error' } });
    expect(run.journal).toHaveLength(1);
    expect(run.curl).toContain(`curl -sS -X POST '${address}/api/query'`);
    expect(run.curl).toContain("-H 'x-mock-scenario: forbidden'");
  });
});
