// POST /api/v2/analytics/conversations/details/query: validate like Genesys, select from
// the synthetic data set, answer one numbered page. Selections are cached per query (minus
// paging) and per minute, and rendered pages per selection and page, so paging through a
// result or a benchmark loop stays cheap.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BoundedMap } from '../../../common/bounded-map.js';
import type { MockConfig } from '../../config.js';
import { errorBody } from '../errors.js';
import { isJsonContentType, sendErrorBody } from '../headers.js';
import { DETAILS_QUERY_PATH } from '../paths.js';
import { routeConfig } from '../route-ids.js';
import { AnswerCache } from './answer-cache.js';
import { ConversationStore } from './conversation-store.js';
import type { StoredConversation } from './dataset.js';
import { pageOf, renderQueryResponse, selectConversations } from './query.js';
import type { ConversationQuery } from './types.js';
import { validateConversationQuery } from './validate.js';

/** The data set moves on once a minute: conversations that ended since then appear. */
const HORIZON_STEP_MS = 60_000;
const MAX_CACHED_SELECTIONS = 256;
/** About 90 pages of 100 conversations. */
const MAX_CACHED_ANSWER_BYTES = 32 * 1024 * 1024;

export interface AnalyticsDeps {
  config: MockConfig;
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
  now: () => number;
}

export function registerAnalyticsRoutes(app: FastifyInstance, deps: AnalyticsDeps): void {
  const store = new ConversationStore(deps.config.seed);
  const selections = new BoundedMap<string, StoredConversation[]>(MAX_CACHED_SELECTIONS);
  const answers = new AnswerCache(MAX_CACHED_ANSWER_BYTES);
  const limits = { maxPageSize: deps.config.maxPageSize };

  const answer = (query: ConversationQuery, horizonMs: number): Buffer => {
    const selectionKey = JSON.stringify([horizonMs, query.startMs, query.endMs, query.order, query.orderBy, query.conversationFilters, query.segmentFilters, query.recordFilters]);
    const answerKey = `${query.pageSize} ${query.pageNumber} ${selectionKey}`;
    const cached = answers.get(answerKey);
    if (cached) return cached;
    let selected = selections.get(selectionKey);
    if (!selected) {
      selected = selectConversations(store.between(query.startMs, query.endMs, horizonMs), query);
      selections.set(selectionKey, selected);
    }
    const rendered = renderQueryResponse(pageOf(selected, query.pageSize, query.pageNumber), selected.length);
    answers.set(answerKey, rendered);
    return rendered;
  };

  app.post(DETAILS_QUERY_PATH, { config: routeConfig('analytics-query'), preHandler: deps.guard }, async (request, reply) => {
    if (!isJsonContentType(request.headers['content-type'])) {
      return sendErrorBody(reply, errorBody(415, { message: 'Unsupported Media Type - send the ConversationQuery as application/json.' }));
    }
    const verdict = validateConversationQuery(request.body, limits);
    if (!verdict.ok) return sendErrorBody(reply, errorBody(400, { code: verdict.code, message: verdict.message }));
    const { query } = verdict;
    const horizonMs = Math.floor(deps.now() / HORIZON_STEP_MS) * HORIZON_STEP_MS;
    return reply.type('application/json; charset=UTF-8').send(answer(query, horizonMs));
  });
}
