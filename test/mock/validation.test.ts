// The details-query validator as a pure function: every rule, and what a valid body becomes.
import { describe, expect, it } from 'vitest';
import { validateConversationQuery } from '../../mock-genesys/genesys/analytics/validate.js';
import { defaultQuery, VALID_INTERVAL, VALIDATION_CASES } from './validation-cases.js';

const limits = { maxPageSize: 100 };

describe('validateConversationQuery', () => {
  it.each(VALIDATION_CASES)('rejects when the rule "$rule" is broken', ({ body, code, message }) => {
    const verdict = validateConversationQuery(body, limits);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.code).toBe(code);
    if (typeof message === 'string') expect(verdict.message).toBe(message);
    else expect(verdict.message).toMatch(message);
  });

  it('fills Genesys defaults for a minimal query', () => {
    expect(validateConversationQuery({ interval: VALID_INTERVAL }, limits)).toEqual({
      ok: true,
      query: defaultQuery(Date.parse('2026-11-01T00:00:00Z'), Date.parse('2026-11-02T00:00:00Z')),
    });
  });

  it('accepts offsets, fractions and 31 days with a filter', () => {
    const verdict = validateConversationQuery(
      {
        interval: '2026-10-01T02:00:00.123456+02:00/2026-11-01T00:00:00.000Z',
        paging: { pageSize: 100, pageNumber: 1000 },
        conversationFilters: [{ type: 'or', predicates: [{ dimension: 'originatingDirection', value: 'inbound' }, { type: 'dimension', dimension: 'externalTag', operator: 'notExists' }] }],
      },
      limits,
    );
    expect(verdict).toMatchObject({
      ok: true,
      query: {
        startMs: Date.parse('2026-10-01T00:00:00.123Z'),
        pageSize: 100,
        pageNumber: 1000,
        conversationFilters: [
          {
            type: 'or',
            predicates: [
              { type: 'dimension', dimension: 'originatingDirection', operator: 'matches', value: 'inbound' },
              { type: 'dimension', dimension: 'externalTag', operator: 'notExists' },
            ],
            clauses: [],
          },
        ],
      },
    });
  });

  it('rejects an interval of exactly 7 days and 1 ms but accepts exactly 7 days', () => {
    expect(validateConversationQuery({ interval: '2026-11-01T00:00:00Z/2026-11-08T00:00:00Z' }, limits).ok).toBe(true);
    expect(validateConversationQuery({ interval: '2026-11-01T00:00:00Z/2026-11-08T00:00:00.001Z' }, limits).ok).toBe(false);
  });

  it('uses the configured page size limit', () => {
    const verdict = validateConversationQuery({ interval: VALID_INTERVAL, paging: { pageSize: 250 } }, { maxPageSize: 500 });
    expect(verdict).toMatchObject({ ok: true, query: { pageSize: 250 } });
  });

  it('caps the number of filter entries a body may carry', () => {
    const predicates = Array.from({ length: 300 }, () => ({ dimension: 'queueId', operator: 'exists' }));
    const verdict = validateConversationQuery({ interval: VALID_INTERVAL, segmentFilters: [{ type: 'or', predicates }] }, limits);
    expect(verdict).toMatchObject({ ok: false, code: 'invalid.value', message: expect.stringMatching(/^too many filters, clauses and predicates \(more than 200/) });
  });
});
