// Scenarios over the admin API: created, replaced and deleted with the same checks and located
// errors as files, usable at once, in memory and untouched by file hot reload; ?persist=true
// writes the folder.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioRuntimeOf } from '../../mock-genesys/scenarios/plugin.js';
import { startScenarioMock, tokenOf, type ScenarioMock } from './helpers.js';

let mock: ScenarioMock;
let token: string;

beforeAll(async () => {
  mock = await startScenarioMock({ 'from-file.yaml': 'description: a file\nrules: []\n' });
  token = await tokenOf(mock);
});
afterAll(() => mock.stop());

const send = (method: 'POST' | 'PUT' | 'DELETE', name: string, body?: string, contentType = 'application/yaml') =>
  mock.app.inject({ method, url: `/__admin/scenarios/${name}`, ...(body === undefined ? {} : { payload: body, headers: { 'content-type': contentType } }) });

const organization = (scenario: string) =>
  mock.app.inject({ method: 'GET', url: '/api/v2/organizations/me', headers: { authorization: `Bearer ${token}`, 'x-mock-scenario': scenario } });

describe('scenarios over the admin API', () => {
  it('creates a scenario usable at once with x-mock-scenario, and lists it as from the API', async () => {
    const created = await send('POST', 'x', 'description: org fails\nrules:\n  - match: { route: organization }\n    steps: [{ fault: status, status: 503 }]\n    then: repeat-last\n');
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'x', source: 'api', valid: true, file: '' });
    expect((await organization('x')).statusCode).toBe(503);
    const list = (await mock.app.inject({ method: 'GET', url: '/__admin/scenarios' })).json() as { scenarios: Array<{ name: string; source: string }> };
    expect(list.scenarios).toContainEqual(expect.objectContaining({ name: 'x', source: 'api' }));
    const console = (await mock.app.inject({ method: 'GET', url: '/console/api/scenarios' })).json() as { scenarios: Array<{ name: string }> };
    expect(console.scenarios.map((scenario) => scenario.name)).toContain('x');
  });

  it('refuses an invalid scenario with the same located error as a file', async () => {
    const refused = await send('POST', 'broken', 'rules:\n  - match: { route: organization }\n    steps: [{ fault: status }]\n    then: pass\n');
    expect(refused.statusCode).toBe(400);
    const body = refused.json() as { code: string; message: string; problems: Array<{ line: number; column: number }> };
    expect(body.code).toBe('bad.request');
    expect(body.message).toBe('__admin/scenarios/broken:3:13: fault status needs "status" (at /rules/0/steps/0)');
    expect(body.problems[0]).toMatchObject({ line: 3, column: 13 });
    expect((await organization('broken')).statusCode).toBe(400);
  });

  it('takes JSON too, with errors located in the JSON text', async () => {
    const json = JSON.stringify({ rules: [{ match: { route: 'organization' }, steps: [{ fault: 'status', status: 504 }], then: 'repeat-last' }] });
    expect((await send('POST', 'as-json', json, 'application/json')).statusCode).toBe(201);
    expect((await organization('as-json')).statusCode).toBe(504);
    const bad = await send('POST', 'bad-json', '{\n  "rules": [],\n  "rulez": 1\n}', 'application/json');
    expect(bad.json()).toMatchObject({ message: '__admin/scenarios/bad-json:3:3: unknown key "rulez" (allowed: name, description, seed, rules, action, warm_up, request, expect) (at /rulez)' });
  });

  it('POST refuses an existing name, PUT replaces it and restarts its sequences, DELETE removes it', async () => {
    const yaml = (status: number) => `rules:\n  - match: { route: organization }\n    steps: [{ fault: status, status: ${status} }]\n    then: pass\n`;
    expect((await send('POST', 'seq', yaml(500))).statusCode).toBe(201);
    expect((await organization('seq')).statusCode).toBe(500);
    expect((await organization('seq')).statusCode).toBe(200);
    expect((await send('POST', 'seq', yaml(502))).statusCode).toBe(409);
    expect((await send('PUT', 'seq', yaml(502))).statusCode).toBe(200);
    expect((await organization('seq')).statusCode).toBe(502);
    expect((await send('DELETE', 'seq')).statusCode).toBe(204);
    expect((await send('DELETE', 'seq')).statusCode).toBe(404);
    expect((await organization('seq')).statusCode).toBe(400);
  });

  it('keeps file names to files, and refuses a body naming another scenario', async () => {
    expect((await send('PUT', 'from-file', 'rules: []\n')).json()).toMatchObject({ code: 'conflict', message: expect.stringContaining('from-file.yaml') });
    expect((await send('DELETE', 'from-file')).statusCode).toBe(409);
    expect((await send('PUT', 'Bad Name', 'rules: []\n')).statusCode).toBe(400);
    expect((await send('PUT', 'named', 'name: other\nrules: []\n')).json()).toMatchObject({ message: expect.stringContaining('differs from the URL') });
  });

  it('is untouched by file hot reload', async () => {
    expect((await send('PUT', 'memory-only', 'rules:\n  - match: { route: organization }\n    steps: [{ fault: status, status: 418 }]\n    then: repeat-last\n')).statusCode).toBe(201);
    const file = path.join(mock.dir, 'memory-only.yaml');
    await writeFile(file, 'rules: []\n');
    await scenarioRuntimeOf(mock.app)!.catalog.reloadFile(file);
    expect((await organization('memory-only')).statusCode).toBe(418);
    await rm(file);
    await scenarioRuntimeOf(mock.app)!.catalog.reloadFile(file);
    expect((await organization('memory-only')).statusCode).toBe(418);
  });

  it('writes the folder with ?persist=true, and the file is then a file scenario', async () => {
    const text = 'description: kept\nrules:\n  - match: { route: organization }\n    steps: [{ fault: status, status: 507 }]\n    then: repeat-last\n';
    const saved = await mock.app.inject({ method: 'POST', url: '/__admin/scenarios/kept?persist=true', payload: text, headers: { 'content-type': 'application/yaml' } });
    expect(saved.statusCode).toBe(201);
    expect(saved.json()).toMatchObject({ name: 'kept', source: 'file', file: 'kept.yaml' });
    expect(await readFile(path.join(mock.dir, 'kept.yaml'), 'utf8')).toBe(text);
    expect((await organization('kept')).statusCode).toBe(507);
  });

  it('applies the admin guard', async () => {
    const guarded = await startScenarioMock({}, { MOCK_ADMIN_TOKEN: 'admin-secret-1' });
    try {
      const refused = await guarded.app.inject({ method: 'POST', url: '/__admin/scenarios/x', payload: 'rules: []\n', headers: { 'content-type': 'application/yaml' } });
      expect(refused.statusCode).toBe(401);
      const allowed = await guarded.app.inject({ method: 'POST', url: '/__admin/scenarios/x', payload: 'rules: []\n', headers: { 'content-type': 'application/yaml', authorization: 'Bearer admin-secret-1' } });
      expect(allowed.statusCode).toBe(201);
    } finally {
      await guarded.stop();
    }
  });
});
