// GET /api/v2/routing/queues and GET /api/v2/organizations/me with a client-credentials token.
import { describe, expect, it } from 'vitest';
import { QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { listQueues } from '../../mock-genesys/genesys/queues.js';
import { readErrorBody, useLoggedInMock } from './helpers.js';

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
