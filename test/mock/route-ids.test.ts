// Each Genesys route carries the routeId the fault engine matches scenario rules on.
import { describe, expect, it } from 'vitest';
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
});
