// The conversation-details query (/api/query and the conversation-details action): numbered
// pages of POST …/details/query, each through the one retry engine, stopping once the
// envelope's byte budget is full.
import { callGenesys, type CallControl, type EngineDeps } from '../engine/call.js';
import type { ListData, Outcome } from '../engine/outcome.js';
import { arrayElementSources } from '../engine/json-slices.js';
import type { ItemSizeEstimate } from '../engine/item-size.js';
import { readNumberedPages } from '../engine/paginate.js';
import type { ConversationQuery } from '../query/conversation-query.js';

export const CONVERSATIONS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';

export interface ConversationQueryRequest {
  query: ConversationQuery;
  maxPages: number;
  allowPartial: boolean;
  /** Bytes the conversations may take in the envelope. */
  itemBytesBudget: number;
  /** What is kept of each conversation (`fields`), or undefined to keep nothing (`summary` folds it); default the whole conversation. */
  keep?: (conversation: Record<string, unknown>) => Record<string, unknown> | undefined;
}

/** A page the envelope can use: `conversations` absent or a list of objects. */
export function checkConversationsPage(json: Record<string, unknown>): string | undefined {
  const list = json.conversations;
  if (list === undefined) return undefined;
  if (!Array.isArray(list)) return 'conversations is not an array';
  const bad = list.findIndex((item) => typeof item !== 'object' || item === null || Array.isArray(item));
  return bad === -1 ? undefined : `conversations[${bad}] is not an object`;
}

/**
 * Runs the query; `sizes` holds what whole conversations have weighed so far in this upstream context:
 * the first page asks for about what fits, and a query that keeps them whole adds to it.
 */
export async function runConversationQuery(deps: EngineDeps, request: ConversationQueryRequest, control: CallControl, sizes: ItemSizeEstimate): Promise<Outcome<ListData>> {
  const whole = request.keep === undefined;
  const outcome = await readNumberedPages({
    fetchPage: ({ pageNumber, pageSize }) =>
      callGenesys(
        deps,
        {
          method: 'POST',
          path: CONVERSATIONS_QUERY_PATH,
          body: JSON.stringify({ ...request.query, paging: { pageSize, pageNumber } }),
          idempotent: true,
          check: checkConversationsPage,
        },
        control,
      ),
    itemsOf: (json) => (json.conversations ?? []) as Record<string, unknown>[],
    itemSourcesOf: (body) => arrayElementSources(body, 'conversations'),
    totalOf: (json) => (typeof json.totalHits === 'number' ? json.totalHits : undefined),
    idOf: (item) => item.conversationId,
    pageSize: request.query.paging.pageSize,
    maxPages: request.maxPages,
    allowPartial: request.allowPartial,
    itemBytesBudget: request.itemBytesBudget,
    expectedItemBytes: whole ? sizes.bytesPerItem : undefined,
    ...(request.keep !== undefined ? { keep: request.keep } : {}),
    minAttemptMs: deps.policy.minAttemptMs,
    now: () => deps.clock.now(),
    control,
  });
  if (whole && outcome.status !== 'failed') {
    const json = outcome.data.itemsJson ?? [];
    sizes.observe(json.reduce((bytes, item) => bytes + item.length, 0), json.length);
  }
  return outcome;
}
