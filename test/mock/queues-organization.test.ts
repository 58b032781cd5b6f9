// GET /api/v2/routing/queues and GET /api/v2/organizations/me with a client-credentials token.
import { describe, expect, it } from 'vitest';
import { QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { listQueues } from '../../mock-genesys/genesys/queues.js';
import { readErrorBody, useLoggedInMock } from './helpers.js';
import { sdkInterface } from './sdk-types.js';

const live = useLoggedInMock();

const get = (path: string): Promise<Response> => fetch(`${live.mock.url}${path}`, { headers: { authorization: `Bearer ${live.token}` } });

describe('GET /api/v2/routing/queues', () => {
  it('lists the five queues with Genesys paging fields', async () => {
    const response = await get('/api/v2/routing/queues');
    expect(response.status).toBe(200);
    expect(response.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const body = (await response.json()) as { entities: Array<{ id: string; name: string }> };
    expect(body).toMatchObject({ pageSize: 25, pageNumber: 1, total: 5, pageCount: 1 });
    expect(body.entities.map(({ id, name }) => ({ id, name }))).toEqual(QUEUES.map(({ id, name }) => ({ id, name })));
  });

  it('pages with pageSize and pageNumber', async () => {
    const body = (await (await get('/api/v2/routing/queues?pageSize=2&pageNumber=3')).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ entities: [{ name: 'VIP' }], pageSize: 2, pageNumber: 3, total: 5, pageCount: 3 });
    expect(body.nextUri).toBeUndefined();
    expect(body.previousUri).toBe('/api/v2/routing/queues?pageSize=2&pageNumber=2');
  });

  it('filters by name, exactly or with * wildcards', async () => {
    const exact = (await (await get('/api/v2/routing/queues?name=billing')).json()) as { entities: Array<{ name: string }> };
    expect(exact.entities.map((q) => q.name)).toEqual(['Billing']);
    const prefix = (await (await get('/api/v2/routing/queues?name=S*')).json()) as { entities: Array<{ name: string }> };
    expect(prefix.entities.map((q) => q.name)).toEqual(['Support', 'Sales']);
    expect(listQueues({ name: '*l*' })).toMatchObject({ ok: true, listing: { total: 3 } });
  });

  it('filters by id and divisionId and sorts by name', async () => {
    const two = (await (await get(`/api/v2/routing/queues?id=${QUEUES[4].id}&id=${QUEUES[1].id}&sortOrder=asc`)).json()) as { entities: Array<{ name: string }>; selfUri: string };
    expect(two.entities.map((q) => q.name)).toEqual(['Sales', 'VIP']);
    expect(two.selfUri).toBe(`/api/v2/routing/queues?pageSize=25&pageNumber=1&id=${QUEUES[4].id}&id=${QUEUES[1].id}&sortOrder=asc`);
    const desc = (await (await get('/api/v2/routing/queues?sortOrder=desc')).json()) as { entities: Array<{ name: string }> };
    expect(desc.entities.map((q) => q.name)).toEqual(['VIP', 'Support', 'Sales', 'Callbacks', 'Billing']);
    expect(listQueues({ divisionId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: true, listing: { total: 0 } });
    expect(listQueues({ divisionId: ['x', QUEUES.length ? '5b0d1f2e-8a4c-4c1e-9d3f-0a1b2c3d4e5f' : ''] })).toMatchObject({ ok: true, listing: { total: 5 } });
    expect(listQueues({ sortOrder: 'sideways' })).toMatchObject({ ok: false, message: 'sortOrder must be asc or desc, got "sideways"' });
  });

  it('answers queues with the fields of the SDK\'s Queue type, members agreeing with the users\' live state', async () => {
    const body = (await (await get('/api/v2/routing/queues')).json()) as { entities: Array<Record<string, unknown>> };
    const queueFields = sdkInterface('Queue');
    for (const queue of body.entities) {
      for (const key of Object.keys(queue)) expect(queueFields.has(key), key).toBe(true);
      expect(queue).toMatchObject({ memberCount: expect.any(Number), mediaSettings: { call: { alertingTimeoutSeconds: 8 } }, acwSettings: { timeoutMs: expect.any(Number) }, skillEvaluationMethod: 'BEST', queueFlow: { id: expect.any(String) } });
      for (const media of Object.keys(queue.mediaSettings as object)) expect(sdkInterface('QueueMediaSettings').has(media)).toBe(true);
    }
    // Support's members: Ada, Grace, Alan, Margaret, Ken (catalog.ts); Alan and Ken are off queue.
    expect(body.entities[0]).toMatchObject({ name: 'Support', memberCount: 5, joinedMemberCount: 3 });
  });

  it('answers 400 invalid.value for a bad pageSize', async () => {
    const response = await get('/api/v2/routing/queues?pageSize=0');
    expect(response.status).toBe(400);
    expect(await readErrorBody(response)).toMatchObject({ code: 'invalid.value', message: 'pageSize must be a whole number between 1 and 500, got "0"' });
  });
});

describe('GET /api/v2/organizations/me', () => {
  it('answers the org for a client-credentials token', async () => {
    const response = await get('/api/v2/organizations/me');
    expect(response.status).toBe(200);
    expect(response.headers.get('inin-ratelimit-allowed')).toBe('300');
    expect(await response.json()).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'Mock Genesys Org', domain: 'mock-genesys-org', state: 'active' });
  });
});
