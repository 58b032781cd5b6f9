// Evaluation of a validated ConversationQuery over stored conversations: filters, order
// and numbered pages, then the Genesys answer `{"conversations":[…],"totalHits":N}`. Pure.
import type { StoredConversation } from './dataset.js';
import type { ConversationQuery, DimensionValues, Filter, OrderBy, Predicate } from './types.js';

/** The conversations a query selects (before paging), in the order it asks for. */
export function selectConversations(candidates: readonly StoredConversation[], query: ConversationQuery): StoredConversation[] {
  const selected = candidates.filter(
    (stored) =>
      query.conversationFilters.every((filter) => filterMatches(filter, stored.values)) &&
      query.segmentFilters.every((filter) => stored.segmentValues.some((segment) => filterMatches(filter, segment))),
  );
  const key = sortKeyOf[query.orderBy];
  const sign = query.order === 'desc' ? -1 : 1;
  // conversationId breaks ties so pages never overlap or skip.
  return selected.sort((a, b) => sign * (key(a) - key(b) || (a.conversationId < b.conversationId ? -1 : a.conversationId > b.conversationId ? 1 : 0)));
}

const sortKeyOf: Record<OrderBy, (stored: StoredConversation) => number> = {
  conversationStart: (stored) => stored.conversationStartMs,
  conversationEnd: (stored) => stored.conversationEndMs,
  segmentStart: (stored) => stored.segmentStartMs,
  segmentEnd: (stored) => stored.segmentEndMs,
};

/** A filter holds when all (and) or any (or) of its predicates and clauses hold. */
export function filterMatches(filter: Filter, values: DimensionValues): boolean {
  const holds = (predicate: Predicate): boolean => predicateMatches(predicate, values);
  const clauseHolds = (clause: Filter): boolean => filterMatches(clause, values);
  return filter.type === 'and'
    ? filter.predicates.every(holds) && filter.clauses.every(clauseHolds)
    : filter.predicates.some(holds) || filter.clauses.some(clauseHolds);
}

function predicateMatches(predicate: Predicate, values: DimensionValues): boolean {
  const found = values[predicate.dimension];
  switch (predicate.operator) {
    case 'exists':
      return found.length > 0;
    case 'notExists':
      return found.length === 0;
    case 'matches':
      return predicate.value !== undefined && found.includes(predicate.value);
  }
}

export function pageOf<T>(items: readonly T[], pageSize: number, pageNumber: number): T[] {
  const from = (pageNumber - 1) * pageSize;
  return items.slice(from, from + pageSize);
}

const OPEN = Buffer.from('{"conversations":[');
const COMMA = Buffer.from(',');

/** The response body; like Genesys, no `conversations` key when the page is empty. */
export function renderQueryResponse(page: readonly StoredConversation[], totalHits: number): Buffer {
  if (page.length === 0) return Buffer.from(`{"totalHits":${totalHits}}`);
  const parts: Buffer[] = [OPEN];
  for (const [index, stored] of page.entries()) {
    if (index > 0) parts.push(COMMA);
    parts.push(stored.jsonBytes);
  }
  parts.push(Buffer.from(`],"totalHits":${totalHits}}`));
  return Buffer.concat(parts);
}
