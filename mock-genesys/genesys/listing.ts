// Genesys entity listings: `pageSize`/`pageNumber` query parameters and the paged answer
// (`entities`, `total`, `pageCount`, first/self/last/next/previous URIs) every listing shares.

export interface EntityListing<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  selfUri: string;
  lastUri: string;
  nextUri?: string;
  previousUri?: string;
}

export interface Paging {
  pageSize: number;
  pageNumber: number;
}

/** `pageSize` (default 25, 1..maxPageSize) and `pageNumber` (default 1) of a query string; a message when bad. */
export function pagingOf(params: Record<string, unknown>, maxPageSize: number): Paging | string {
  const pageSize = wholeParam(params.pageSize, 'pageSize', 25, 1, maxPageSize);
  if (typeof pageSize === 'string') return pageSize;
  const pageNumber = wholeParam(params.pageNumber, 'pageNumber', 1, 1, Number.MAX_SAFE_INTEGER);
  if (typeof pageNumber === 'string') return pageNumber;
  return { pageSize, pageNumber };
}

export function wholeParam(value: unknown, name: string, fallback: number, min: number, max: number): number | string {
  if (value === undefined || value === '') return fallback;
  const text = Array.isArray(value) ? String(value[0]) : String(value);
  if (!/^\d{1,16}$/.test(text) || Number(text) < min || Number(text) > max) {
    return `${name} must be a whole number between ${min} and ${max}, got ${JSON.stringify(text.slice(0, 40))}`;
  }
  return Number(text);
}

/** One string of a query parameter (the first when repeated), or undefined. */
export function stringParam(value: unknown): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Every value of a repeatable (or comma-separated) query parameter. */
export function listParam(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * The page of `items` a paging asks for. `uri(page)` builds the URI of a page (the listing's
 * path with its own query, which must carry pageSize and pageNumber).
 */
export function listingOf<T>(items: readonly T[], paging: Paging, uri: (pageNumber: number) => string): EntityListing<T> {
  const { pageSize, pageNumber } = paging;
  const total = items.length;
  const pageCount = Math.ceil(total / pageSize);
  const from = (pageNumber - 1) * pageSize;
  const listing: EntityListing<T> = {
    entities: items.slice(from, from + pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    lastUri: uri(Math.max(1, pageCount)),
  };
  if (pageNumber < pageCount) listing.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1) listing.previousUri = uri(pageNumber - 1);
  return listing;
}

/** A query string from the given parameters (undefined ones left out), with a leading `?`. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const parts = Object.entries(params).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return `?${parts.map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`).join('&')}`;
}
