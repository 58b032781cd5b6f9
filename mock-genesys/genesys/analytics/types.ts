// The conversation-details query after validation: what the evaluator works on.

/** Dimensions the mock can filter on (a subset of Genesys' long list). */
export const DIMENSIONS = [
  'conversationId',
  'divisionId',
  'originatingDirection',
  'queueId',
  'mediaType',
  'direction',
  'userId',
  'purpose',
  'segmentType',
  'ani',
  'dnis',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const OPERATORS = ['matches', 'exists', 'notExists'] as const;
export type Operator = (typeof OPERATORS)[number];

export const FILTER_TYPES = ['and', 'or'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export const ORDERS = ['asc', 'desc'] as const;
export type Order = (typeof ORDERS)[number];

export const ORDER_BYS = ['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd'] as const;
export type OrderBy = (typeof ORDER_BYS)[number];

export interface Predicate {
  dimension: Dimension;
  operator: Operator;
  /** Present for `matches`. */
  value?: string;
}

export interface Filter {
  type: FilterType;
  predicates: Predicate[];
  clauses: Filter[];
}

export interface ConversationQuery {
  startMs: number;
  endMs: number;
  order: Order;
  orderBy: OrderBy;
  pageSize: number;
  pageNumber: number;
  conversationFilters: Filter[];
  segmentFilters: Filter[];
}

/** The values a dimension has in one context (a segment, or a whole conversation). */
export type DimensionValues = Readonly<Record<Dimension, readonly string[]>>;
