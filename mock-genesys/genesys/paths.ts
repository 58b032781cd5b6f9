// Where the Genesys routes the mock serves live on the real API (login host and API host),
// in Fastify's path syntax (`:param`).
// No imports, so route registration and route-id lookup can both use them without a cycle.

export const TOKEN_PATH = '/oauth/token';
export const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';
export const QUEUES_PATH = '/api/v2/routing/queues';
export const ORGANIZATION_PATH = '/api/v2/organizations/me';
export const ESTIMATED_WAIT_TIME_PATH = '/api/v2/routing/queues/:queueId/estimatedwaittime';
export const MEDIA_ESTIMATED_WAIT_TIME_PATH = '/api/v2/routing/queues/:queueId/mediatypes/:mediaType/estimatedwaittime';
export const QUEUE_OBSERVATIONS_PATH = '/api/v2/analytics/queues/observations/query';
export const USERS_PATH = '/api/v2/users';
export const USER_ROUTING_STATUS_PATH = '/api/v2/users/:userId/routingstatus';
export const USER_PRESENCE_PATH = '/api/v2/users/:userId/presences/purecloud';
export const EXTERNAL_CONTACTS_PATH = '/api/v2/externalcontacts/contacts';
export const DATA_TABLES_PATH = '/api/v2/flows/datatables';
export const DATA_TABLE_ROW_PATH = '/api/v2/flows/datatables/:datatableId/rows/:rowId';
export const CALLBACKS_PATH = '/api/v2/conversations/callbacks';
export const PARTICIPANT_ATTRIBUTES_PATH = '/api/v2/conversations/:conversationId/participants/:participantId/attributes';
