// The admin API: list, show, activate, reset, journal; guarded by loopback or a bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { adminAccess } from '../../mock-genesys/admin/guard.js';
import { Journal, upstreamCalls } from '../../mock-genesys/journal.js';
import { journalOf, login, postQuery, startScenarioMock, statusOf, tokenOf, type ScenarioMock } from './helpers.js';

const files = {
  'once-503.yaml': 'description: one 503, then normal\nrules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status, status: 503 }]\n    then: pass\nrequest: { page_size: 5 }\nexpect: { attempts: 2 }\n',
  'truncated.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: truncated-body }]\n    then: pass\n',
  'reset.yaml': 'rules:\n  - match: { route: analytics-query }\n    steps: [{ fault: reset }]\n    then: pass\n',
};

async function admin(mock: ScenarioMock, method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${mock.url}/__admin${url}`, {
    method,
    dispatcher: mock.agent,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: text === '' ? undefined : (JSON.parse(text) as Record<string, any>) };
}

describe('admin API', () => {
  let mock: ScenarioMock;
  beforeAll(async () => {
    mock = await startScenarioMock(files);
  });
  afterAll(() => mock.stop());

  it('lists the scenarios with description, file, validity and the active flag', async () => {
    const { status, body } = await admin(mock, 'GET', '/scenarios');
    expect(status).toBe(200);
    expect(body?.active).toBe('happy-path');
    expect(body?.scenarios).toContainEqual({ name: 'once-503', description: 'one 503, then normal', file: 'once-503.yaml', source: 'file', valid: true, active: false });
    expect(body?.scenarios).toContainEqual(expect.objectContaining({ name: 'happy-path', active: true }));
  });

  it('shows one scenario in full, request and expect included', async () => {
    const { status, body } = await admin(mock, 'GET', '/scenarios/once-503');
    expect(status).toBe(200);
    expect(body).toMatchObject({ name: 'once-503', rules: [{ match: { route: 'analytics-query' }, steps: [{ fault: 'status', status: 503 }], then: 'pass' }], request: { page_size: 5 }, expect: { attempts: 2 } });
    expect((await admin(mock, 'GET', '/scenarios/nope')).status).toBe(404);
  });

  it('activates a scenario for everyone, and refuses an unknown one by name', async () => {
    const token = await tokenOf(mock);
    expect(await admin(mock, 'PUT', '/scenario', { name: 'once-503' })).toEqual({ status: 200, body: { active: 'once-503' } });
    expect(await statusOf(postQuery(mock, { session: 'activated', token }))).toBe(503);
    const refused = await admin(mock, 'PUT', '/scenario', { name: 'ghost' });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'bad.request' });
    expect(refused.body?.message).toContain('"ghost"');
    expect((await admin(mock, 'PUT', '/scenario', {})).status).toBe(400);
    await admin(mock, 'PUT', '/scenario', { name: 'happy-path' });
  });

  it('journals each request with scenario, session, rule, step, fault, status and duration', async () => {
    const token = await tokenOf(mock);
    const session = 'journaled';
    await statusOf(postQuery(mock, { scenario: 'once-503', session, token, page: 2 }));
    await statusOf(postQuery(mock, { scenario: 'once-503', session, token }));
    await expect(postQuery(mock, { scenario: 'reset', session, token })).rejects.toMatchObject({ code: 'ECONNRESET' });
    const truncated = await postQuery(mock, { scenario: 'truncated', session, token });
    await truncated.body.text().catch(() => undefined);
    await admin(mock, 'GET', '/scenarios');
    const entries = await journalOf(mock, session);
    expect(entries.map(({ route, page, scenario, rule_index, step_index, fault, status }) => ({ route, page, scenario, rule_index, step_index, fault, status }))).toEqual([
      { route: 'analytics-query', page: 2, scenario: 'once-503', rule_index: 0, step_index: 0, fault: 'status', status: 503 },
      { route: 'analytics-query', page: 1, scenario: 'once-503', rule_index: 0, step_index: null, fault: 'pass', status: 200 },
      { route: 'analytics-query', page: 1, scenario: 'reset', rule_index: 0, step_index: 0, fault: 'reset', status: null },
      { route: 'analytics-query', page: 1, scenario: 'truncated', rule_index: 0, step_index: 0, fault: 'truncated-body', status: 200 },
    ]);
    for (const entry of entries) {
      expect(entry.session).toBe(session);
      expect(entry.duration_ms).toBeGreaterThanOrEqual(0);
    }
    // Admin calls are not journaled; other sessions are filtered out.
    expect((await journalOf(mock)).some((entry) => entry.session !== session)).toBe(true);
    expect((await journalOf(mock)).every((entry) => !entry.route?.startsWith('/__admin'))).toBe(true);
  });

  it('reset forgets call counts, the journal and token revocations', async () => {
    const token = await tokenOf(mock);
    expect(await statusOf(postQuery(mock, { scenario: 'once-503', session: 'reset', token }))).toBe(503);
    expect(await statusOf(postQuery(mock, { scenario: 'once-503', session: 'reset', token }))).toBe(200);
    mock.state.tokens.revoke(token, 'reset');
    expect((await admin(mock, 'POST', '/reset')).status).toBe(200);
    expect(await journalOf(mock)).toEqual([]);
    expect(await statusOf(postQuery(mock, { scenario: 'once-503', session: 'reset', token }))).toBe(503);
    expect(await statusOf(postQuery(mock, { scenario: 'once-503', session: 'reset', token }))).toBe(200);
  });

  it('DELETE /__admin/journal empties the journal', async () => {
    await statusOf(login(mock, { session: 'to-delete' }));
    expect((await admin(mock, 'DELETE', '/journal')).status).toBe(204);
    expect(await journalOf(mock)).toEqual([]);
  });

  it('refuses callers from outside loopback when no admin token is set', async () => {
    const response = await mock.app.inject({ method: 'GET', url: '/__admin/scenarios', remoteAddress: '10.1.2.3' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'not.authorized' });
  });
});

describe('admin API with MOCK_ADMIN_TOKEN', () => {
  let mock: ScenarioMock;
  beforeAll(async () => {
    mock = await startScenarioMock({}, { MOCK_ADMIN_TOKEN: 'sesame-0123456789' });
  });
  afterAll(() => mock.stop());

  it('needs the bearer token, even from loopback', async () => {
    expect((await admin(mock, 'GET', '/scenarios')).status).toBe(401);
    expect((await admin(mock, 'GET', '/scenarios', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await admin(mock, 'GET', '/scenarios', undefined, { authorization: 'Bearer sesame-0123456789' })).status).toBe(200);
  });

  it('lets a remote caller in with the token', async () => {
    const response = await mock.app.inject({ method: 'GET', url: '/__admin/journal', remoteAddress: '10.1.2.3', headers: { authorization: 'Bearer sesame-0123456789' } });
    expect(response.statusCode).toBe(200);
  });
});

describe('adminAccess', () => {
  it('allows loopback (IPv4, IPv6, mapped) without a token and nothing else', () => {
    for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(adminAccess({ remoteAddress, authorization: undefined }, undefined)).toEqual({ allowed: true });
    }
    for (const remoteAddress of ['10.0.0.1', '::ffff:192.168.1.2', '2001:db8::1', undefined]) {
      expect(adminAccess({ remoteAddress, authorization: undefined }, undefined)).toMatchObject({ allowed: false, status: 403 });
    }
  });

  it('with a token, allows exactly the matching bearer from anywhere', () => {
    expect(adminAccess({ remoteAddress: '10.0.0.1', authorization: 'Bearer t0k3n' }, 't0k3n')).toEqual({ allowed: true });
    expect(adminAccess({ remoteAddress: '127.0.0.1', authorization: undefined }, 't0k3n')).toMatchObject({ allowed: false, status: 401 });
    expect(adminAccess({ remoteAddress: '127.0.0.1', authorization: 'Bearer t0k3' }, 't0k3n')).toMatchObject({ allowed: false, status: 401 });
  });
});

describe('Journal', () => {
  const entry = (session: string) => ({ time: '2026-01-01T00:00:00.000Z', method: 'POST', path: '/oauth/token', route: 'token' as const, page: null, scenario: 'x', session, rule_index: null, step_index: null, fault: 'pass' as const, status: 200, duration_ms: 1 });

  it('keeps only the newest entries up to its limit, oldest first', () => {
    const journal = new Journal(3);
    for (const session of ['a', 'b', 'c', 'd', 'e']) journal.record(entry(session));
    expect(journal.entries().map((recorded) => [recorded.seq, recorded.session])).toEqual([[3, 'c'], [4, 'd'], [5, 'e']]);
    expect(journal.entries({ session: 'd' })).toHaveLength(1);
  });

  it('counts upstream calls by route id, or method and path', () => {
    expect(upstreamCalls([entry('a'), entry('a'), { ...entry('a'), route: null, method: 'GET', path: '/x' }])).toEqual({ token: 2, 'GET /x': 1 });
  });
});
