import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFilterExpression } from '../../src/query/filter-expression.js';

const ok = (source: string) => {
  const result = parseFilterExpression(source);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
};
const error = (source: string) => {
  const result = parseFilterExpression(source);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
};

describe('filter_expression parser', () => {
  it('turns dimension clauses into matches predicates', () => {
    expect(ok("queue.id='q-1' AND media.type = \"Voice\" and direction='inbound' AND user.id = 'u-9'").predicates).toEqual([
      { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q-1' },
      { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' },
      { type: 'dimension', dimension: 'direction', operator: 'matches', value: 'inbound' },
      { type: 'dimension', dimension: 'userId', operator: 'matches', value: 'u-9' },
    ]);
  });

  it('turns date comparisons into interval bounds ([start, end), tightest wins)', () => {
    const parsed = ok("createdDateTime >= '2026-11-01T00:00:00Z' AND conversationStart < '2026-11-02T00:00:00Z' AND createdDateTime > '2026-11-01T06:00:00Z'");
    expect(parsed.startMs).toBe(Date.parse('2026-11-01T06:00:00Z') + 1);
    expect(parsed.endMs).toBe(Date.parse('2026-11-02T00:00:00Z'));
    expect(ok("conversationStart <= '2026-11-02T00:00:00Z'").endMs).toBe(Date.parse('2026-11-02T00:00:00Z') + 1);
  });

  it('accepts escaped quotes and surrounding whitespace', () => {
    expect(ok("  queue.id = 'it\\'s'  ").predicates[0]?.value).toBe("it's");
  });

  it.each([
    ['', 1, 'a clause'],
    ["queue.id 'x'", 10, 'the operator ='],
    ["queue.id = x", 12, 'a quoted literal'],
    ["queue.id = 'x' OR media.type='voice'", 16, 'AND or the end'],
    ["queue.id = 'x' AND", 19, 'a field name'],
    ["queue = 'x'", 1, 'a field name'],
    ["constructor = 'x'", 1, 'a field name'],
    ["toString = 'x'", 1, 'a field name'],
    ["queue.id = 'x", 14, 'closing quote'],
    ["createdDateTime = '2026-11-01T00:00:00Z'", 17, 'a comparison'],
    ["createdDateTime >= 'yesterday'", 20, 'ISO-8601'],
    ["queue.id > 'x'", 10, 'the operator ='],
    ["media.type = 'fax'", 14, 'a media type'],
    ["queue.id = 'x' # y", 16, 'a field name, an operator or a quoted literal'],
  ])('reports %j at position %i expecting %s', (source, position, expected) => {
    const failure = error(source);
    expect(failure.position).toBe(position);
    expect(failure.expected).toContain(expected);
    expect(failure.message).toContain(`at position ${position}`);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (source) => {
        const result = parseFilterExpression(source);
        if (!result.ok) {
          expect(result.error.position).toBeGreaterThanOrEqual(1);
          expect(result.error.position).toBeLessThanOrEqual(source.length + 1);
        }
      }),
    );
  });
});
