import { describe, expect, it } from 'vitest';
import { compileQueryRequest, type CompileLimits } from '../../src/query/compile.js';

const limits: CompileLimits = { maxPageSize: 100, maxPages: 5, defaultDeadlineMs: 8000, maxIntervalDays: 31, maxIntervalDaysWithoutFilters: 7 };
const now = Date.parse('2026-11-10T12:00:00Z');

describe('compileQueryRequest', () => {
  it('defaults to the last 24 h ending one minute ago, page 1 of MAX_PAGE_SIZE', () => {
    const result = compileQueryRequest({}, limits, now);
    expect(result).toEqual({
      ok: true,
      value: {
        query: { interval: '2026-11-09T11:59:00.000Z/2026-11-10T11:59:00.000Z', order: 'asc', orderBy: 'conversationStart', paging: { pageSize: 100, pageNumber: 1 } },
        maxPages: 5,
        deadlineMs: 8000,
        allowPartial: false,
      },
    });
  });

  it('compiles filter_expression, queue_ids and media_types into segment filters and raw filters first', () => {
    const result = compileQueryRequest(
      {
        filter_expression: "queue.id='q1' AND createdDateTime >= '2026-11-01T00:00:00Z' AND createdDateTime < '2026-11-03T00:00:00Z'",
        queue_ids: ['q2', 'q3'],
        media_types: ['voice'],
        query: { segmentFilters: [{ type: 'or', predicates: [{ dimension: 'wrapUpCode', value: 'w' }] }], order: 'desc' },
        page_size: 50,
        max_pages: 2,
        deadline_ms: 20_000,
        allow_partial: true,
      },
      limits,
      now,
    );
    expect(result.ok && result.value.query).toEqual({
      interval: '2026-11-01T00:00:00.000Z/2026-11-03T00:00:00.000Z',
      order: 'desc',
      orderBy: 'conversationStart',
      paging: { pageSize: 50, pageNumber: 1 },
      segmentFilters: [
        { type: 'or', predicates: [{ dimension: 'wrapUpCode', value: 'w' }] },
        { type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q1' }] },
        { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q2' }, { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q3' }] },
        { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }] },
      ],
    });
    expect(result.ok && result.value).toMatchObject({ maxPages: 2, deadlineMs: 20_000, allowPartial: true });
  });

  it('narrows an explicit interval with filter bounds', () => {
    const result = compileQueryRequest({ interval: '2026-11-01T00:00:00Z/2026-11-05T00:00:00Z', filter_expression: "conversationStart >= '2026-11-02T00:00:00Z'" }, limits, now);
    expect(result.ok && result.value.query.interval).toBe('2026-11-02T00:00:00.000Z/2026-11-05T00:00:00.000Z');
  });

  it.each([
    [{ interval: '2026-11-01T00:00:00Z' }, 'start/end'],
    [{ interval: 'yesterday/today' }, 'start "yesterday" is not an ISO-8601'],
    [{ interval: '2026-11-02T00:00:00Z/2026-11-01T00:00:00Z' }, 'the interval is empty'],
    [{ interval: '2026-11-01T00:00:00Z/2026-11-09T00:00:00Z' }, 'at most 7 days are allowed without filters'],
    [{ interval: '2026-10-01T00:00:00Z/2026-11-09T00:00:00Z', queue_ids: ['q'] }, 'at most 31 days are allowed with filters'],
    [{ filter_expression: "queue.id = 'x' OR" }, 'filter_expression at position 16: expected AND or the end of the expression'],
    [{ interval: '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z', query: { interval: '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z' } }, 'both set'],
  ])('rejects %j with a message naming the problem', (body, message) => {
    const result = compileQueryRequest(body, limits, now);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });

  it('allows 8 days once a filter is present', () => {
    expect(compileQueryRequest({ interval: '2026-11-01T00:00:00Z/2026-11-09T00:00:00Z', media_types: ['chat'] }, limits, now).ok).toBe(true);
  });
});

describe('compileQueryRequest: fields and summary', () => {
  it('parses fields and keeps summary', () => {
    const withFields = compileQueryRequest({ fields: ['conversationId', 'queue_id:participants.sessions.segments.queueId'] }, limits, now);
    expect(withFields.ok && withFields.value.fields).toEqual([
      { key: 'conversationId', path: ['conversationId'] },
      { key: 'queue_id', path: ['participants', 'sessions', 'segments', 'queueId'] },
    ]);
    const summary = compileQueryRequest({ summary: true }, limits, now);
    expect(summary.ok && summary.value.summary).toBe(true);
  });

  it('treats fields: [] and summary: false as absent', () => {
    const result = compileQueryRequest({ fields: [], summary: false }, limits, now);
    expect(result.ok && 'fields' in result.value).toBe(false);
    expect(result.ok && 'summary' in result.value).toBe(false);
    expect(compileQueryRequest({ fields: [], summary: true }, limits, now)).toMatchObject({ ok: true, value: { summary: true } });
  });

  it('refuses fields with summary, and a wrong entry by its index', () => {
    expect(compileQueryRequest({ fields: ['conversationId'], summary: true }, limits, now)).toEqual({
      ok: false,
      message: 'fields and summary cannot be combined: a summary holds counts, not conversations; send one of them',
    });
    expect(compileQueryRequest({ fields: ['conversationId', 'participants..queueId'] }, limits, now)).toMatchObject({ ok: false, message: expect.stringMatching(/^fields\[1\] "participants\.\.queueId": part 2 of the path is empty/) });
  });
});
