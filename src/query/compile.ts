// Compiles a validated POST /api/query body into a Genesys ConversationQuery, checking the
// limits Genesys would reject (interval shape and length) before any upstream call.
import type { ConversationQuery, QueryFilter } from './conversation-query.js';
import { PASS_THROUGH_FILTER_FIELDS } from './conversation-query.js';
import { parseFilterExpression, parseIsoDateTime } from './filter-expression.js';
import type { QueryRequest } from './request.js';
import { parseFields, type FieldSelection } from './fields.js';

export interface CompileLimits {
  maxPageSize: number;
  maxPages: number;
  defaultDeadlineMs: number;
  maxIntervalDays: number;
  maxIntervalDaysWithoutFilters: number;
}

export interface CompiledQuery {
  /** The query of page 1; the runner sets paging.pageNumber per page. */
  query: ConversationQuery;
  maxPages: number;
  deadlineMs: number;
  allowPartial: boolean;
  /** `fields`: what each item keeps; absent: whole conversations. */
  fields?: FieldSelection[];
  /** `summary: true`: data is the counts of every conversation read; absent: a list. */
  summary?: true;
}

export type CompileResult = { ok: true; value: CompiledQuery } | { ok: false; message: string };

const DAY_MS = 86_400_000;
/** Default interval: the last 24 hours, ending a minute ago so late data has settled. */
const DEFAULT_INTERVAL_MS = DAY_MS;
const DEFAULT_END_LAG_MS = 60_000;

function parseInterval(text: string, field: string): { startMs: number; endMs: number } | string {
  const parts = text.split('/');
  if (parts.length !== 2) return `${field} must be "start/end" in ISO-8601, e.g. 2026-11-01T00:00:00Z/2026-11-02T00:00:00Z`;
  const startMs = parseIsoDateTime(parts[0]!.trim());
  const endMs = parseIsoDateTime(parts[1]!.trim());
  if (startMs === undefined) return `${field}: start ${JSON.stringify(parts[0])} is not an ISO-8601 date-time with offset (e.g. 2026-11-01T00:00:00Z)`;
  if (endMs === undefined) return `${field}: end ${JSON.stringify(parts[1])} is not an ISO-8601 date-time with offset (e.g. 2026-11-02T00:00:00Z)`;
  return { startMs, endMs };
}

function anyFilterOf(dimension: string, values: readonly string[]): QueryFilter {
  return { type: 'or', predicates: values.map((value) => ({ type: 'dimension', dimension, operator: 'matches', value })) };
}

export function compileQueryRequest(body: QueryRequest, limits: CompileLimits, nowMs: number): CompileResult {
  const raw = body.query ?? {};
  const segmentFilters: QueryFilter[] = [];

  // What the answer holds: whole conversations, the fields asked for, or a summary.
  const summary = body.summary ?? false;
  let fields: FieldSelection[] | undefined;
  if (body.fields !== undefined && body.fields.length > 0) {
    if (summary) return { ok: false, message: 'fields and summary cannot be combined: a summary holds counts, not conversations; send one of them' };
    const parsed = parseFields(body.fields);
    if (!parsed.ok) return { ok: false, message: parsed.message };
    fields = parsed.value;
  }

  let filterStartMs: number | undefined;
  let filterEndMs: number | undefined;
  if (body.filter_expression !== undefined) {
    const parsed = parseFilterExpression(body.filter_expression);
    if (!parsed.ok) return { ok: false, message: `filter_expression ${parsed.error.message}` };
    if (parsed.value.predicates.length > 0) segmentFilters.push({ type: 'and', predicates: parsed.value.predicates });
    filterStartMs = parsed.value.startMs;
    filterEndMs = parsed.value.endMs;
  }
  if (body.queue_ids !== undefined && body.queue_ids.length > 0) segmentFilters.push(anyFilterOf('queueId', body.queue_ids));
  if (body.media_types !== undefined && body.media_types.length > 0) segmentFilters.push(anyFilterOf('mediaType', body.media_types));

  // Interval: `interval` and `query.interval` are alternatives; filter_expression bounds narrow it.
  if (body.interval !== undefined && raw.interval !== undefined) {
    return { ok: false, message: 'interval and query.interval are both set; give only one' };
  }
  const intervalText = body.interval ?? raw.interval;
  let startMs: number | undefined;
  let endMs: number | undefined;
  if (intervalText !== undefined) {
    const parsed = parseInterval(intervalText, body.interval !== undefined ? 'interval' : 'query.interval');
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    ({ startMs, endMs } = parsed);
  }
  if (filterStartMs !== undefined) startMs = Math.max(startMs ?? filterStartMs, filterStartMs);
  if (filterEndMs !== undefined) endMs = Math.min(endMs ?? filterEndMs, filterEndMs);
  endMs ??= startMs !== undefined ? Math.min(startMs + DEFAULT_INTERVAL_MS, nowMs - DEFAULT_END_LAG_MS) : nowMs - DEFAULT_END_LAG_MS;
  startMs ??= endMs - DEFAULT_INTERVAL_MS;
  if (startMs >= endMs) {
    return { ok: false, message: `the interval is empty: start ${new Date(startMs).toISOString()} is not before end ${new Date(endMs).toISOString()}` };
  }

  const passThrough: Partial<ConversationQuery> = {};
  let hasFilters = segmentFilters.length > 0;
  for (const field of PASS_THROUGH_FILTER_FIELDS) {
    const filters = raw[field];
    if (filters !== undefined && filters.length > 0) {
      passThrough[field] = field === 'segmentFilters' ? [...filters, ...segmentFilters] : filters;
      hasFilters = true;
    }
  }
  if (passThrough.segmentFilters === undefined && segmentFilters.length > 0) passThrough.segmentFilters = segmentFilters;

  // Genesys rejects conversation-details intervals over 7 days without filters and over 31 days
  // with them (MAX_INTERVAL_DAYS may lower the latter).
  const maxDays = hasFilters ? limits.maxIntervalDays : limits.maxIntervalDaysWithoutFilters;
  if (endMs - startMs > maxDays * DAY_MS) {
    const days = ((endMs - startMs) / DAY_MS).toFixed(1);
    return {
      ok: false,
      message: `the interval spans ${days} days; at most ${maxDays} days are allowed ${hasFilters ? 'with filters' : 'without filters (add a filter to allow up to ' + limits.maxIntervalDays + ')'}`,
    };
  }

  const query: ConversationQuery = {
    interval: `${new Date(startMs).toISOString()}/${new Date(endMs).toISOString()}`,
    order: raw.order ?? 'asc',
    orderBy: raw.orderBy ?? 'conversationStart',
    paging: { pageSize: body.page_size ?? limits.maxPageSize, pageNumber: 1 },
    ...passThrough,
  };
  return {
    ok: true,
    value: {
      query,
      maxPages: body.max_pages ?? limits.maxPages,
      deadlineMs: body.deadline_ms ?? limits.defaultDeadlineMs,
      allowPartial: body.allow_partial ?? false,
      ...(fields !== undefined ? { fields } : {}),
      ...(summary ? { summary: true as const } : {}),
    },
  };
}
