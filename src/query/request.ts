// The body of POST /api/query: its JSON Schema (validated by Fastify's Ajv and published in the
// OpenAPI document, one source for both) and the readable messages of its violations.
import { ORDER_BY_VALUES, PASS_THROUGH_FILTER_FIELDS } from './conversation-query.js';
import { MEDIA_TYPES } from './filter-expression.js';

export interface QueryRequest {
  filter_expression?: string;
  interval?: string;
  queue_ids?: string[];
  media_types?: string[];
  query?: Record<string, unknown>;
  page_size?: number;
  max_pages?: number;
  deadline_ms?: number;
  allow_partial?: boolean;
}

export interface RequestLimits {
  maxPageSize: number;
  maxPages: number;
  maxDeadlineMs: number;
}

/** Smallest deadline a caller may ask for: below it not even one attempt fits. */
export const MIN_DEADLINE_MS = 1000;

const filterArray = {
  type: 'array',
  maxItems: 50,
  items: { type: 'object', required: ['type'], properties: { type: { type: 'string', enum: ['and', 'or'] } } },
} as const;

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
          ...Object.fromEntries(PASS_THROUGH_FILTER_FIELDS.map((field) => [field, filterArray])),
        },
      },
      page_size: { type: 'integer', minimum: 1, maximum: limits.maxPageSize, description: `Conversations per Genesys page (default ${limits.maxPageSize}).` },
      max_pages: { type: 'integer', minimum: 1, maximum: limits.maxPages, description: `Pages to read at most (default and maximum ${limits.maxPages}, MAX_PAGES).` },
      deadline_ms: {
        type: 'integer',
        minimum: MIN_DEADLINE_MS,
        maximum: limits.maxDeadlineMs,
        description: 'Time budget of the whole request; the envelope is sent before it (default DEFAULT_DEADLINE_MS).',
      },
      allow_partial: { type: 'boolean', description: 'A failure on a later page returns the pages already read (truncated: true).' },
    },
  } as const;
}

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

/** One readable sentence per violation, e.g. `page_size must be <= 100`, `unknown field "foo"`. */
export function describeViolations(violations: readonly SchemaViolation[]): string {
  const messages = violations.map((violation) => {
    const path = fieldPath(violation.instancePath);
    const where = path === '' ? 'body' : path;
    switch (violation.keyword) {
      case 'additionalProperties':
        return `${path === '' ? '' : `${path}: `}unknown field ${JSON.stringify(violation.params.additionalProperty)}`;
      case 'enum':
        return `${where} must be one of: ${(violation.params.allowedValues as unknown[]).join(', ')}`;
      case 'type':
        return `${where} must be ${violation.params.type === 'object' ? 'a JSON object' : `of type ${String(violation.params.type)}`}`;
      default:
        return `${where} ${violation.message ?? 'is invalid'}`;
    }
  });
  return [...new Set(messages)].join('; ');
}
