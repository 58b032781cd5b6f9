// GET /api/actions/{name}/export/{target}: the same generators behind the proxy's key, with
// clear errors for unknown actions, targets and bad options.
import { parse as parseHcl } from '@cdktf/hcl2json';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProxyConfig } from '../../src/config.js';
import { exportAction } from '../../src/export/export.js';
import { registerExportRoutes } from '../../src/http/export-routes.js';
import { buildProxyServer } from '../../src/server.js';
import { allFixtureActions, queueEstimatedWaitTime } from './fixtures/actions.js';

const KEY = 'export-test-key-123';

describe('GET /api/actions/{name}/export/{target}', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    registerExportRoutes(app, { config: { auth: { enabled: true, apiKeys: [KEY], scopes: [undefined] } }, actions: allFixtureActions });
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string, key: string | undefined = KEY) => app.inject({ method: 'GET', url, headers: key === undefined ? {} : { 'x-api-key': key } });

  it('answers the Architect JSON of the generator, as a download', async () => {
    const response = await get('/api/actions/queue-estimated-wait-time/export/architect?proxy_url=https://flows.example.com&deadline_ms=6000');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="queue-estimated-wait-time.architect.json"');
    expect(response.body).toBe(exportAction(queueEstimatedWaitTime, 'architect', { proxyUrl: 'https://flows.example.com', deadlineMs: 6000 }).text);
  });

  it('defaults the proxy URL to the one the request reached', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/actions/queue-estimated-wait-time/export/twilio', headers: { 'x-api-key': KEY, host: 'proxy.internal:3000' } });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).states[1].properties.url).toBe('http://proxy.internal:3000/api/actions/queue-estimated-wait-time');
  });

  it('serves HCL that parses, and the CXone snippet', async () => {
    const terraform = await get('/api/actions/data-table-row/export/terraform?key_header=authorization');
    expect(terraform.statusCode).toBe(200);
    const parsed = (await parseHcl('a.tf', terraform.body)) as { resource: Record<string, unknown> };
    expect(Object.keys(parsed.resource)).toEqual(['genesyscloud_integration_action']);
    const cxone = await get('/api/actions/conversation-details/export/cxone');
    expect(cxone.statusCode).toBe(200);
    expect(cxone.body).toContain('GetRESTProxy()');
  });

  it('lists the targets and the branch table of an action', async () => {
    const response = await get('/api/actions/data-table-row/export');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.targets.map((t: { target: string }) => t.target)).toEqual(['architect', 'terraform', 'twilio', 'cxone']);
    expect(body.targets[1]).toEqual({ target: 'terraform', file_name: 'data-table-row.tf' });
    expect(body.branches.map((b: { action: string }) => b.action)).toEqual(['process_data', 'wait_and_retry', 'route_to_fallback', 'refresh_token', 'log_permission_error']);
    expect(body.branches[1].flow_should).toMatch(/retry_after/);
    expect((await get('/api/actions/nope/export')).statusCode).toBe(404);
  });

  it('needs the caller key', async () => {
    const response = await get('/api/actions/queue-estimated-wait-time/export/architect', 'wrong');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error_code: 'unauthorized' });
    expect((await app.inject({ method: 'GET', url: '/api/actions/queue-estimated-wait-time/export' })).statusCode).toBe(401);
  });

  it('names what is unknown or wrong', async () => {
    const unknownAction = await get('/api/actions/nope/export/architect');
    expect(unknownAction.statusCode).toBe(404);
    expect(unknownAction.json().message).toMatch(/no action "nope"; known actions: conversation-details, queue-estimated-wait-time, data-table-row/);
    const unknownTarget = await get('/api/actions/queue-estimated-wait-time/export/genesys');
    expect(unknownTarget.statusCode).toBe(404);
    expect(unknownTarget.json().message).toMatch(/targets: architect, terraform, twilio, cxone/);
    const badDeadline = await get('/api/actions/queue-estimated-wait-time/export/twilio?deadline_ms=9500');
    expect(badDeadline.statusCode).toBe(400);
    expect(badDeadline.json()).toMatchObject({ error_code: 'invalid_request', message: expect.stringMatching(/deadline 9500 ms is out of range.*10 s/) });
    const notNumber = await get('/api/actions/queue-estimated-wait-time/export/twilio?deadline_ms=soon');
    expect(notNumber.json().message).toMatch(/deadline_ms "soon" is not a whole number/);
    const badUrl = await get('/api/actions/queue-estimated-wait-time/export/architect?proxy_url=javascript:alert(1)');
    expect(badUrl.statusCode).toBe(400);
  });
});

describe('the proxy serves exports of its own catalog', () => {
  it('registers the export route for every shipped action', async () => {
    const config = loadProxyConfig({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret-value', GENESYS_API_URL: 'http://127.0.0.1:9', PROXY_API_KEYS: KEY, LOG_LEVEL: 'silent' });
    const proxy = await buildProxyServer(config);
    try {
      const listed = (await proxy.inject({ method: 'GET', url: '/api/actions', headers: { 'x-api-key': KEY } })).json() as { actions: { name: string }[] };
      expect(listed.actions.length).toBeGreaterThanOrEqual(8);
      for (const { name } of listed.actions) {
        const response = await proxy.inject({ method: 'GET', url: `/api/actions/${name}/export/architect`, headers: { 'x-api-key': KEY } });
        expect(response.statusCode, name).toBe(200);
      }
    } finally {
      await proxy.close();
    }
  });
});
