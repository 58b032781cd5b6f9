// The one outcome type of a flow request, whatever the action: the envelope maps it as is.
import type { FinalFailure } from '../retry/outcome.js';

/** A list read page by page (conversation-details). */
export interface ListData {
  shape: 'list';
  items: Record<string, unknown>[];
  totalHits: number;
  pagesFetched: number;
  /** Something was left unread (page cap, deadline, byte budget, or a later page's failure). */
  incomplete: boolean;
  /** Paging stopped because the items already fill the envelope's byte budget. */
  budgetFull: boolean;
  /** Each item's JSON in UTF-8, as its bytes were counted, so the envelope splices it instead of serializing it again. */
  itemsJson?: Buffer[];
}

/** One projected object (every other action). */
export interface ObjectData {
  shape: 'object';
  value: Record<string, unknown>;
  /** Genesys answers it was built from. */
  answers: number;
}

export type OutcomeData = ListData | ObjectData;

export type Outcome<T extends OutcomeData = OutcomeData> =
  | { status: 'complete'; data: T }
  /** Usable data, and what stopped it from being whole (allow_partial, or a stale cache answer). */
  | { status: 'partial'; data: T; failure: FinalFailure }
  | { status: 'failed'; shape: T['shape']; failure: FinalFailure };
