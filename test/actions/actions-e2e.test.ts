// Every shipped flow action through the real proxy and the real mock on loopback sockets: the
// documented `data`, caller-key scopes, the catalog listing, coalescing, stale-if-error and the
// one-call rule for non-idempotent writes (counted in the mock's journal).
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../../harness/stack.js';

const QUEUE_SUPPORT = '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a01';
const ADA = 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c01';
const GRACE = 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c02';
const VIP_TABLE = 'd47a7ab1-0c3e-4f6a-9b2d-7e8f9a0b1d02';
const LIVE_CONVERSATION = '3c0a5e6f-7b8c-4d9e-8f0a-1b2c3d4e5f60';
const LIVE_CUSTOMER = '3c0a5e6f-7b8c-4d9e-8f0a-1b2c3d4e5f61';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ freePorts: true, env: { LOG_LEVEL: 'silent', PROXY_API_KEYS: 'full-key,flow-key:queue-estimated-wait-time+contact-by-phone' } });
}, 60_000);
afterAll(() => stack.close());

async function call(action: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${stack.proxyUrl}/api/actions/${action}`, {
    method: 'POST',
    headers: { authorization: 'Bearer full-key', 'content-type': 'application/json', 'x-mock-session': randomUUID(), ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.statusCode, envelope: (await response.body.json()) as Record<string, any> };
}

async function journal(session: string): Promise<Array<{ route?: string }>> {
  const response = await request(`${stack.mockUrl}/__admin/journal?session=${encodeURIComponent(session)}`);
  return ((await response.body.json()) as { entries: Array<{ route?: string }> }).entries;
}

describe('shipped actions give their documented data', () => {
  it('queue-estimated-wait-time', async () => {
    const { status, envelope } = await call('queue-estimated-wait-time', { queue_id: QUEUE_SUPPORT });
    expect(status).toBe(200);
    expect(envelope).toMatchObject({ success: true, action: 'process_data', data: { estimated_wait_time_s: 400, formula: 'BEST' }, cache: 'miss', attempts: 1 });
  });

  it('queue-activity', async () => {
    const { envelope } = await call('queue-activity', { queue_id: QUEUE_SUPPORT });
    expect(envelope.success).toBe(true);
    expect(envelope.data).toMatchObject({ interactions_waiting: 4, longest_waiting_s: 185 });
    expect(envelope.data.agents_on_queue).toBeGreaterThanOrEqual(envelope.data.agents_idle);
  });

  it('agent-availability reads both calls', async () => {
    expect((await call('agent-availability', { user_id: ADA })).envelope).toMatchObject({ success: true, data: { routing_status: 'IDLE', presence: 'On Queue', available: true }, attempts: 2, pages_fetched: 2 });
    expect((await call('agent-availability', { user_id: GRACE })).envelope.data).toEqual({ routing_status: 'INTERACTING', presence: 'On Queue', available: false });
  });

  it('contact-by-phone finds a customer, and answers found: false as a success', async () => {
    expect((await call('contact-by-phone', { phone_number: '+13175551234' })).envelope.data).toMatchObject({ found: true, contact_id: 'e7c0a3d2-4b5f-4a6e-9c8d-000000000001', first_name: 'Olivia', last_name: 'Smith', match_count: 1 });
    expect((await call('contact-by-phone', { phone_number: '+14155550000' })).envelope).toMatchObject({ success: true, data: { found: false, contact_id: '', match_count: 0 } });
  });

  it('data-table-row spreads the row', async () => {
    const { envelope } = await call('data-table-row', { datatable_id: VIP_TABLE, key: 'ACME-001' });
    expect(envelope.data).toEqual({ key: 'ACME-001', accountName: 'Acme Corporation', tier: 'platinum', priority: 10, queueId: '8f3c2a10-5b6d-4e7f-8a9b-0c1d2e3f4a05' });
  });

  it('an unknown queue is not_found, never retried', async () => {
    expect((await call('queue-estimated-wait-time', { queue_id: 'no-such-queue' })).envelope).toMatchObject({ success: false, error_code: 'not_found', status_code: 404, attempts: 1, data: {} });
  });

  it('create-callback and set-participant-data write once, uncached', async () => {
    const created = await call('create-callback', { queue_id: QUEUE_SUPPORT, phone_number: '+13175551234', callback_name: 'Olivia' });
    expect(created.envelope).toMatchObject({ success: true, attempts: 1 });
    expect(created.envelope.data.conversation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.envelope.cache).toBeUndefined();
    const written = await call('set-participant-data', { conversation_id: LIVE_CONVERSATION, participant_id: LIVE_CUSTOMER, attributes: '{"intent":"billing"}' });
    expect(written.envelope).toMatchObject({ success: true, data: { updated: true } });
    const asObject = await call('set-participant-data', { conversation_id: LIVE_CONVERSATION, participant_id: LIVE_CUSTOMER, attributes: { intent: 'sales' } });
    expect(asObject.envelope).toMatchObject({ success: true, data: { updated: true } });
  });

  it('conversation-details answers like /api/query', async () => {
    const { envelope } = await call('conversation-details', { page_size: 5, max_pages: 1 });
    expect(envelope).toMatchObject({ success: true, record_count: 5, pages_fetched: 1 });
    expect(Array.isArray(envelope.data)).toBe(true);
  });
});

describe('the catalog over HTTP', () => {
  it('lists every action with its schemas and cache policy', async () => {
    const response = await request(`${stack.proxyUrl}/api/actions`, { headers: { authorization: 'Bearer full-key' } });
    const { actions } = (await response.body.json()) as { actions: Array<Record<string, unknown>> };
    expect(actions.map((action) => action.name).sort()).toEqual(
      ['agent-availability', 'contact-by-phone', 'conversation-details', 'create-callback', 'data-table-row', 'queue-activity', 'queue-estimated-wait-time', 'set-participant-data'],
    );
    expect(actions.find((action) => action.name === 'create-callback')).toMatchObject({ idempotent: false, cache_ttl_ms: 0, coalesce: false });
  });

  it('documents every action in the OpenAPI document with its own body schema', async () => {
    const response = await request(`${stack.proxyUrl}/openapi.json`);
    const document = (await response.body.json()) as { paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }> };
    for (const name of ['queue-estimated-wait-time', 'create-callback', 'set-participant-data', 'conversation-details']) {
      const body = document.paths[`/api/actions/${name}`]?.post?.requestBody?.content['application/json']?.schema;
      expect(body?.properties, name).toHaveProperty('deadline_ms');
    }
    expect(document.paths['/api/actions/queue-estimated-wait-time']!.post!.requestBody!.content['application/json']!.schema.properties).toHaveProperty('queue_id');
  });

  it('answers 400 invalid_request naming the field, and 404 for an unknown action', async () => {
    expect((await call('queue-estimated-wait-time', {})).envelope).toMatchObject({ success: false, fallback_type: 'invalid_request', status_code: 400 });
    expect((await call('queue-estimated-wait-time', {})).envelope.message).toContain('queue_id');
    const unknown = await call('delete-everything', {});
    expect(unknown).toMatchObject({ status: 404, envelope: { error_code: 'unknown_action' } });
  });

  it('keeps a scoped key to its actions (403 outside) and lists only those', async () => {
    const inside = await call('queue-estimated-wait-time', { queue_id: QUEUE_SUPPORT }, { authorization: 'Bearer flow-key' });
    expect(inside.envelope.success).toBe(true);
    const outside = await call('create-callback', { queue_id: QUEUE_SUPPORT, phone_number: '+13175551234' }, { authorization: 'Bearer flow-key' });
    expect(outside).toMatchObject({ status: 403, envelope: { success: false, fallback_type: 'invalid_request', error_code: 'action_not_allowed' } });
    const query = await request(`${stack.proxyUrl}/api/query`, { method: 'POST', headers: { authorization: 'Bearer flow-key', 'content-type': 'application/json' }, body: '{}' });
    expect(query.statusCode).toBe(403);
    await query.body.dump();
    const listed = await request(`${stack.proxyUrl}/api/actions`, { headers: { authorization: 'Bearer flow-key' } });
    expect(((await listed.body.json()) as { actions: Array<{ name: string }> }).actions.map((action) => action.name).sort()).toEqual(['contact-by-phone', 'queue-estimated-wait-time']);
  });
});

describe('coalescing and cache', () => {
  it('200 concurrent identical wait-time calls make 1 Genesys call', async () => {
    const session = `coalesce-${randomUUID()}`;
    const results = await Promise.all(Array.from({ length: 200 }, () => call('queue-estimated-wait-time', { queue_id: QUEUE_SUPPORT }, { 'x-mock-session': session })));
    expect(results.every(({ envelope }) => envelope.success && envelope.data.estimated_wait_time_s === 400)).toBe(true);
    const states = new Set(results.map(({ envelope }) => envelope.cache));
    expect([...states].every((state) => ['miss', 'coalesced', 'hit'].includes(state))).toBe(true);
    expect(results.filter(({ envelope }) => envelope.cache === 'miss')).toHaveLength(1);
    const calls = (await journal(session)).filter((entry) => entry.route === 'queue-estimated-wait-time');
    expect(calls).toHaveLength(1);
  });

  it('serves a hit within the ttl, with its age', async () => {
    const session = `hit-${randomUUID()}`;
    await call('data-table-row', { datatable_id: VIP_TABLE, key: 'GLOBEX-002' }, { 'x-mock-session': session });
    const again = await call('data-table-row', { datatable_id: VIP_TABLE, key: 'GLOBEX-002' }, { 'x-mock-session': session });
    expect(again.envelope).toMatchObject({ success: true, cache: 'hit', attempts: 0 });
    expect(again.envelope.age_ms).toBeGreaterThanOrEqual(0);
    expect((await journal(session)).filter((entry) => entry.route === 'data-table-row')).toHaveLength(1);
  });
});
