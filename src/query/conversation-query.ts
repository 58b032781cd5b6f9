// The subset of Genesys' ConversationQuery (POST /api/v2/analytics/conversations/details/query)
// that the proxy builds or passes through; field names and values are Genesys' own (see
// ConversationQuery in the Genesys Cloud API reference).

export interface QueryPredicate {
  type?: 'dimension' | 'property' | 'metric';
  dimension?: string;
  operator?: 'matches' | 'exists' | 'notExists';
  value?: string;
}

export interface QueryFilter {
  type: 'and' | 'or';
  predicates?: QueryPredicate[];
  clauses?: unknown[];
  [key: string]: unknown;
}

export const ORDER_BY_VALUES = ['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd'] as const;

export interface ConversationQuery {
  /** ISO-8601 `start/end`. */
  interval: string;
  order?: 'asc' | 'desc';
  orderBy?: (typeof ORDER_BY_VALUES)[number];
  paging: { pageSize: number; pageNumber: number };
  conversationFilters?: QueryFilter[];
  segmentFilters?: QueryFilter[];
  evaluationFilters?: QueryFilter[];
  surveyFilters?: QueryFilter[];
  resolutionFilters?: QueryFilter[];
}

/** Raw ConversationQuery fields a caller may pass in `query` (paging is the proxy's). */
export const PASS_THROUGH_FILTER_FIELDS = ['conversationFilters', 'segmentFilters', 'evaluationFilters', 'surveyFilters', 'resolutionFilters'] as const;
