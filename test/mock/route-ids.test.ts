// Each Genesys route carries the routeId the fault engine matches scenario rules on.
import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { LIVE_CONVERSATION, QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { routeIdAt, routeIdOf } from '../../mock-genesys/genesys/route-ids.js';
import { basicAuth, DETAILS_QUERY, pastDaysInterval, useLoggedInMock } from './helpers.js';

const live = useLoggedInMock();

describe('route ids', () => {
  it('lets a scenario fault each route by its id', async () => {
    const headers = { 'x-mock-scenario': 'status-by-route', authorization: `Bearer ${live.token}` };
    const login = await fetch(`${live.mock.url}/oauth/token`, {
      method: 'POST',
      headers: { ...headers, authorization: basicAuth(live.mock.config.clientId, live.mock.config.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const query = await fetch(`${live.mock.url}${DETAILS_QUERY}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ interval: pastDaysInterval(1) }),
    });
    const queues = await fetch(`${live.mock.url}/api/v2/routing/queues`, { headers });
    const organization = await fetch(`${live.mock.url}/api/v2/organizations/me`, { headers });
    expect([login.status, query.status, queues.status, organization.status]).toEqual([502, 503, 504, 500]);
  });

  it('lets a scenario fault each flow-action route by its id', async () => {
    const headers = { 'x-mock-scenario': 'status-by-action-route', authorization: `Bearer ${live.token}`, 'content-type': 'application/json' };
    const queueId = QUEUES[0].id;
    const calls: Array<[string, string, string, unknown?]> = [
      ['queue-estimated-wait-time', 'GET', `/api/v2/routing/queues/${queueId}/estimatedwaittime`],
      ['queue-estimated-wait-time', 'GET', `/api/v2/routing/queues/${queueId}/mediatypes/call/estimatedwaittime`],
      ['queue-activity', 'POST', '/api/v2/analytics/queues/observations/query', {}],
      ['user-routing-status', 'GET', '/api/v2/users/someone/routingstatus'],
      ['user-presence', 'GET', '/api/v2/users/someone/presences/purecloud'],
      ['contact-by-phone', 'GET', '/api/v2/externalcontacts/contacts?q=%2B13175551234'],
      ['data-tables', 'GET', '/api/v2/flows/datatables'],
      ['data-table-row', 'GET', '/api/v2/flows/datatables/some-table/rows/some-row?showbrief=false'],
      ['create-callback', 'POST', '/api/v2/conversations/callbacks', {}],
      ['set-participant-data', 'PATCH', `/api/v2/conversations/${LIVE_CONVERSATION.conversationId}/participants/p/attributes`, {}],
      ['users', 'GET', '/api/v2/users'],
    ];
    for (const [routeId, method, path, body] of calls) {
      const response = await fetch(`${live.mock.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      expect({ routeId, status: response.status, message: ((await response.json()) as { message: string }).message }).toEqual({ routeId, status: 500, message: `route ${routeId}` });
    }
  });
});

describe('routeIdOf without a route config (pass-through)', () => {
  const idOf = (method: string, url: string) => routeIdOf({ method, url, routeOptions: { config: {} } } as unknown as FastifyRequest);

  it('finds the id of a path with parameters, and nothing for other methods or deeper paths', () => {
    expect(idOf('GET', '/api/v2/users/abc/routingstatus?x=1')).toBe('user-routing-status');
    expect(idOf('GET', '/api/v2/routing/queues/q1/mediatypes/call/estimatedwaittime')).toBe('queue-estimated-wait-time');
    expect(idOf('PATCH', '/api/v2/conversations/c/participants/p/attributes')).toBe('set-participant-data');
    expect(idOf('GET', '/api/v2/flows/datatables/t/rows/r')).toBe('data-table-row');
    expect(idOf('GET', '/api/v2/users')).toBe('users');
    expect(idOf('POST', '/api/v2/users/abc/routingstatus')).toBeUndefined();
    expect(idOf('GET', '/api/v2/users/abc/def/routingstatus')).toBeUndefined();
  });
});

describe('routeIdAt (pass-through: a route id from method and path)', () => {
  it.each([
    ['GET', '/api/v2/routing/queues/q-1/estimatedwaittime', 'queue-estimated-wait-time'],
    ['GET', '/api/v2/routing/queues/q-1/mediatypes/call/estimatedwaittime', 'queue-estimated-wait-time'],
    ['POST', '/api/v2/analytics/queues/observations/query', 'queue-activity'],
    ['GET', '/api/v2/users/u-1/routingstatus', 'user-routing-status'],
    ['GET', '/api/v2/users/u-1/presences/purecloud', 'user-presence'],
    ['GET', '/api/v2/externalcontacts/contacts', 'contact-by-phone'],
    ['GET', '/api/v2/flows/datatables', 'data-tables'],
    ['GET', '/api/v2/flows/datatables/dt-1/rows/key-1', 'data-table-row'],
    ['POST', '/api/v2/conversations/callbacks', 'create-callback'],
    ['PATCH', '/api/v2/conversations/c-1/participants/p-1/attributes', 'set-participant-data'],
    ['GET', '/api/v2/users', 'users'],
    ['GET', '/api/v2/routing/queues/', 'queues'],
    ['POST', '/oauth/token', 'token'],
  ])('%s %s is %s', (method, path, id) => {
    expect(routeIdAt(method, path)).toBe(id);
  });

  it('knows no route for other methods or deeper paths', () => {
    expect(routeIdAt('DELETE', '/api/v2/users')).toBeUndefined();
    expect(routeIdAt('GET', '/api/v2/users/u-1/routingstatus/extra')).toBeUndefined();
    expect(routeIdAt('GET', '/api/v2/flows/datatables/dt-1/rows')).toBeUndefined();
  });
});
