// Paging on top of the engine: stops once the byte budget is full, asks for aligned smaller pages.
import { describe, expect, it } from 'vitest';
import type { CallResult } from '../../src/engine/call.js';
import { arrayElementSources } from '../../src/engine/json-slices.js';
import { ItemSizeEstimate } from '../../src/engine/item-size.js';
import { alignedPageSize, firstPageSize, readNextUriPages, readNumberedPages } from '../../src/engine/paginate.js';

describe('alignedPageSize', () => {
  it.each([
    [100, 10, 10],
    [100, 30, 25],
    [100, 7, 5],
    [30, 7, 6],
    [7, 3, 1],
    [100, 100, 100],
  ])('offset %i, wanted %i → %i', (offset, wanted, size) => {
    expect(alignedPageSize(offset, wanted)).toBe(size);
    expect(offset % size).toBe(0);
  });
});

describe('firstPageSize', () => {
  it.each([
    // 59,800 bytes of budget at 4,000 a conversation: about 15 fit, 20 with the margin, which divides 100.
    [100, 59_800, 4000, 20],
    [100, 59_800, 3700, 25],
    [100, 59_800, 10_000, 10],
    [100, 59_800, 100_000, 2],
    [10, 59_800, 4000, 10],
    [97, 59_800, 4000, 97],
    [100, 59_800, 100, 100],
    [100, 59_800, undefined, 100],
    [100, Number.POSITIVE_INFINITY, 4000, 100],
  ])('page_size %i, budget %i, %s bytes expected a conversation → %i', (pageSize, budget, expected, size) => {
    expect(firstPageSize(pageSize, budget, expected)).toBe(size);
    expect(pageSize % size).toBe(0);
  });
});

describe('ItemSizeEstimate', () => {
  it('knows nothing before an answer with items, then follows a running average', () => {
    const estimate = new ItemSizeEstimate();
    estimate.observe(0, 0);
    expect(estimate.bytesPerItem).toBeUndefined();
    estimate.observe(40_000, 10);
    expect(estimate.bytesPerItem).toBe(4000);
    estimate.observe(9000, 9);
    expect(estimate.bytesPerItem).toBe(4000 + 0.2 * (1000 - 4000));
  });
});

function numbered(totalItems: number, itemBytes: number, itemBytesBudget: number, pageSize = 100, maxPages = 5, expectedItemBytes?: number) {
  const asked: Array<{ pageNumber: number; pageSize: number }> = [];
  const run = readNumberedPages({
    fetchPage: async (page): Promise<CallResult> => {
      asked.push(page);
      const start = (page.pageNumber - 1) * page.pageSize;
      const items = Array.from({ length: Math.max(0, Math.min(page.pageSize, totalItems - start)) }, (_, index) => ({ conversationId: `c${start + index}`, pad: 'x'.repeat(itemBytes - 40) }));
      return { ok: true, json: { conversations: items, totalHits: totalItems } };
    },
    itemsOf: (json) => json.conversations as Record<string, unknown>[],
    totalOf: (json) => json.totalHits as number,
    idOf: (item) => item.conversationId,
    pageSize,
    maxPages,
    allowPartial: false,
    itemBytesBudget,
    expectedItemBytes,
    minAttemptMs: 100,
    now: () => 0,
    control: { deadlineAt: 10_000 },
  });
  return { run, asked };
}

describe('readNumberedPages', () => {
  it('asks the first page for about what the budget is expected to hold', async () => {
    const { run, asked } = numbered(500, 4000, 59_800, 100, 5, 4000);
    const outcome = await run;
    expect(asked).toEqual([{ pageNumber: 1, pageSize: 20 }]);
    expect(outcome).toMatchObject({ status: 'complete', data: { pagesFetched: 1, incomplete: true, budgetFull: true } });
    if (outcome.status !== 'complete') throw new Error(outcome.status);
    expect(outcome.data.items).toHaveLength(20);
  });

  it.each([
    // Items of 200 bytes where 4,000 were expected: all 100 the flow allows (page_size × max_pages) fit.
    { maxPages: 1, itemBytes: 200, asked: [[1, 20], [2, 20], [2, 40], [5, 20]], read: 100 },
    { maxPages: 3, itemBytes: 100, asked: [[1, 20], [2, 20], [2, 40], [2, 80], [3, 80], [5, 60]], read: 300 },
  ])('grows back towards the flow\'s page size on aligned pages when the estimate was high, reading page_size × max_pages conversations (max_pages $maxPages)', async ({ maxPages, itemBytes, asked: pages, read }) => {
    const { run, asked } = numbered(1000, itemBytes, 59_800, 100, maxPages, 4000);
    const outcome = await run;
    expect(asked).toEqual(pages.map(([pageNumber, pageSize]) => ({ pageNumber, pageSize })));
    if (outcome.status !== 'complete') throw new Error(outcome.status);
    expect(outcome.data.items.map((item) => item.conversationId)).toEqual(Array.from({ length: read }, (_, index) => `c${index}`));
    expect(outcome.data).toMatchObject({ incomplete: true, budgetFull: false, pagesFetched: pages.length });
  });

  it('makes one call when the first page already fills the byte budget', async () => {
    const { run, asked } = numbered(500, 2000, 60_000);
    const outcome = await run;
    expect(asked).toEqual([{ pageNumber: 1, pageSize: 100 }]);
    expect(outcome).toMatchObject({ status: 'complete', data: { pagesFetched: 1, incomplete: true, budgetFull: true } });
  });

  it('asks only for what still fits, on aligned pages, and keeps order without gaps', async () => {
    const { run, asked } = numbered(500, 1000, 12_500, 10);
    const outcome = await run;
    expect(asked[0]).toEqual({ pageNumber: 1, pageSize: 10 });
    expect(asked[1]!.pageSize).toBeLessThanOrEqual(5);
    if (outcome.status !== 'complete') throw new Error(outcome.status);
    const ids = outcome.data.items.map((item) => item.conversationId);
    expect(ids).toEqual(ids.map((_, index) => `c${index}`));
    expect(outcome.data.budgetFull).toBe(true);
  });

  it('reads every page when everything fits', async () => {
    const { run, asked } = numbered(25, 200, 60_000, 10);
    const outcome = await run;
    expect(asked.map((page) => page.pageNumber)).toEqual([1, 2, 3]);
    expect(outcome).toMatchObject({ status: 'complete', data: { incomplete: false, budgetFull: false } });
  });
});

describe('readNextUriPages', () => {
  it('follows nextUri under /api/v2/ only, up to maxPages', async () => {
    const paths: string[] = [];
    const pages: Record<string, Record<string, unknown>> = {
      '/api/v2/things': { entities: [{ id: 1 }], nextUri: '/api/v2/things?pageNumber=2', total: 3 },
      '/api/v2/things?pageNumber=2': { entities: [{ id: 2 }], nextUri: 'https://evil.example/steal', total: 3 },
    };
    const outcome = await readNextUriPages({
      fetch: async (path) => {
        paths.push(path);
        return { ok: true, json: pages[path]! };
      },
      firstPath: '/api/v2/things',
      itemsKey: 'entities',
      maxPages: 5,
    });
    expect(paths).toEqual(['/api/v2/things', '/api/v2/things?pageNumber=2']);
    expect(outcome).toMatchObject({ status: 'complete', data: { items: [{ id: 1 }, { id: 2 }], totalHits: 3 } });
  });
});

describe('readNumberedPages with keep (fields, summary)', () => {
  /** Pages of 100 items of about 2 kB, each page (after the first) repeating the previous page's last item: 299 distinct in 3 pages. */
  function kept(keep: (item: Record<string, unknown>) => Record<string, unknown> | undefined, itemBytesBudget: number, maxPages = 5) {
    const asked: Array<{ pageNumber: number; pageSize: number }> = [];
    const run = readNumberedPages({
      fetchPage: async (page): Promise<CallResult> => {
        asked.push(page);
        const start = Math.max(0, (page.pageNumber - 1) * page.pageSize - 1); // overlap by one: dedup is on the raw item
        const items = Array.from({ length: Math.max(0, Math.min(page.pageSize, 300 - start)) }, (_, index) => ({ conversationId: `c${start + index}`, pad: 'x'.repeat(2000) }));
        return { ok: true, json: { conversations: items, totalHits: 300 } };
      },
      itemsOf: (json) => json.conversations as Record<string, unknown>[],
      totalOf: (json) => json.totalHits as number,
      idOf: (item) => item.conversationId,
      pageSize: 100,
      maxPages,
      allowPartial: false,
      itemBytesBudget,
      minAttemptMs: 100,
      now: () => 0,
      control: { deadlineAt: 10_000 },
      keep,
    });
    return { run, asked };
  }

  it('counts the bytes of what is kept, so smaller items fill more pages before the budget', async () => {
    const { run, asked } = kept((item) => ({ id: item.conversationId }), 60_000);
    const outcome = await run;
    expect(asked).toHaveLength(3);
    if (outcome.status !== 'complete') throw new Error(outcome.status);
    expect(outcome.data.items[0]).toEqual({ id: 'c0' });
    expect(outcome.data.items.map((item) => item.id)).toEqual(Array.from({ length: 299 }, (_, index) => `c${index}`));
    expect(outcome.data).toMatchObject({ incomplete: false, budgetFull: false });
  });

  it('keeps nothing when keep answers undefined, and reads on to the last page', async () => {
    const seen: unknown[] = [];
    const { run, asked } = kept((item) => void seen.push(item.conversationId), Number.POSITIVE_INFINITY);
    const outcome = await run;
    expect(asked.map((page) => page.pageSize)).toEqual([100, 100, 100]);
    expect(seen).toEqual(Array.from({ length: 299 }, (_, index) => `c${index}`));
    expect(outcome).toMatchObject({ status: 'complete', data: { items: [], totalHits: 300, pagesFetched: 3, incomplete: false, budgetFull: false } });
  });

  it('stops at maxPages with the rest unread (incomplete)', async () => {
    const { run } = kept(() => undefined, Number.POSITIVE_INFINITY, 2);
    expect(await run).toMatchObject({ status: 'complete', data: { pagesFetched: 2, incomplete: true, budgetFull: false } });
  });
});

describe('readNumberedPages splicing item sources', () => {
  /** Two pages written with spaces (as no JSON.stringify writes them), the second repeating the first's last item. */
  const pages: Record<number, string> = {
    1: '{"conversations": [ {"conversationId": "c0", "n": 1}, {"conversationId": "c1", "n": 2} ], "totalHits": 3}',
    2: '{"conversations": [ {"conversationId": "c1", "n": 2}, {"conversationId": "c2", "n": 3} ], "totalHits": 3}',
  };
  function spliced(options: { keep?: (item: Record<string, unknown>) => Record<string, unknown>; sourcesOf?: (body: Buffer) => Buffer[] | undefined }) {
    return readNumberedPages({
      fetchPage: async ({ pageNumber }): Promise<CallResult> => ({ ok: true, json: JSON.parse(pages[pageNumber]!) as Record<string, unknown>, body: Buffer.from(pages[pageNumber]!) }),
      itemsOf: (json) => json.conversations as Record<string, unknown>[],
      itemSourcesOf: options.sourcesOf ?? ((body) => arrayElementSources(body, 'conversations')),
      totalOf: (json) => json.totalHits as number,
      idOf: (item) => item.conversationId,
      pageSize: 2,
      maxPages: 5,
      allowPartial: false,
      itemBytesBudget: 60_000,
      minAttemptMs: 100,
      now: () => 0,
      control: { deadlineAt: 10_000 },
      ...(options.keep !== undefined ? { keep: options.keep } : {}),
    });
  }

  it('keeps each whole item as Genesys wrote it, a repeated item skipped with its source', async () => {
    const outcome = await spliced({});
    if (outcome.status !== 'complete') throw new Error(outcome.status);
    expect(outcome.data.itemsJson?.map(String)).toEqual(['{"conversationId": "c0", "n": 1}', '{"conversationId": "c1", "n": 2}', '{"conversationId": "c2", "n": 3}']);
    expect(outcome.data.items.map((item) => item.n)).toEqual([1, 2, 3]);
  });

  it('serializes a projection, and items whose sources do not line up', async () => {
    const projected = await spliced({ keep: (item) => ({ id: item.conversationId }) });
    if (projected.status !== 'complete') throw new Error(projected.status);
    expect(projected.data.itemsJson?.map(String)).toEqual(['{"id":"c0"}', '{"id":"c1"}', '{"id":"c2"}']);
    const misaligned = await spliced({ sourcesOf: () => [Buffer.from('{}')] });
    if (misaligned.status !== 'complete') throw new Error(misaligned.status);
    expect(misaligned.data.itemsJson?.map(String)).toEqual(misaligned.data.items.map((item) => JSON.stringify(item)));
  });
});
