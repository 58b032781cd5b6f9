// Pagination on top of callGenesys: numbered pages (the details query has no cursor) and
// `nextUri` links (Genesys' entity listings). Paging stops as soon as nothing more can be
// sent: once the items fill the envelope's byte budget no further page is fetched, the first
// page asks for about what the budget is expected to hold (item-size.ts), and the next pages
// for no more items than the budget still has room for.
import type { FinalFailure } from '../retry/outcome.js';
import type { CallControl, CallResult } from './call.js';
import type { ListData, Outcome } from './outcome.js';

/** Genesys refuses paging past 100,000 results (pageNumber × pageSize) of one query. */
export const GENESYS_MAX_RESULTS = 100_000;

export interface NumberedPaging {
  fetchPage(page: { pageNumber: number; pageSize: number }): Promise<CallResult>;
  itemsOf(json: Record<string, unknown>): Record<string, unknown>[];
  /**
   * Each item's bytes in the answer's body, in the order of itemsOf (json-slices.ts), so an item
   * kept whole goes into the envelope as sent; absent or undefined: items are serialized.
   */
  itemSourcesOf?(body: Buffer): Buffer[] | undefined;
  totalOf(json: Record<string, unknown>): number | undefined;
  pageSize: number;
  maxPages: number;
  allowPartial: boolean;
  /** Bytes the serialized items may take in the envelope. */
  itemBytesBudget: number;
  /** Bytes a kept item is expected to take (item-size.ts): the first page asks for no more than fit, with a margin. */
  expectedItemBytes?: number | undefined;
  /** Identity for deduplication (totalHits moves while data arrives: pages can overlap). */
  idOf(item: Record<string, unknown>): unknown;
  /**
   * What is kept of each new (deduplicated) item, before its bytes are counted: a projection, or
   * undefined to keep nothing (the item was folded elsewhere, e.g. into a summary). Default: the item.
   */
  keep?(item: Record<string, unknown>): Record<string, unknown> | undefined;
  /** An attempt needs at least this long; no new page starts with less time left. */
  minAttemptMs: number;
  now(): number;
  control: Pick<CallControl, 'deadlineAt'>;
}

/**
 * The largest page size ≤ `wanted` that divides `offset`, so that numbered pages of the new
 * size continue exactly where the previous ones ended (page = offset / size + 1).
 */
export function alignedPageSize(offset: number, wanted: number): number {
  for (let size = Math.max(1, Math.floor(wanted)); size > 1; size--) if (offset % size === 0) return size;
  return 1;
}

/** The first page asks for this many times the items expected to fit (one more fills the budget). */
export const FIRST_PAGE_MARGIN = 1.25;

/**
 * The first page's size: the flow's, or its smallest divisor that holds the items expected to
 * fit the budget. A divisor, so that when the estimate was high for this query the next pages can
 * grow back to the flow's size (each one aligned: 20, 20, 40, 80, then up to 100).
 */
export function firstPageSize(pageSize: number, itemBytesBudget: number, expectedItemBytes: number | undefined): number {
  if (expectedItemBytes === undefined || !(expectedItemBytes > 0) || !Number.isFinite(itemBytesBudget)) return pageSize;
  const expectedToFit = Math.ceil((itemBytesBudget / expectedItemBytes) * FIRST_PAGE_MARGIN) + 1;
  for (let size = Math.max(1, expectedToFit); size < pageSize; size++) if (pageSize % size === 0) return size;
  return pageSize;
}

export async function readNumberedPages(paging: NumberedPaging): Promise<Outcome<ListData>> {
  const seen = new Set<unknown>();
  const items: Record<string, unknown>[] = [];
  const itemsJson: Buffer[] = [];
  let itemBytes = 0;
  let totalHits = 0;
  let pagesFetched = 0;
  let complete = false;
  let budgetFull = false;
  let failure: FinalFailure | undefined;
  // The flow allows page_size × max_pages conversations; smaller pages may take more calls to read them.
  const coverage = paging.pageSize * paging.maxPages;
  let pageSize = firstPageSize(paging.pageSize, paging.itemBytesBudget, paging.expectedItemBytes);
  let pageNumber = 1;

  while ((pageNumber - 1) * pageSize < coverage) {
    if (pagesFetched > 0 && paging.control.deadlineAt - paging.now() < paging.minAttemptMs) break; // keep what we have
    const result = await paging.fetchPage({ pageNumber, pageSize });
    if (!result.ok) {
      failure = result.failure;
      break;
    }
    pagesFetched++;
    const pageItems = paging.itemsOf(result.json);
    totalHits = paging.totalOf(result.json) ?? pageItems.length;
    // A projection is serialized anyway; whole items are spliced when their sources line up.
    const sources = paging.keep === undefined && result.body !== undefined ? paging.itemSourcesOf?.(result.body) : undefined;
    const itemSources = sources?.length === pageItems.length ? sources : undefined;
    for (let index = 0; index < pageItems.length; index++) {
      const item = pageItems[index]!;
      const id = paging.idOf(item);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const kept = paging.keep === undefined ? item : paging.keep(item);
      if (kept === undefined) continue;
      const json = itemSources?.[index] ?? Buffer.from(JSON.stringify(kept), 'utf8');
      items.push(kept);
      itemsJson.push(json);
      itemBytes += json.length + 1;
    }
    const offset = pageNumber * pageSize;
    if (pageItems.length < pageSize || offset >= totalHits || offset + pageSize > GENESYS_MAX_RESULTS) {
      complete = true;
      break;
    }
    if (itemBytes >= paging.itemBytesBudget) {
      budgetFull = true;
      break;
    }
    // Ask only for what the budget still has room for (one more item so the budget fills), in
    // pages of at most the flow's size, within what it allows.
    const bytesPerItem = itemBytes / Math.max(1, items.length);
    const wanted = Math.ceil((paging.itemBytesBudget - itemBytes) / Math.max(1, bytesPerItem)) + 1;
    pageSize = alignedPageSize(offset, Math.min(wanted, paging.pageSize, coverage - offset));
    pageNumber = offset / pageSize + 1;
  }

  const data: ListData = { shape: 'list', items, totalHits, pagesFetched, incomplete: !complete, budgetFull, itemsJson };
  if (failure === undefined) return { status: 'complete', data };
  if (pagesFetched > 0 && paging.allowPartial) return { status: 'partial', data, failure };
  return { status: 'failed', shape: 'list', failure };
}

export interface NextUriPaging {
  fetch(path: string): Promise<CallResult>;
  firstPath: string;
  itemsKey: string;
  maxPages: number;
}

/** Follows Genesys' `nextUri` (a path on the same API host) until it is absent or maxPages. */
export async function readNextUriPages(paging: NextUriPaging): Promise<Outcome<ListData>> {
  const items: Record<string, unknown>[] = [];
  let path: string | undefined = paging.firstPath;
  let pagesFetched = 0;
  let totalHits = 0;
  while (path !== undefined && pagesFetched < paging.maxPages) {
    const result = await paging.fetch(path);
    if (!result.ok) return { status: 'failed', shape: 'list', failure: result.failure };
    pagesFetched++;
    const list = result.json[paging.itemsKey];
    if (Array.isArray(list)) items.push(...(list.filter((item) => typeof item === 'object' && item !== null) as Record<string, unknown>[]));
    totalHits = typeof result.json.total === 'number' ? result.json.total : items.length;
    const next = result.json.nextUri;
    // Only a path under the API root is followed: an answer cannot send the proxy elsewhere.
    path = typeof next === 'string' && next.startsWith('/api/v2/') ? next : undefined;
  }
  return { status: 'complete', data: { shape: 'list', items, totalHits, pagesFetched, incomplete: path !== undefined, budgetFull: false } };
}
