// Each Genesys route carries the routeId the fault engine matches scenario rules on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMock } from '../support/mock.js';
import { basicAuth, DETAILS_QUERY, fetchToken, pastDaysInterval, startGenesysMock } from './helpers.js';

let mock: RunningMock;
let token: string;

beforeAll(async () => {
  mock = await startGenesysMock();
  token = await fetchToken(mock);
});
afterAll(async () => {
  await mock.close();
});

describe('route ids', () => {
  it('lets a scenario fault each route by its id', async () => {
    const headers = { 'x-mock-scenario': 'status-by-route', authorization: `Bearer ${token}` };
    const login = await fetch(`${mock.url}/oauth/token`, {
      method: 'POST',
      headers: { ...headers, authorization: basicAuth(mock.config.clientId, mock.config.clientSecret), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const query = await fetch(`${mock.url}${DETAILS_QUERY}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ interval: pastDaysInterval(1) }),
    });
    const queues = await fetch(`${mock.url}/api/v2/routing/queues`, { headers });
    const organization = await fetch(`${mock.url}/api/v2/organizations/me`, { headers });
    expect([login.status, query.status, queues.status, organization.status]).toEqual([502, 503, 504, 500]);
  });
});
