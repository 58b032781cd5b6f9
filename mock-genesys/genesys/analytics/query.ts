// Evaluation of a validated ConversationQuery over stored conversations: filters, order
// and numbered pages, then the Genesys answer `{"conversations":[…],"totalHits":N}`. Pure.
import type { StoredConversation } from './dataset.js';
import type { ConversationQuery, Filter, FilterContext, NumericRange, OrderBy, Predicate } from './types.js';

/** The conversations a query selects (before paging), in the order it asks for. */
export function selectConversations(candidates: readonly StoredConversation[], query: ConversationQuery): StoredConversation[] {
  // The data set has no evaluations, surveys or resolutions, so no such record can satisfy a filter on them.
  const { evaluations, surveys, resolutions } = query.recordFilters;
  if (evaluations.length + surveys.length + resolutions.length > 0) return [];
  const selected = candidates.filter(
    (stored) =>
      query.conversationFilters.every((filter) => filterMatches(filter, stored.context)) &&
      query.segmentFilters.every((filter) => stored.segmentContexts.some((segment) => filterMatches(filter, segment))),
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
export function filterMatches(filter: Filter, context: FilterContext): boolean {
  const holds = (predicate: Predicate): boolean => predicateMatches(predicate, context);
  const clauseHolds = (clause: Filter): boolean => filterMatches(clause, context);
  return filter.type === 'and'
    ? filter.predicates.every(holds) && filter.clauses.every(clauseHolds)
    : filter.predicates.some(holds) || filter.clauses.some(clauseHolds);
}

const NONE: readonly string[] = [];

function predicateMatches(predicate: Predicate, context: FilterContext): boolean {
  switch (predicate.type) {
    case 'dimension': {
      const found = context.dimensions[predicate.dimension] ?? NONE;
      if (predicate.operator === 'exists') return found.length > 0;
      if (predicate.operator === 'notExists') return found.length === 0;
      return predicate.value !== undefined && found.includes(predicate.value);
    }
    case 'metric': {
      const found = context.metrics[predicate.metric];
      if (predicate.operator === 'exists') return found !== undefined;
      if (predicate.operator === 'notExists') return found === undefined;
      if (found === undefined) return false;
      return predicate.range ? inRange(found, predicate.range) : found === predicate.value;
    }
    case 'property': {
      const found = context.properties[predicate.property];
      if (predicate.operator === 'exists') return found !== undefined;
      if (predicate.operator === 'notExists') return found === undefined;
      return found !== undefined && found === predicate.value;
    }
  }
}

function inRange(value: number, range: NumericRange): boolean {
  return (
    (range.gt === undefined || value > range.gt) &&
    (range.gte === undefined || value >= range.gte) &&
    (range.lt === undefined || value < range.lt) &&
    (range.lte === undefined || value <= range.lte)
  );
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
