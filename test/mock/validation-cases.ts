// Each validation rule of the details query as (body → code, message), shared by the unit
// test of the validator and the test of the live route; and what a minimal valid body becomes.
import type { ConversationQuery } from '../../mock-genesys/genesys/analytics/types.js';

export const VALID_INTERVAL = '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z';
const queueFilter = [{ type: 'and', predicates: [{ dimension: 'queueId', value: 'q' }] }];

export interface ValidationCase {
  rule: string;
  body: unknown;
  code: 'bad.request' | 'invalid.value' | 'invalid.date';
  message: string | RegExp;
}

export const VALIDATION_CASES: ValidationCase[] = [
  { rule: 'the body is a JSON object', body: [], code: 'bad.request', message: 'The request body must be a JSON object (ConversationQuery), not an array' },
  { rule: 'the body is not a bare string', body: 'hello', code: 'bad.request', message: /must be a JSON object .*not the string "hello"/ },
  { rule: 'interval is required', body: {}, code: 'bad.request', message: /^interval is required/ },
  { rule: 'interval is a string', body: { interval: 5 }, code: 'bad.request', message: 'interval must be a string (ISO-8601 start/end), not number 5' },
  { rule: 'interval has two parts', body: { interval: '2026-11-01T00:00:00Z' }, code: 'invalid.date', message: /^interval must be two ISO-8601 date-times separated by "\/"/ },
  { rule: 'interval start is ISO-8601', body: { interval: 'yesterday/2026-11-02T00:00:00Z' }, code: 'invalid.date', message: 'interval start is not an ISO-8601 date-time with a time zone, got "yesterday"' },
  { rule: 'interval end has a time zone', body: { interval: '2026-11-01T00:00:00Z/2026-11-02T00:00:00' }, code: 'invalid.date', message: /^interval end is not an ISO-8601 date-time with a time zone/ },
  { rule: 'interval dates exist in the calendar', body: { interval: '2026-02-30T00:00:00Z/2026-03-02T00:00:00Z' }, code: 'invalid.date', message: 'interval start is not a valid date-time, got "2026-02-30T00:00:00Z"' },
  { rule: 'interval start is before its end', body: { interval: '2026-11-02T00:00:00Z/2026-11-01T00:00:00Z' }, code: 'invalid.date', message: /^interval start must be before its end/ },
  { rule: 'interval is at most 7 days without filters', body: { interval: '2026-11-01T00:00:00Z/2026-11-08T00:00:01Z' }, code: 'invalid.value', message: /^interval may not exceed 7 days without conversationFilters or segmentFilters/ },
  { rule: 'interval is at most 31 days with filters', body: { interval: '2026-10-01T00:00:00Z/2026-11-01T00:00:01Z', segmentFilters: queueFilter }, code: 'invalid.value', message: 'interval may not exceed 31 days' },
  { rule: 'paging is an object', body: { interval: VALID_INTERVAL, paging: [] }, code: 'bad.request', message: 'paging must be an object {pageSize, pageNumber}, not an array' },
  { rule: 'paging.pageSize is at least 1', body: { interval: VALID_INTERVAL, paging: { pageSize: 0 } }, code: 'invalid.value', message: 'paging.pageSize must be between 1 and 100, got 0' },
  { rule: 'paging.pageSize is at most 100', body: { interval: VALID_INTERVAL, paging: { pageSize: 101 } }, code: 'invalid.value', message: 'paging.pageSize must be between 1 and 100, got 101' },
  { rule: 'paging.pageSize is a number', body: { interval: VALID_INTERVAL, paging: { pageSize: 'NaN' } }, code: 'bad.request', message: 'paging.pageSize must be a number, not the string "NaN"' },
  { rule: 'paging.pageSize is whole', body: { interval: VALID_INTERVAL, paging: { pageSize: 2.5 } }, code: 'invalid.value', message: 'paging.pageSize must be a whole number, got 2.5' },
  { rule: 'paging.pageNumber is at least 1', body: { interval: VALID_INTERVAL, paging: { pageNumber: 0 } }, code: 'invalid.value', message: 'paging.pageNumber must be 1 or more, got 0' },
  { rule: 'paging stays within 100000 results', body: { interval: VALID_INTERVAL, paging: { pageSize: 100, pageNumber: 1001 } }, code: 'bad.request', message: 'Pagination may not exceed 100000 results' },
  { rule: 'huge page numbers are paging errors, not crashes', body: { interval: VALID_INTERVAL, paging: { pageNumber: 1e308 } }, code: 'bad.request', message: 'Pagination may not exceed 100000 results' },
  { rule: 'order is asc, desc or unordered', body: { interval: VALID_INTERVAL, order: 'up' }, code: 'invalid.value', message: 'order must be one of asc, desc, unordered, got "up"' },
  { rule: 'orderBy is a known field', body: { interval: VALID_INTERVAL, orderBy: 'duration' }, code: 'invalid.value', message: 'orderBy must be one of conversationStart, conversationEnd, segmentStart, segmentEnd, got "duration"' },
  { rule: 'segmentFilters is an array', body: { interval: VALID_INTERVAL, segmentFilters: {} }, code: 'bad.request', message: 'segmentFilters must be an array of filters, not an object' },
  { rule: 'a filter has a type', body: { interval: VALID_INTERVAL, conversationFilters: [{ predicates: [] }] }, code: 'bad.request', message: 'conversationFilters[0].type is required (and|or)' },
  { rule: 'a filter type is and or or', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'xor', predicates: [{ dimension: 'queueId', value: 'q' }] }] }, code: 'invalid.value', message: 'segmentFilters[0].type must be one of and, or, got "xor"' },
  { rule: 'a filter has a predicate or clause', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and' }] }, code: 'invalid.value', message: 'segmentFilters[0] must have at least one predicate or clause' },
  { rule: 'predicates are an array', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: {} }] }, code: 'bad.request', message: 'segmentFilters[0].predicates must be an array, not an object' },
  { rule: 'a predicate names a known dimension', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ dimension: 'shoeSize', value: 'x' }] }] }, code: 'invalid.value', message: 'segmentFilters[0].predicates[0].dimension "shoeSize" is not a segment dimension (see SegmentDetailQueryPredicate)' },
  { rule: 'a segment dimension is refused in conversationFilters', body: { interval: VALID_INTERVAL, conversationFilters: [{ type: 'and', predicates: [{ dimension: 'queueId', value: 'x' }] }] }, code: 'invalid.value', message: 'conversationFilters[0].predicates[0].dimension "queueId" is a segment dimension; use it in segmentFilters, not conversationFilters' },
  { rule: 'a predicate has a dimension', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ value: 'x' }] }] }, code: 'bad.request', message: 'segmentFilters[0].predicates[0].dimension is required' },
  { rule: 'a predicate operator is matches, exists or notExists', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ dimension: 'queueId', operator: 'like', value: 'x' }] }] }, code: 'invalid.value', message: 'segmentFilters[0].predicates[0].operator must be one of matches, exists, notExists, got "like"' },
  { rule: 'matches needs a value', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ dimension: 'queueId' }] }] }, code: 'bad.request', message: 'segmentFilters[0].predicates[0].value is required with operator "matches"' },
  { rule: 'a predicate value is a string', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ dimension: 'queueId', value: ['a'] }] }] }, code: 'bad.request', message: 'segmentFilters[0].predicates[0].value must be a string, not an array' },
  { rule: 'a metric predicate names a metric of its kind', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', predicates: [{ type: 'metric', metric: 'tAbandon', range: { gt: 0 } }] }] }, code: 'invalid.value', message: 'segmentFilters[0].predicates[0].metric "tAbandon" is a conversation metric; use it in conversationFilters, not segmentFilters' },
  { rule: 'a metric range has a bound', body: { interval: VALID_INTERVAL, conversationFilters: [{ type: 'and', predicates: [{ type: 'metric', metric: 'tAbandon', range: {} }] }] }, code: 'invalid.value', message: 'conversationFilters[0].predicates[0].range needs at least one of gt, gte, lt, lte' },
  { rule: 'aggregations are refused, not ignored', body: { interval: VALID_INTERVAL, aggregations: [{ type: 'termFrequency', dimension: 'queueId' }] }, code: 'invalid.value', message: 'aggregations (termFrequency, numericRange) are not supported by the mock; query without them and count the conversations' },
  { rule: 'nested clauses name their path', body: { interval: VALID_INTERVAL, segmentFilters: [{ type: 'and', clauses: [{ type: 'or', predicates: [{ dimension: 'mediaType', operator: 'matches', value: 7 }] }] }] }, code: 'bad.request', message: 'segmentFilters[0].clauses[0].predicates[0].value must be a string, not number 7' },
  { rule: 'clauses nest at most 8 deep', body: { interval: VALID_INTERVAL, segmentFilters: [nestedClauses(9)] }, code: 'invalid.value', message: /nests clauses deeper than 8 levels$/ },
];

function nestedClauses(depth: number): unknown {
  let filter: unknown = { type: 'and', predicates: [{ dimension: 'queueId', operator: 'exists' }] };
  for (let level = 1; level < depth; level += 1) filter = { type: 'and', clauses: [filter] };
  return filter;
}

/** A validated details query with Genesys' defaults and no filter: what `{ interval }` becomes. */
export function defaultQuery(startMs: number, endMs: number): ConversationQuery {
  return {
    startMs,
    endMs,
    order: 'asc',
    orderBy: 'conversationStart',
    pageSize: 25,
    pageNumber: 1,
    conversationFilters: [],
    segmentFilters: [],
    recordFilters: { evaluations: [], surveys: [], resolutions: [] },
  };
}
