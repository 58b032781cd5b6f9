// The published OpenAPI document passes Redocly's recommended rules (a maintained linter), lists
// its servers, and names every status each operation can answer.
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProxyConfig } from '../../src/config.js';
import { buildProxyServer, type ProxyServer } from '../../src/server.js';

let app: ProxyServer;
let document: Record<string, any>;

beforeAll(async () => {
  const config = loadProxyConfig({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'key', GENESYS_API_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });
  app = await buildProxyServer(config);
  await app.ready();
  document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
});

afterAll(async () => app.close());

describe('/openapi.json', () => {
  it("has no problem under Redocly's recommended rules, warnings included", async () => {
    // Probes, /metrics and /version have no caller mistake to answer: a 4xx there would be invented.
    const config = await createConfig({ extends: ['recommended'], rules: { 'operation-4xx-response': 'off' } });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.map((problem) => `${problem.severity} ${problem.ruleId}: ${problem.message} at ${problem.location[0]?.pointer ?? ''}`)).toEqual([]);
  });

  it('lists servers and every status of POST /api/query, 415 included', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(document.paths['/api/query'].post.responses).sort()).toEqual(['200', '400', '401', '403', '413', '415']);
    expect(Object.keys(document.paths['/readyz'].get.responses).sort()).toEqual(['200', '503']);
  });

  it('still requires a 4xx on POST /api/query (the rule turned off above holds there)', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    expect(problems.filter((problem) => problem.location[0]?.pointer?.startsWith('#/paths/~1api~1query'))).toEqual([]);
  });

  it('documents the operations routes', () => {
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/health/upstream', '/version', '/metrics', '/openapi.json']));
  });
});
