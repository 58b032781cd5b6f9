// What is happening in the queues right now: the estimated wait time
// (GET …/routing/queues/{queueId}/estimatedwaittime, also per media type) and the queue
// observations query (POST /api/v2/analytics/queues/observations/query). Both answer from the
// fixed live state of catalog.ts (agents' routing statuses, interactions waiting), so a
// queue's wait time, its agents on queue and its members' routing statuses agree.
import type { FastifyInstance } from 'fastify';
import { AGENT_LIVE_STATES, AGENTS, CALLBACKS_QUEUE_ID, QUEUE_WAITING, QUEUES, type RoutingStatusValue } from './catalog.js';
import { errorBody, type ErrorBody } from './errors.js';
import type { ApiGuard } from './guard.js';
import { isJsonContentType, sendErrorBody } from './headers.js';
import { ESTIMATED_WAIT_TIME_PATH, MEDIA_ESTIMATED_WAIT_TIME_PATH, QUEUE_OBSERVATIONS_PATH } from './paths.js';
import { routeConfig } from './route-ids.js';

/** Routing media types (the estimated-wait-time path segment). */
export const ROUTING_MEDIA_TYPES = ['call', 'callback', 'chat', 'email', 'message'] as const;
/** Analytics media types (the observation query's `mediaType` dimension). */
const ANALYTICS_MEDIA_TYPES = ['voice', 'callback', 'chat', 'email', 'message'] as const;

/** Observation metrics Genesys documents for the queue observations query. */
export const OBSERVATION_METRICS = [
  'oActiveUsers',
  'oAlerting',
  'oInteracting',
  'oLongestInteracting',
  'oLongestWaiting',
  'oMemberUsers',
  'oOffQueueUsers',
  'oOnQueueUsers',
  'oUserPresences',
  'oUserRoutingStatuses',
  'oWaiting',
] as const;
const OBSERVATION_DIMENSIONS = ['queueId', 'mediaType', 'userId'] as const;
const ON_QUEUE_STATUSES: readonly RoutingStatusValue[] = ['IDLE', 'INTERACTING', 'COMMUNICATING', 'NOT_RESPONDING'];
const MAX_OBSERVED_QUEUES = 100;

/** The media type a queue's waiting interactions have: callbacks in the Callbacks queue, voice elsewhere. */
function mainMediaOf(queueId: string): (typeof ANALYTICS_MEDIA_TYPES)[number] {
  return queueId === CALLBACKS_QUEUE_ID ? 'callback' : 'voice';
}

const routingToAnalyticsMedia: Record<(typeof ROUTING_MEDIA_TYPES)[number], (typeof ANALYTICS_MEDIA_TYPES)[number]> = {
  call: 'voice',
  callback: 'callback',
  chat: 'chat',
  email: 'email',
  message: 'message',
};

export interface QueueSnapshot {
  members: Array<{ userId: string; routingStatus: RoutingStatusValue; presence: string }>;
  onQueue: number;
  idle: number;
  interacting: number;
  waiting: number;
  longestWaitingMs: number;
  averageHandleS: number;
}

/** The live state of a known queue for one media type (undefined: all of them). */
export function queueSnapshot(queueId: string, mediaType?: string): QueueSnapshot {
  const members = AGENTS.filter((agent) => AGENT_LIVE_STATES[agent.userId]?.queueIds.includes(queueId)).map((agent) => {
    const live = AGENT_LIVE_STATES[agent.userId] as (typeof AGENT_LIVE_STATES)[string];
    return { userId: agent.userId, routingStatus: live.routingStatus, presence: live.presence };
  });
  const waitingState = QUEUE_WAITING[queueId] ?? { waiting: 0, longestWaitingMs: 0, averageHandleS: 0 };
  const ofThisMedia = mediaType === undefined || mediaType === mainMediaOf(queueId);
  const onQueue = members.filter((member) => ON_QUEUE_STATUSES.includes(member.routingStatus));
  return {
    members,
    onQueue: onQueue.length,
    idle: onQueue.filter((member) => member.routingStatus === 'IDLE').length,
    interacting: ofThisMedia ? onQueue.filter((member) => member.routingStatus === 'INTERACTING').length : 0,
    waiting: ofThisMedia ? waitingState.waiting : 0,
    longestWaitingMs: ofThisMedia ? waitingState.longestWaitingMs : 0,
    averageHandleS: waitingState.averageHandleS,
  };
}

/**
 * Seconds until the next interaction of this queue is answered: the waiting interactions
 * ahead share the agents on queue, each taking the queue's average handle time; nobody
 * waiting and an idle agent means no wait.
 */
export function estimatedWaitSeconds(snapshot: QueueSnapshot): number {
  if (snapshot.waiting === 0 && snapshot.idle > 0) return 0;
  return Math.round(((snapshot.waiting + 1) * snapshot.averageHandleS) / Math.max(1, snapshot.onQueue));
}

const knownQueue = (queueId: string): boolean => QUEUES.some((queue) => queue.id === queueId);

function queueNotFound(queueId: string): ErrorBody {
  return errorBody(404, { message: `Queue ${JSON.stringify(queueId.slice(0, 80))} was not found.` });
}

// --- observations query ------------------------------------------------------------------

interface ObservationQuery {
  queueIds: string[];
  mediaTypes: string[];
  userIds: string[];
  metrics: string[];
  detailMetrics: string[];
}

type Verdict<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };
const invalid = (message: string): { ok: false; error: ErrorBody } => ({ ok: false, error: errorBody(400, { code: 'bad.request', message }) });

/** Validates a QueueObservationQuery: a filter on queue ids (or/and of dimension predicates) and known metrics. */
export function parseObservationQuery(body: unknown): Verdict<ObservationQuery> {
  if (!isObject(body)) return invalid('The body must be a QueueObservationQuery object {filter, metrics}.');
  const filter = body.filter;
  if (!isObject(filter)) return invalid('filter is required: {type, predicates, clauses}.');
  if (filter.type !== 'or' && filter.type !== 'and') return invalid('filter.type must be "or" or "and".');
  const predicates: Array<{ field: string; value: unknown }> = [];
  const collect = (list: unknown, field: string): string | undefined => {
    if (list === undefined || list === null) return undefined;
    if (!Array.isArray(list)) return `${field} must be an array.`;
    list.forEach((predicate, index) => predicates.push({ field: `${field}[${index}]`, value: predicate }));
    return undefined;
  };
  const listError = collect(filter.predicates, 'filter.predicates');
  if (listError) return invalid(listError);
  if (filter.clauses !== undefined && filter.clauses !== null) {
    if (!Array.isArray(filter.clauses)) return invalid('filter.clauses must be an array.');
    for (const [index, clause] of filter.clauses.entries()) {
      if (!isObject(clause) || (clause.type !== 'or' && clause.type !== 'and')) return invalid(`filter.clauses[${index}] must be {type: "or"|"and", predicates}.`);
      const clauseError = collect(clause.predicates, `filter.clauses[${index}].predicates`);
      if (clauseError) return invalid(clauseError);
    }
  }
  const query: ObservationQuery = { queueIds: [], mediaTypes: [], userIds: [], metrics: [], detailMetrics: [] };
  for (const { field, value } of predicates) {
    if (!isObject(value)) return invalid(`${field} must be an object {type, dimension, operator, value}.`);
    if (value.type !== undefined && value.type !== 'dimension') return invalid(`${field}.type must be "dimension".`);
    if (!OBSERVATION_DIMENSIONS.includes(value.dimension as (typeof OBSERVATION_DIMENSIONS)[number])) {
      return invalid(`${field}.dimension must be one of ${OBSERVATION_DIMENSIONS.join(', ')}.`);
    }
    if (value.operator !== undefined && value.operator !== 'matches') return invalid(`${field}.operator must be "matches".`);
    if (typeof value.value !== 'string' || value.value === '') return invalid(`${field}.value must be a non-empty string.`);
    const dimension = value.dimension as (typeof OBSERVATION_DIMENSIONS)[number];
    if (dimension === 'mediaType' && !(ANALYTICS_MEDIA_TYPES as readonly string[]).includes(value.value)) {
      return invalid(`${field}.value must be a media type (${ANALYTICS_MEDIA_TYPES.join(', ')}).`);
    }
    ({ queueId: query.queueIds, mediaType: query.mediaTypes, userId: query.userIds })[dimension].push(value.value);
  }
  if (query.queueIds.length === 0) return invalid('filter must name at least one queue with a queueId predicate.');
  if (new Set(query.queueIds).size > MAX_OBSERVED_QUEUES) return invalid(`filter may name at most ${MAX_OBSERVED_QUEUES} queues.`);
  for (const [name, list] of [['metrics', body.metrics], ['detailMetrics', body.detailMetrics]] as const) {
    if (list === undefined && name === 'detailMetrics') continue;
    if (!Array.isArray(list) || (name === 'metrics' && list.length === 0)) return invalid(`${name} must be a non-empty array of observation metrics.`);
    for (const metric of list) {
      if (!(OBSERVATION_METRICS as readonly unknown[]).includes(metric)) {
        return invalid(`${name} has an unknown metric ${JSON.stringify(String(metric).slice(0, 40))}; known: ${OBSERVATION_METRICS.join(', ')}.`);
      }
    }
    query[name].push(...(list as string[]));
  }
  return { ok: true, value: query };
}

interface ObservationData {
  metric: string;
  qualifier?: string;
  stats: { count?: number; calculatedMetricValue?: number };
}

/** The QueueObservationQueryResponse for a validated query: one result per queue (and media type when filtered). */
export function observe(query: ObservationQuery): { results: Array<{ group: Record<string, string>; data: ObservationData[] }> } {
  const queueIds = [...new Set(query.queueIds)];
  const mediaTypes = query.mediaTypes.length > 0 ? [...new Set(query.mediaTypes)] : [undefined];
  const results = queueIds.flatMap((queueId) =>
    mediaTypes.map((mediaType) => {
      const snapshot = queueSnapshot(queueId, mediaType);
      const members = query.userIds.length > 0 ? snapshot.members.filter((member) => query.userIds.includes(member.userId)) : snapshot.members;
      const group: Record<string, string> = { queueId, ...(mediaType ? { mediaType } : {}) };
      return { group, data: [...new Set(query.metrics)].flatMap((metric) => metricData(metric, snapshot, members)) };
    }),
  );
  return { results };
}

function metricData(metric: string, snapshot: QueueSnapshot, members: QueueSnapshot['members']): ObservationData[] {
  const byQualifier = (qualifiers: string[], metricName: string): ObservationData[] => {
    const counts = new Map<string, number>();
    for (const qualifier of qualifiers) counts.set(qualifier, (counts.get(qualifier) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([qualifier, count]) => ({ metric: metricName, qualifier, stats: { count } }));
  };
  const onQueue = members.filter((member) => ON_QUEUE_STATUSES.includes(member.routingStatus));
  switch (metric) {
    case 'oOnQueueUsers':
      // One entry per routing status, as Genesys qualifies it; zero agents → no entries.
      return byQualifier(onQueue.map((member) => member.routingStatus), metric);
    case 'oOffQueueUsers':
      return byQualifier(members.filter((member) => member.routingStatus === 'OFF_QUEUE').map((member) => member.presence), metric);
    case 'oUserRoutingStatuses':
      return byQualifier(members.map((member) => member.routingStatus), metric);
    case 'oUserPresences':
      return byQualifier(members.map((member) => member.presence), metric);
    case 'oMemberUsers':
      return [{ metric, stats: { count: members.length } }];
    case 'oActiveUsers':
      return [{ metric, stats: { count: members.filter((member) => member.presence !== 'Offline').length } }];
    case 'oWaiting':
      return [{ metric, stats: { count: snapshot.waiting } }];
    case 'oInteracting':
      return [{ metric, stats: { count: snapshot.interacting } }];
    case 'oAlerting':
      return [{ metric, stats: { count: 0 } }];
    case 'oLongestWaiting':
      return [{ metric, stats: snapshot.waiting > 0 ? { count: snapshot.waiting, calculatedMetricValue: snapshot.longestWaitingMs } : { count: 0 } }];
    case 'oLongestInteracting':
      return [{ metric, stats: snapshot.interacting > 0 ? { count: snapshot.interacting, calculatedMetricValue: snapshot.averageHandleS * 500 } : { count: 0 } }];
    default:
      return [];
  }
}

// --- routes -------------------------------------------------------------------------------

export function registerQueueActivityRoutes(app: FastifyInstance, guard: ApiGuard): void {
  const config = routeConfig('queue-estimated-wait-time');
  app.get<{ Params: { queueId: string } }>(ESTIMATED_WAIT_TIME_PATH, { config, preHandler: guard }, async (request, reply) => {
    const { queueId } = request.params;
    if (!knownQueue(queueId)) return sendErrorBody(reply, queueNotFound(queueId));
    const seconds = estimatedWaitSeconds(queueSnapshot(queueId));
    return { results: [{ intent: 'ALL', formula: 'BEST', estimatedWaitTimeSeconds: seconds }] };
  });
  app.get<{ Params: { queueId: string; mediaType: string } }>(MEDIA_ESTIMATED_WAIT_TIME_PATH, { config, preHandler: guard }, async (request, reply) => {
    const { queueId, mediaType } = request.params;
    if (!(ROUTING_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
      return sendErrorBody(reply, errorBody(400, { code: 'bad.request', message: `mediaType must be one of ${ROUTING_MEDIA_TYPES.join(', ')}, got ${JSON.stringify(mediaType.slice(0, 40))}.` }));
    }
    if (!knownQueue(queueId)) return sendErrorBody(reply, queueNotFound(queueId));
    const snapshot = queueSnapshot(queueId, routingToAnalyticsMedia[mediaType as (typeof ROUTING_MEDIA_TYPES)[number]]);
    return { results: [{ intent: 'ALL', formula: 'BEST', estimatedWaitTimeSeconds: estimatedWaitSeconds(snapshot) }] };
  });

  app.post(QUEUE_OBSERVATIONS_PATH, { config: routeConfig('queue-activity'), preHandler: guard }, async (request, reply) => {
    if (!isJsonContentType(request.headers['content-type'])) {
      return sendErrorBody(reply, errorBody(415, { message: 'Unsupported Media Type - send the QueueObservationQuery as application/json.' }));
    }
    const verdict = parseObservationQuery(request.body);
    if (!verdict.ok) return sendErrorBody(reply, verdict.error);
    const unknown = verdict.value.queueIds.find((queueId) => !knownQueue(queueId));
    if (unknown !== undefined) return sendErrorBody(reply, queueNotFound(unknown));
    return observe(verdict.value);
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
