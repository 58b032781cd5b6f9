// The org's users (the agents of the data set): GET /api/v2/users (paged, `id` filter),
// GET /api/v2/users/{userId}/routingstatus and …/presences/purecloud from the fixed live
// state of catalog.ts. Unknown users are 404 not.found, as Genesys answers.
import type { FastifyInstance } from 'fastify';
import { AGENT_LIVE_STATES, AGENTS, HOME_DIVISION_ID, type SystemPresence } from './catalog.js';
import { errorBody } from './errors.js';
import type { ApiGuard } from './guard.js';
import { sendErrorBody } from './headers.js';
import { listingOf, listParam, pagingOf, queryString, stringParam } from './listing.js';
import { USER_PRESENCE_PATH, USER_ROUTING_STATUS_PATH, USERS_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

const MAX_USERS_PAGE_SIZE = 500;
const MAX_ID_FILTER = 100;

/** Stable ids of the org's system presence definitions. */
export const PRESENCE_DEFINITION_IDS: Record<SystemPresence, string> = {
  Available: '6a3af858-942f-489d-9700-5f9bcdcdae9b',
  Away: '5e5c5c66-ea97-4e7f-ac41-6424784829f2',
  Busy: '31fe3bac-dea6-44b7-bed7-47f91660a1a0',
  Offline: 'ccf3c10a-aa2c-4845-8e8d-f59fa48c58e5',
  Idle: '3fd96123-badb-4f69-bc03-1b1ccc6d8014',
  'On Queue': 'e08eaf1b-ee47-4fa9-a231-1200e284798f',
  Meal: 'db6b6d2b-0f2a-4d8e-9d0c-6b6c7a0e3b11',
  Training: 'a1b2c3d4-7e8f-4a0b-9c1d-2e3f4a5b6c7d',
  Meeting: '3b2a1c0d-9e8f-4d6c-8b5a-4f3e2d1c0b9a',
  Break: '1b2c3d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e',
};

const division = { id: HOME_DIVISION_ID, name: 'Home', selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION_ID}` };

/** The agent's live state changed at the start of the current UTC day (anchored, so stable all day). */
function sinceStartOfDay(nowMs: number): string {
  return new Date(Math.floor(nowMs / 86_400_000) * 86_400_000 + 8 * 3_600_000).toISOString();
}

export function userOf(agent: (typeof AGENTS)[number]): Record<string, unknown> {
  const username = `${agent.name.toLowerCase().replace(/[^a-z]+/g, '.')}@mock-genesys-org.example`;
  return {
    id: agent.userId,
    name: agent.name,
    division,
    department: 'Contact Center',
    email: username,
    state: 'active',
    title: 'Agent',
    username,
    version: 1,
    acdAutoAnswer: false,
    selfUri: `${USERS_PATH}/${agent.userId}`,
  };
}

const agentById = (userId: string): (typeof AGENTS)[number] | undefined => AGENTS.find((agent) => agent.userId === userId);

export function registerUserRoutes(app: FastifyInstance, guard: ApiGuard, now: () => number): void {
  app.get(USERS_PATH, { config: routeConfig('users'), preHandler: guard }, async (request, reply) => {
    const params = (request.query ?? {}) as Record<string, unknown>;
    const paging = pagingOf(params, MAX_USERS_PAGE_SIZE);
    if (typeof paging === 'string') return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: paging }));
    const ids = listParam(params.id);
    if (ids.length > MAX_ID_FILTER) return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: `id may list at most ${MAX_ID_FILTER} users.` }));
    const sortOrder = stringParam(params.sortOrder) ?? 'ASC';
    if (!/^(asc|desc)$/i.test(sortOrder)) return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: 'sortOrder must be ASC or DESC.' }));
    const state = stringParam(params.state) ?? 'active';
    // Every mock user is active; asking for another state finds none.
    const selected = state === 'active' || state === 'any' ? AGENTS.filter((agent) => ids.length === 0 || ids.includes(agent.userId)) : [];
    const sorted = [...selected].sort((a, b) => a.name.localeCompare(b.name) * (/^desc$/i.test(sortOrder) ? -1 : 1));
    const uri = (pageNumber: number): string =>
      USERS_PATH + queryString({ pageSize: paging.pageSize, pageNumber, ...(ids.length > 0 ? { id: ids.join(',') } : {}), sortOrder: sortOrder.toUpperCase() });
    return listingOf(sorted.map(userOf), paging, uri);
  });

  app.get<{ Params: { userId: string } }>(USER_ROUTING_STATUS_PATH, { config: routeConfig('user-routing-status'), preHandler: guard }, async (request, reply) => {
    const agent = agentById(request.params.userId);
    if (!agent) return sendErrorBody(reply, userNotFound(request.params.userId));
    const live = AGENT_LIVE_STATES[agent.userId];
    return { userId: agent.userId, status: live?.routingStatus ?? 'OFF_QUEUE', startTime: sinceStartOfDay(now()) };
  });

  app.get<{ Params: { userId: string } }>(USER_PRESENCE_PATH, { config: routeConfig('user-presence'), preHandler: guard }, async (request, reply) => {
    const agent = agentById(request.params.userId);
    if (!agent) return sendErrorBody(reply, userNotFound(request.params.userId));
    const presence = AGENT_LIVE_STATES[agent.userId]?.presence ?? 'Offline';
    const definitionId = PRESENCE_DEFINITION_IDS[presence];
    return {
      source: 'PURECLOUD',
      primary: true,
      presenceDefinition: { id: definitionId, systemPresence: presence, selfUri: `/api/v2/presencedefinitions/${definitionId}` },
      message: '',
      modifiedDate: sinceStartOfDay(now()),
      selfUri: `${USERS_PATH}/${agent.userId}/presences/PURECLOUD`,
    };
  });
}

function userNotFound(userId: string): ReturnType<typeof errorBody> {
  return errorBody(404, { message: `User ${JSON.stringify(userId.slice(0, 80))} was not found.` });
}
