// The conversation-details query after validation: what the evaluator works on.

export const OPERATORS = ['matches', 'exists', 'notExists'] as const;
export type Operator = (typeof OPERATORS)[number];

export const FILTER_TYPES = ['and', 'or'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

/** `unordered` answers in the default order (conversationStart, ascending): any order is allowed. */
export const ORDERS = ['asc', 'desc', 'unordered'] as const;
export type Order = (typeof ORDERS)[number];

export const ORDER_BYS = ['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd'] as const;
export type OrderBy = (typeof ORDER_BYS)[number];

/** NumericRange: any of the four bounds. */
export interface NumericRange {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

export type Predicate =
  | { type: 'dimension'; dimension: string; operator: Operator; value?: string }
  | { type: 'metric'; metric: string; operator: Operator; value?: number; range?: NumericRange }
  | { type: 'property'; property: string; propertyType: string; operator: Operator; value?: string };

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
  /** evaluationFilters, surveyFilters and resolutionFilters: each must hold for one evaluation/survey/resolution. */
  recordFilters: { evaluations: Filter[]; surveys: Filter[]; resolutions: Filter[] };
}

/** What one context (a segment, or a whole conversation) offers to predicates. */
export interface FilterContext {
  /** Dimension → its values here; absent dimensions have none. */
  dimensions: Readonly<Record<string, readonly string[]>>;
  /** Metric → its value here (conversation: summed over sessions; segment: tSegmentDuration). */
  metrics: Readonly<Record<string, number>>;
  /** Segment properties (name → value); the data set has none. */
  properties: Readonly<Record<string, string>>;
}
