// Where the Genesys routes the mock serves live on the real API (login host and API host).
// No imports, so route registration and route-id lookup can both use them without a cycle.

export const TOKEN_PATH = '/oauth/token';
export const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';
export const QUEUES_PATH = '/api/v2/routing/queues';
export const ORGANIZATION_PATH = '/api/v2/organizations/me';
