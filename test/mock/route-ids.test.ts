// Each Genesys route carries the routeId the fault engine matches scenario rules on.
import { describe, expect, it } from 'vitest';
import { LIVE_CONVERSATION, QUEUES } from '../../mock-genesys/genesys/catalog.js';
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
