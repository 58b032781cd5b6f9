// GET /api/v2/routing/queues: the mock org's queues as the SDK's `Queue` (members, media
// settings, wrap-up settings, in-queue flow…), paged like Genesys entity listings, with the
// `name` (case-insensitive, `*` wildcards at either end), `id` and `divisionId` filters and
// `sortOrder` (by name; without it, the directory's order).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENT_LIVE_STATES, CALLBACKS_QUEUE_ID, HOME_DIVISION_ID, QUEUE_WAITING, QUEUES, type Queue } from './catalog.js';
import { errorBody } from './errors.js';
import { sendErrorBody } from './headers.js';
import { QUEUES_PATH } from './paths.js';
import { listingOf, listParam, stringParam, wholeParam, type EntityListing } from './listing.js';
import { routeConfig } from './route-ids.js';

const MAX_QUEUE_PAGE_SIZE = 500;

export type QueueListing = EntityListing<Queue & Record<string, unknown>>;

export type QueueListingVerdict = { ok: true; listing: QueueListing } | { ok: false; message: string };

export function listQueues(params: Record<string, unknown>, queues: readonly Queue[] = QUEUES): QueueListingVerdict {
  const pageSize = wholeParam(params.pageSize, 'pageSize', 25, 1, MAX_QUEUE_PAGE_SIZE);
  if (typeof pageSize === 'string') return { ok: false, message: pageSize };
  const pageNumber = wholeParam(params.pageNumber, 'pageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNumber === 'string') return { ok: false, message: pageNumber };
  const name = stringParam(params.name);
  const ids = listParam(params.id);
  const divisionIds = listParam(params.divisionId);
  const sortOrder = stringParam(params.sortOrder)?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'asc' && sortOrder !== 'desc') return { ok: false, message: `sortOrder must be asc or desc, got ${JSON.stringify(sortOrder.slice(0, 40))}` };

  const matching = queues.filter(
    (queue) =>
      (name === undefined || nameMatches(queue.name, name)) &&
      (ids.length === 0 || ids.includes(queue.id)) &&
      (divisionIds.length === 0 || divisionIds.includes(HOME_DIVISION_ID)),
  );
  if (sortOrder) matching.sort((a, b) => (sortOrder === 'desc' ? -1 : 1) * a.name.localeCompare(b.name));
  const filters =
    (name === undefined ? '' : `&name=${encodeURIComponent(name)}`) +
    ids.map((id) => `&id=${encodeURIComponent(id)}`).join('') +
    divisionIds.map((id) => `&divisionId=${encodeURIComponent(id)}`).join('') +
    (sortOrder ? `&sortOrder=${sortOrder}` : '');
  const uri = (page: number): string => `${QUEUES_PATH}?pageSize=${pageSize}&pageNumber=${page}${filters}`;
  const page = listingOf(matching, { pageSize, pageNumber }, uri);
  const listing: QueueListing = { ...page, entities: page.entities.map(queueEntity) };
  return { ok: true, listing };
}

const QUEUES_CREATED = '2025-01-15T09:30:00.000Z';
const ADMIN_USER_ID = 'a9e1b7c2-1d3f-4a5b-8c6d-7e8f9a0b1c00';
const IN_QUEUE_FLOW = { id: 'f10e0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a51', name: 'Default In-Queue Flow', selfUri: '/api/v2/flows/f10e0a1b-2c3d-4e5f-8a9b-0c1d2e3f4a51' };

/** A queue as the SDK's `Queue` model: its members are the agents whose live state lists it. */
export function queueEntity(queue: Queue): Queue & Record<string, unknown> {
  const members = Object.values(AGENT_LIVE_STATES).filter((state) => state.queueIds.includes(queue.id));
  const media = (alertingTimeoutSeconds: number) => ({ alertingTimeoutSeconds, enableAutoAnswer: false, serviceLevel: { percentage: 0.8, durationMs: 20_000 } });
  return {
    id: queue.id,
    name: queue.name,
    division: { id: HOME_DIVISION_ID, name: 'Home', selfUri: `/api/v2/authorization/divisions/${HOME_DIVISION_ID}` },
    description: `${queue.name} queue`,
    dateCreated: QUEUES_CREATED,
    dateModified: QUEUES_CREATED,
    createdBy: ADMIN_USER_ID,
    modifiedBy: ADMIN_USER_ID,
    memberCount: members.length,
    userMemberCount: members.length,
    joinedMemberCount: members.filter((state) => state.routingStatus !== 'OFF_QUEUE').length,
    mediaSettings: { call: media(8), callback: media(30), chat: media(30), email: media(300), message: media(30) },
    acwSettings: { wrapupPrompt: 'MANDATORY_TIMEOUT', timeoutMs: ((QUEUE_WAITING[queue.id]?.averageHandleS ?? 120) >= 300 ? 120 : 60) * 1000 },
    skillEvaluationMethod: 'BEST',
    scoringMethod: 'TimestampAndPriority',
    lastAgentRoutingMode: 'Disabled',
    queueFlow: IN_QUEUE_FLOW,
    autoAnswerOnly: false,
    enableTranscription: queue.id !== CALLBACKS_QUEUE_ID,
    enableAudioMonitoring: false,
    enableManualAssignment: false,
    callingPartyName: 'Mock Genesys Org',
    callingPartyNumber: '+13175550100',
    suppressInQueueCallRecording: true,
    selfUri: `${QUEUES_PATH}/${queue.id}`,
  };
}

/** Genesys' queue name filter: exact (case-insensitive) unless it starts or ends with `*`. */
function nameMatches(queueName: string, filter: string): boolean {
  const name = queueName.toLowerCase();
  const wanted = filter.toLowerCase();
  const prefix = wanted.endsWith('*');
  const suffix = wanted.startsWith('*');
  const core = wanted.replace(/^\*+|\*+$/g, '');
  if (prefix && suffix) return name.includes(core);
  if (prefix) return name.startsWith(core);
  if (suffix) return name.endsWith(core);
  return name === core;
}

export function registerQueueRoutes(
  app: FastifyInstance,
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>,
): void {
  app.get(QUEUES_PATH, { config: routeConfig('queues'), preHandler: guard }, async (request, reply) => {
    const verdict = listQueues((request.query ?? {}) as Record<string, unknown>);
    if (!verdict.ok) return sendErrorBody(reply, errorBody(400, { code: 'invalid.value', message: verdict.message }));
    return verdict.listing;
  });
}
