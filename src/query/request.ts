// The body of POST /api/query: its JSON Schema (validated by Fastify's Ajv and published in the
// OpenAPI document, one source for both, and its TypeScript type) and the readable messages of its violations.
import type { FromSchema } from 'json-schema-to-ts';
import { ORDER_BY_VALUES, type PASS_THROUGH_FILTER_FIELDS } from './conversation-query.js';
import { MEDIA_TYPES } from './filter-expression.js';
import { MAX_FIELD_CHARS, MAX_FIELD_DEPTH, MAX_FIELDS } from './fields.js';

export interface RequestLimits {
  maxPageSize: number;
  maxPages: number;
  maxDeadlineMs: number;
}

/** Smallest deadline a caller may ask for: below it not even one attempt fits. */
export const MIN_DEADLINE_MS = 1000;

/** Most filters per filter field, clauses per filter and predicates per filter or clause. */
export const MAX_FILTERS = 50;
export const MAX_CLAUSES = 50;
export const MAX_PREDICATES = 100;

// Unknown fields of a filter, clause or predicate pass through to Genesys, but only as scalars:
// every level that may nest is spelled out, so raw filters have the depth Genesys gives them.
const scalar = { not: { anyOf: [{ type: 'object' }, { type: 'array' }] } } as const;

/** ConversationDetailQueryPredicate (and its segment/evaluation/survey/resolution siblings). */
const predicateSchema = {
  type: 'object',
  additionalProperties: scalar,
  properties: {
    type: { type: 'string', enum: ['dimension', 'property', 'metric'] },
    dimension: { type: 'string', maxLength: 200 },
    propertyType: { type: 'string', maxLength: 200 },
    property: { type: 'string', maxLength: 200 },
    metric: { type: 'string', maxLength: 200 },
    operator: { type: 'string', enum: ['matches', 'exists', 'notExists'] },
    value: { type: 'string', maxLength: 1000 },
    range: {
      type: 'object',
      additionalProperties: false,
      properties: { gt: { type: 'number' }, gte: { type: 'number' }, lt: { type: 'number' }, lte: { type: 'number' } },
    },
  },
} as const;

const predicates = { type: 'array', maxItems: MAX_PREDICATES, items: predicateSchema } as const;
const andOr = { type: 'string', enum: ['and', 'or'] } as const;

/** ConversationDetailQueryFilter → clauses[] → predicates[]: the whole depth a filter has. */
const filterArray = {
  type: 'array',
  maxItems: MAX_FILTERS,
  items: {
    type: 'object',
    required: ['type'],
    additionalProperties: scalar,
    properties: {
      type: andOr,
      predicates,
      clauses: {
        type: 'array',
        maxItems: MAX_CLAUSES,
        items: { type: 'object', required: ['type'], additionalProperties: scalar, properties: { type: andOr, predicates } },
      },
    },
  },
} as const;

/** The raw filter fields of `query`, spelled out (not mapped) so the body's type keeps them. */
const passThroughFilters = {
  conversationFilters: filterArray,
  segmentFilters: filterArray,
  evaluationFilters: filterArray,
  surveyFilters: filterArray,
  resolutionFilters: filterArray,
} as const satisfies Record<(typeof PASS_THROUGH_FILTER_FIELDS)[number], typeof filterArray>;

/** The deadline a caller may set, the same for /api/query and every flow action. */
export function deadlineSchema(maxDeadlineMs: number) {
  return {
    type: 'integer',
    minimum: MIN_DEADLINE_MS,
    maximum: maxDeadlineMs,
    description: 'Time budget of the whole request; the envelope is sent before it (default DEFAULT_DEADLINE_MS).',
  } as const;
}

export function queryRequestSchema(limits: RequestLimits) {
  return {
    type: 'object',
    additionalProperties: false,
    description: 'All fields optional; `{}` queries the last 24 hours.',
    properties: {
      filter_expression: {
        type: 'string',
        maxLength: 4000,
        description:
          "Clauses `field op 'literal'` joined by AND: queue.id, media.type, direction, user.id with `=`; createdDateTime/conversationStart with >=, >, <, <= (ISO-8601) set the interval.",
        examples: ["queue.id='8f3a…' AND createdDateTime >= '2026-11-01T00:00:00Z'"],
      },
      interval: { type: 'string', maxLength: 100, description: 'ISO-8601 `start/end`; default: the last 24 h ending one minute ago.' },
      queue_ids: { type: 'array', maxItems: 100, items: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Any of these queues.' },
      media_types: { type: 'array', maxItems: MEDIA_TYPES.length, items: { type: 'string', enum: [...MEDIA_TYPES] }, description: 'Any of these media types.' },
      query: {
        type: 'object',
        additionalProperties: false,
        description: 'Raw ConversationQuery fields for advanced users; filters are ANDed with the ones above.',
        properties: {
          interval: { type: 'string', maxLength: 100 },
          order: { type: 'string', enum: ['asc', 'desc'] },
          orderBy: { type: 'string', enum: [...ORDER_BY_VALUES] },
          ...passThroughFilters,
        },
      },
      page_size: { type: 'integer', minimum: 1, maximum: limits.maxPageSize, description: `Conversations per Genesys page (default ${limits.maxPageSize}).` },
      max_pages: { type: 'integer', minimum: 1, maximum: limits.maxPages, description: `Pages of page_size to read at most (default and maximum ${limits.maxPages}, MAX_PAGES): at most page_size × max_pages conversations. Smaller pages may be asked to fit the envelope, never more conversations.` },
      deadline_ms: deadlineSchema(limits.maxDeadlineMs),
      allow_partial: { type: 'boolean', description: 'A failure on a later page returns the pages already read (truncated: true).' },
      // What the answer holds instead of whole conversations (src/query/fields.ts, src/query/summary.ts).
      fields: {
        type: 'array',
        maxItems: MAX_FIELDS,
        items: { type: 'string', maxLength: MAX_FIELD_CHARS },
        description:
          `Conversation fields each item keeps (at most ${MAX_FIELDS}): dotted paths, e.g. conversationId, originatingDirection, participants.sessions.segments.queueId, ` +
          `optionally named (queue_id:participants.sessions.segments.queueId). Each entry is one key of every item (its name, else the path); arrays along the path are searched ` +
          `and the first value found is taken (that path is "the first queue id"); null where nothing is found. Names are letters, digits and _, at most ${MAX_FIELD_DEPTH} per path. ` +
          'Smaller items: more conversations fit the envelope. [] is the same as absent; not with summary.',
        examples: [['conversationId', 'conversationStart', 'originatingDirection', 'queue_id:participants.sessions.segments.queueId']],
      },
      summary: {
        type: 'boolean',
        description:
          'true: `data` is an object of counts instead of the conversations: conversations, by_queue, by_media_type, by_direction (a conversation counts once per distinct queue / media type it has), ' +
          'and when the data has the session metrics, handle_time_ms (sum of tHandle), wait_time_ms (sum of tAcd, else tWait), their conversation counts and averages. ' +
          'Computed over every conversation read: pages are read up to max_pages or the deadline, not stopped by the byte budget; truncated says Genesys had more. Not with fields.',
      },
    },
  } as const;
}

/** The body as Fastify hands it over once the schema has validated it. */
export type QueryRequest = FromSchema<ReturnType<typeof queryRequestSchema>>;

/** An Ajv error as Fastify hands it over (only the fields used here). */
export interface SchemaViolation {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter((part) => part !== '')
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join('');
}

/** Unknown field names listed per object before the rest are only counted. */
const UNKNOWN_FIELDS_LISTED = 5;
/** Distinct problems listed before the rest are only counted (keeps the envelope small). */
const VIOLATIONS_LISTED = 10;

/** One readable sentence per violation, e.g. `page_size must be <= 100`, `unknown field "foo"`. */
export function describeViolations(violations: readonly SchemaViolation[]): string {
  const unknownByPath = new Map<string, number>();
  const messages: string[] = [];
  for (const violation of violations) {
    const path = fieldPath(violation.instancePath);
    const where = path === '' ? 'body' : path;
    if (violation.keyword === 'additionalProperties') {
      // Thousands of unknown fields must not make a 400 echo every name: a few, then a count.
      const seen = (unknownByPath.get(path) ?? 0) + 1;
      unknownByPath.set(path, seen);
      if (seen <= UNKNOWN_FIELDS_LISTED) messages.push(`${path === '' ? '' : `${path}: `}unknown field ${JSON.stringify(violation.params.additionalProperty)}`);
      continue;
    }
    switch (violation.keyword) {
      case 'enum':
        messages.push(`${where} must be one of: ${(violation.params.allowedValues as unknown[]).join(', ')}`);
        break;
      case 'type': {
        const type = violation.params.type;
        messages.push(`${where} must be ${type === 'object' ? 'a JSON object' : `of type ${Array.isArray(type) ? type.join(' or ') : String(type)}`}`);
        break;
      }
      case 'not':
        messages.push(`${where} must be a string, number or boolean (only the known fields of a filter nest)`);
        break;
      default:
        messages.push(`${where} ${violation.message ?? 'is invalid'}`);
    }
  }
  for (const [path, count] of unknownByPath) {
    if (count > UNKNOWN_FIELDS_LISTED) messages.push(`${path === '' ? '' : `${path}: `}and ${count - UNKNOWN_FIELDS_LISTED} more unknown fields`);
  }
  const distinct = [...new Set(messages)];
  const listed = distinct.slice(0, VIOLATIONS_LISTED);
  if (distinct.length > listed.length) listed.push(`and ${distinct.length - listed.length} more problems`);
  return listed.join('; ');
}
