// Validation of a ConversationQuery body the way Genesys answers it: a 400 ErrorBody whose
// code is bad.request (wrong shape or type), invalid.value (out of range, unknown value)
// or invalid.date, and whose message names the field path. Pure: body in, verdict out.
import { DIMENSIONS_BY_KIND, METRICS_BY_KIND, PROPERTY_TYPES, type FilterKind } from './dimensions.js';
import { FILTER_TYPES, OPERATORS, ORDER_BYS, ORDERS, type ConversationQuery, type Filter, type NumericRange, type Predicate } from './types.js';

export type ValidationCode = 'bad.request' | 'invalid.value' | 'invalid.date';

export type QueryVerdict =
  | { ok: true; query: ConversationQuery }
  | { ok: false; code: ValidationCode; message: string };

export interface QueryLimits {
  /** Largest paging.pageSize (Genesys: 100 on this endpoint). */
  maxPageSize: number;
}

const DAY_MS = 86_400_000;
/** Genesys: at most 7 days without filters, 31 days with any filter. */
export const MAX_INTERVAL_DAYS_UNFILTERED = 7;
export const MAX_INTERVAL_DAYS_FILTERED = 31;
/** Genesys: "Pagination may not exceed 100000 results". */
export const MAX_PAGINATED_RESULTS = 100_000;
export const DEFAULT_PAGE_SIZE = 25;
/** Bounds that keep a hostile body cheap to check; far above anything a real query uses. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_ENTRIES = 200;

class Invalid extends Error {
  constructor(
    readonly code: ValidationCode,
    message: string,
  ) {
    super(message);
  }
}

export function validateConversationQuery(body: unknown, limits: QueryLimits): QueryVerdict {
  try {
    return { ok: true, query: parseQuery(body, limits) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

function parseQuery(body: unknown, limits: QueryLimits): ConversationQuery {
  if (!isObject(body)) throw new Invalid('bad.request', `The request body must be a JSON object (ConversationQuery), not ${describe(body)}`);
  const { startMs, endMs } = parseInterval(body.interval);
  const order = parseEnum(body.order, 'order', ORDERS, 'asc');
  const orderBy = parseEnum(body.orderBy, 'orderBy', ORDER_BYS, 'conversationStart');
  const { pageSize, pageNumber } = parsePaging(body.paging, limits);

  const budget = { entries: 0 };
  const conversationFilters = parseFilterList(body.conversationFilters, 'conversationFilters', budget);
  const segmentFilters = parseFilterList(body.segmentFilters, 'segmentFilters', budget);
  const recordFilters = {
    evaluations: parseFilterList(body.evaluationFilters, 'evaluationFilters', budget),
    surveys: parseFilterList(body.surveyFilters, 'surveyFilters', budget),
    resolutions: parseFilterList(body.resolutionFilters, 'resolutionFilters', budget),
  };
  parseAggregations(body.aggregations);

  const filtered =
    conversationFilters.length + segmentFilters.length + recordFilters.evaluations.length + recordFilters.surveys.length + recordFilters.resolutions.length > 0;
  const maxDays = filtered ? MAX_INTERVAL_DAYS_FILTERED : MAX_INTERVAL_DAYS_UNFILTERED;
  if (endMs - startMs > maxDays * DAY_MS) {
    throw new Invalid(
      'invalid.value',
      filtered
        ? `interval may not exceed ${MAX_INTERVAL_DAYS_FILTERED} days`
        : `interval may not exceed ${MAX_INTERVAL_DAYS_UNFILTERED} days without conversationFilters or segmentFilters (${MAX_INTERVAL_DAYS_FILTERED} days with filters)`,
    );
  }
  return { startMs, endMs, order, orderBy, pageSize, pageNumber, conversationFilters, segmentFilters, recordFilters };
}

// --- interval -------------------------------------------------------------------------

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/;

function parseInterval(value: unknown): { startMs: number; endMs: number } {
  if (value === undefined || value === null) throw new Invalid('bad.request', 'interval is required (ISO-8601 start/end, e.g. 2026-11-01T00:00:00Z/2026-11-02T00:00:00Z)');
  if (typeof value !== 'string') throw new Invalid('bad.request', `interval must be a string (ISO-8601 start/end), not ${describe(value)}`);
  const parts = value.split('/');
  if (parts.length !== 2) throw new Invalid('invalid.date', `interval must be two ISO-8601 date-times separated by "/", got ${quote(value)}`);
  const startMs = parseDateTime(parts[0] ?? '', 'interval start');
  const endMs = parseDateTime(parts[1] ?? '', 'interval end');
  if (startMs >= endMs) throw new Invalid('invalid.date', `interval start must be before its end, got ${quote(value)}`);
  return { startMs, endMs };
}

/** Strict ISO-8601 date-time with a zone; rejects dates Date.parse would roll over (Feb 30). */
export function parseDateTime(text: string, field: string): number {
  const match = ISO_DATE_TIME.exec(text);
  if (!match) throw new Invalid('invalid.date', `${field} is not an ISO-8601 date-time with a time zone, got ${quote(text)}`);
  const [, year, month, day, hour, minute, second = '00', fraction = '0', zone = 'Z'] = match;
  const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}.${fraction.padEnd(3, '0').slice(0, 3)}${normalizedZone}`);
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const validCalendarDay =
    calendar.getUTCFullYear() === Number(year) && calendar.getUTCMonth() === Number(month) - 1 && calendar.getUTCDate() === Number(day);
  if (!Number.isFinite(ms) || !validCalendarDay || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    throw new Invalid('invalid.date', `${field} is not a valid date-time, got ${quote(text)}`);
  }
  return ms;
}

// --- paging and order -----------------------------------------------------------------

function parsePaging(value: unknown, limits: QueryLimits): { pageSize: number; pageNumber: number } {
  if (value === undefined || value === null) return { pageSize: DEFAULT_PAGE_SIZE, pageNumber: 1 };
  if (!isObject(value)) throw new Invalid('bad.request', `paging must be an object {pageSize, pageNumber}, not ${describe(value)}`);
  const pageSize = parseWholeNumber(value.pageSize, 'paging.pageSize', DEFAULT_PAGE_SIZE);
  if (pageSize < 1 || pageSize > limits.maxPageSize) {
    throw new Invalid('invalid.value', `paging.pageSize must be between 1 and ${limits.maxPageSize}, got ${pageSize}`);
  }
  const pageNumber = parseWholeNumber(value.pageNumber, 'paging.pageNumber', 1);
  if (pageNumber < 1) throw new Invalid('invalid.value', `paging.pageNumber must be 1 or more, got ${pageNumber}`);
  if (pageSize * pageNumber > MAX_PAGINATED_RESULTS) {
    throw new Invalid('bad.request', `Pagination may not exceed ${MAX_PAGINATED_RESULTS} results`);
  }
  return { pageSize, pageNumber };
}

function parseWholeNumber(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Invalid('bad.request', `${field} must be a number, not ${describe(value)}`);
  if (!Number.isInteger(value)) throw new Invalid('invalid.value', `${field} must be a whole number, got ${value}`);
  return value;
}

function parseEnum<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string') throw new Invalid('bad.request', `${field} must be a string (${allowed.join('|')}), not ${describe(value)}`);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Invalid('invalid.value', `${field} must be one of ${allowed.join(', ')}, got ${quote(value)}`);
  }
  return value as T;
}

// --- filters ---------------------------------------------------------------------------

type ListField = FilterKind | 'evaluationFilters' | 'surveyFilters' | 'resolutionFilters';

function parseFilterList(value: unknown, field: ListField, budget: { entries: number }): Filter[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid('bad.request', `${field} must be an array of filters, not ${describe(value)}`);
  return value.map((filter, index) => parseFilter(filter, `${field}[${index}]`, 1, budget, field));
}

/**
 * `aggregations` ask for term-frequency or numeric-range buckets beside the conversations; the
 * mock does not compute them and says so (a clear 400) rather than answering without them.
 */
function parseAggregations(value: unknown): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new Invalid('bad.request', `aggregations must be an array, not ${describe(value)}`);
  if (value.length > 0) {
    throw new Invalid('invalid.value', 'aggregations (termFrequency, numericRange) are not supported by the mock; query without them and count the conversations');
  }
}

function parseFilter(value: unknown, field: string, depth: number, budget: { entries: number }, kind: ListField): Filter {
  if (depth > MAX_FILTER_DEPTH) throw new Invalid('invalid.value', `${field} nests clauses deeper than ${MAX_FILTER_DEPTH} levels`);
  countEntry(field, budget);
  if (!isObject(value)) throw new Invalid('bad.request', `${field} must be an object {type, predicates, clauses}, not ${describe(value)}`);
  if (value.type === undefined || value.type === null) throw new Invalid('bad.request', `${field}.type is required (${FILTER_TYPES.join('|')})`);
  const type = parseEnum(value.type, `${field}.type`, FILTER_TYPES, 'and');
  const predicates = parseArray(value.predicates, `${field}.predicates`).map((predicate, index) =>
    parsePredicate(predicate, `${field}.predicates[${index}]`, budget, kind),
  );
  const clauses = parseArray(value.clauses, `${field}.clauses`).map((clause, index) =>
    parseFilter(clause, `${field}.clauses[${index}]`, depth + 1, budget, kind),
  );
  if (predicates.length === 0 && clauses.length === 0) {
    throw new Invalid('invalid.value', `${field} must have at least one predicate or clause`);
  }
  return { type, predicates, clauses };
}

const OTHER_KIND: Record<FilterKind, FilterKind> = { conversationFilters: 'segmentFilters', segmentFilters: 'conversationFilters' };
const KIND_NOUN: Record<FilterKind, string> = { conversationFilters: 'conversation', segmentFilters: 'segment' };

/**
 * A predicate of its filter kind: `type` is inferred from which of dimension/metric/property
 * it names when absent. Dimensions and metrics must be Genesys' own for that kind; one of the
 * other kind is refused naming where it belongs. Evaluation, survey and resolution filters
 * are checked for shape only (the data set has no such records to apply them to).
 */
function parsePredicate(value: unknown, field: string, budget: { entries: number }, kind: ListField): Predicate {
  countEntry(field, budget);
  if (!isObject(value)) throw new Invalid('bad.request', `${field} must be an object {type, dimension, operator, value}, not ${describe(value)}`);
  const inferred = value.metric !== undefined ? 'metric' : value.property !== undefined ? 'property' : 'dimension';
  const type = parseEnum(value.type, `${field}.type`, ['dimension', 'property', 'metric'] as const, inferred);
  const operator = parseEnum(value.operator, `${field}.operator`, OPERATORS, 'matches');
  const filterKind = kind === 'conversationFilters' || kind === 'segmentFilters' ? kind : undefined;

  if (type === 'metric') {
    const metric = parseName(value.metric, `${field}.metric`, filterKind && METRICS_BY_KIND[filterKind], filterKind, 'metric');
    const range = value.range === undefined || value.range === null ? undefined : parseRange(value.range, `${field}.range`);
    if (operator !== 'matches') return { type, metric, operator };
    if (range) return { type, metric, operator, range };
    if (value.value === undefined || value.value === null) throw new Invalid('bad.request', `${field} needs a range {gt, gte, lt, lte} or a value with operator "matches"`);
    const number = typeof value.value === 'string' && value.value.trim() !== '' ? Number(value.value) : Number.NaN;
    if (!Number.isFinite(number)) throw new Invalid('bad.request', `${field}.value must be a number as a string, not ${describe(value.value)}`);
    return { type, metric, operator, value: number };
  }
  if (type === 'property') {
    if (kind === 'conversationFilters') throw new Invalid('invalid.value', `${field}.type "property" is for segmentFilters; conversation predicates are dimension or metric`);
    if (typeof value.property !== 'string' || value.property === '') throw new Invalid('bad.request', `${field}.property is required (a property name)`);
    const propertyType = parseEnum(value.propertyType, `${field}.propertyType`, PROPERTY_TYPES, 'string');
    if (operator !== 'matches') return { type, property: value.property, propertyType, operator };
    return { type, property: value.property, propertyType, operator, value: requiredString(value.value, field) };
  }
  const dimension = parseName(value.dimension, `${field}.dimension`, filterKind && DIMENSIONS_BY_KIND[filterKind], filterKind, 'dimension');
  if (operator !== 'matches') return { type, dimension, operator };
  return { type, dimension, operator, value: requiredString(value.value, field) };
}

/** A dimension or metric name: known for this filter kind, else a 400 saying where it belongs. */
function parseName(value: unknown, field: string, known: readonly string[] | undefined, kind: FilterKind | undefined, what: 'dimension' | 'metric'): string {
  if (value === undefined || value === null) throw new Invalid('bad.request', `${field} is required`);
  if (typeof value !== 'string') throw new Invalid('bad.request', `${field} must be a string, not ${describe(value)}`);
  if (!known || !kind || known.includes(value)) return value;
  const other = OTHER_KIND[kind];
  const byKind = what === 'dimension' ? DIMENSIONS_BY_KIND : METRICS_BY_KIND;
  if (byKind[other].includes(value)) {
    throw new Invalid('invalid.value', `${field} ${quote(value)} is a ${KIND_NOUN[other]} ${what}; use it in ${other}, not ${kind}`);
  }
  throw new Invalid('invalid.value', `${field} ${quote(value)} is not a ${KIND_NOUN[kind]} ${what} (see ${kind === 'segmentFilters' ? 'SegmentDetailQueryPredicate' : 'ConversationDetailQueryPredicate'})`);
}

function parseRange(value: unknown, field: string): NumericRange {
  if (!isObject(value)) throw new Invalid('bad.request', `${field} must be an object {gt, gte, lt, lte}, not ${describe(value)}`);
  const range: NumericRange = {};
  for (const bound of ['gt', 'gte', 'lt', 'lte'] as const) {
    const given = value[bound];
    if (given === undefined || given === null) continue;
    if (typeof given !== 'number' || !Number.isFinite(given)) throw new Invalid('bad.request', `${field}.${bound} must be a number, not ${describe(given)}`);
    range[bound] = given;
  }
  if (Object.keys(range).length === 0) throw new Invalid('invalid.value', `${field} needs at least one of gt, gte, lt, lte`);
  return range;
}

function requiredString(value: unknown, field: string): string {
  if (value === undefined || value === null) throw new Invalid('bad.request', `${field}.value is required with operator "matches"`);
  if (typeof value !== 'string') throw new Invalid('bad.request', `${field}.value must be a string, not ${describe(value)}`);
  return value;
}

function parseArray(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Invalid('bad.request', `${field} must be an array, not ${describe(value)}`);
  return value;
}

function countEntry(field: string, budget: { entries: number }): void {
  budget.entries += 1;
  if (budget.entries > MAX_FILTER_ENTRIES) {
    throw new Invalid('invalid.value', `too many filters, clauses and predicates (more than ${MAX_FILTER_ENTRIES}, at ${field})`);
  }
}

// --- helpers ---------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${quote(value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Echoes a bad value back without letting a huge one bloat the error body. */
function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
