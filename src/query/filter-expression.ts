// Parser of the compact filter syntax flows already use:
//   queue.id = '8f3…' AND media.type = "voice" AND createdDateTime >= '2026-11-01T00:00:00Z'
// Clauses `field op 'literal'` joined by AND (any case). Dimension fields take `=` and become
// Genesys dimension predicates; date fields take >=, >, <, <= and become interval bounds.
// Errors are values with a 1-based position and what was expected there.

export type FilterDimension = 'queueId' | 'mediaType' | 'direction' | 'userId';

export interface DimensionPredicate {
  type: 'dimension';
  dimension: FilterDimension;
  operator: 'matches';
  value: string;
}

export interface ParsedFilter {
  predicates: DimensionPredicate[];
  /** Inclusive start implied by `>=`/`>` clauses (the tightest one wins). */
  startMs?: number;
  /** Exclusive end implied by `<`/`<=` clauses (the tightest one wins). */
  endMs?: number;
}

export interface FilterSyntaxError {
  /** 1-based character position in the expression. */
  position: number;
  expected: string;
  found: string;
  message: string;
}

export type FilterParseResult = { ok: true; value: ParsedFilter } | { ok: false; error: FilterSyntaxError };

/** Genesys mediaType values (analytics dimension). */
export const MEDIA_TYPES = ['callback', 'chat', 'cobrowse', 'email', 'message', 'screenshare', 'unknown', 'video', 'voice'] as const;
export const DIRECTIONS = ['inbound', 'outbound'] as const;

const DIMENSION_FIELDS: Record<string, FilterDimension> = {
  'queue.id': 'queueId',
  'media.type': 'mediaType',
  direction: 'direction',
  'user.id': 'userId',
};
/** Date fields as spelled in messages; matched case-insensitively like every field name. */
const DATE_FIELD_NAMES = ['createdDateTime', 'conversationStart'];
const DATE_FIELDS = DATE_FIELD_NAMES.map((name) => name.toLowerCase());
/** Every field name, for error messages. */
const FIELD_NAMES = [...Object.keys(DIMENSION_FIELDS), ...DATE_FIELD_NAMES].join(', ');
const DATE_OPERATORS = ['>=', '>', '<', '<='] as const;
type Operator = '=' | (typeof DATE_OPERATORS)[number];

/** ISO-8601 date-time with an explicit offset, as Genesys intervals require. */
export const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export function parseIsoDateTime(text: string): number | undefined {
  if (!ISO_DATE_TIME.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

type Token =
  | { kind: 'word'; text: string; position: number }
  | { kind: 'operator'; text: string; position: number }
  | { kind: 'string'; text: string; position: number }
  | { kind: 'end'; text: ''; position: number };

class SyntaxFailure extends Error {
  constructor(readonly detail: FilterSyntaxError) {
    super(detail.message);
  }
}

function fail(position: number, expected: string, found: string): never {
  const foundText = found === '' ? 'end of expression' : JSON.stringify(found);
  throw new SyntaxFailure({ position, expected, found, message: `at position ${position}: expected ${expected}, found ${foundText}` });
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    const position = index + 1;
    if (/\s/.test(char)) {
      index++;
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(index))!;
      tokens.push({ kind: 'word', text: match[0], position });
      index += match[0].length;
    } else if (char === "'" || char === '"') {
      // A backslash escapes the quote character or a backslash inside a literal.
      let value = '';
      let cursor = index + 1;
      for (;;) {
        if (cursor >= source.length) fail(source.length + 1, `closing quote ${char} of the literal opened at position ${position}`, '');
        const next = source[cursor]!;
        if (next === '\\' && (source[cursor + 1] === char || source[cursor + 1] === '\\')) {
          value += source[cursor + 1];
          cursor += 2;
        } else if (next === char) {
          cursor++;
          break;
        } else {
          value += next;
          cursor++;
        }
      }
      tokens.push({ kind: 'string', text: value, position });
      index = cursor;
    } else if ('=<>!'.includes(char)) {
      const match = /^(>=|<=|!=|==|=|>|<|!)/.exec(source.slice(index))!;
      tokens.push({ kind: 'operator', text: match[0], position });
      index += match[0].length;
    } else {
      fail(position, 'a field name, an operator or a quoted literal', char);
    }
  }
  tokens.push({ kind: 'end', text: '', position: source.length + 1 });
  return tokens;
}

export function parseFilterExpression(source: string): FilterParseResult {
  try {
    return { ok: true, value: parseTokens(tokenize(source)) };
  } catch (error) {
    if (error instanceof SyntaxFailure) return { ok: false, error: error.detail };
    throw error;
  }
}

function parseTokens(tokens: Token[]): ParsedFilter {
  const result: ParsedFilter = { predicates: [] };
  let index = 0;
  const next = (): Token => tokens[index++]!;

  if (tokens[0]!.kind === 'end') fail(1, `a clause such as queue.id = '…' (fields: ${FIELD_NAMES})`, '');
  for (;;) {
    const field = next();
    if (field.kind !== 'word' || field.text.toLowerCase() === 'and') fail(field.position, `a field name (${FIELD_NAMES})`, field.text);
    const fieldName = field.text.toLowerCase();
    // Own keys only: `constructor` or `toString` must not find Object.prototype's.
    const dimension = Object.hasOwn(DIMENSION_FIELDS, fieldName) ? DIMENSION_FIELDS[fieldName] : undefined;
    const isDate = DATE_FIELDS.includes(fieldName);
    if (dimension === undefined && !isDate) fail(field.position, `a field name (${FIELD_NAMES})`, field.text);

    const operator = next();
    if (operator.kind !== 'operator') fail(operator.position, isDate ? 'a comparison (>=, >, <, <=)' : 'the operator =', operator.text);
    if (isDate && !(DATE_OPERATORS as readonly string[]).includes(operator.text)) {
      fail(operator.position, `a comparison (>=, >, <, <=) for ${field.text}`, operator.text);
    }
    if (!isDate && operator.text !== '=') fail(operator.position, `the operator = for ${field.text} (only equality is supported)`, operator.text);

    const literal = next();
    if (literal.kind !== 'string') fail(literal.position, "a quoted literal ('…' or \"…\")", literal.text);

    if (isDate) {
      applyDateBound(result, operator.text as Operator, literal);
    } else {
      result.predicates.push({ type: 'dimension', dimension: dimension!, operator: 'matches', value: checkDimensionValue(dimension!, literal) });
    }

    const joiner = next();
    if (joiner.kind === 'end') return result;
    if (joiner.kind !== 'word' || joiner.text.toLowerCase() !== 'and') fail(joiner.position, 'AND or the end of the expression', joiner.text);
  }
}

function checkDimensionValue(dimension: FilterDimension, literal: Token): string {
  const value = literal.text.trim();
  if (value === '') fail(literal.position, 'a non-empty literal', literal.text);
  if (dimension === 'mediaType') {
    const lower = value.toLowerCase();
    if (!(MEDIA_TYPES as readonly string[]).includes(lower)) fail(literal.position, `a media type (${MEDIA_TYPES.join(', ')})`, literal.text);
    return lower;
  }
  if (dimension === 'direction') {
    const lower = value.toLowerCase();
    if (!(DIRECTIONS as readonly string[]).includes(lower)) fail(literal.position, `a direction (${DIRECTIONS.join(', ')})`, literal.text);
    return lower;
  }
  return value;
}

function applyDateBound(result: ParsedFilter, operator: Operator, literal: Token): void {
  const ms = parseIsoDateTime(literal.text.trim());
  if (ms === undefined) fail(literal.position, "an ISO-8601 date-time with offset, e.g. '2026-11-01T00:00:00Z'", literal.text);
  // Genesys intervals are [start, end): strict bounds move by one millisecond.
  if (operator === '>=' || operator === '>') {
    const startMs = operator === '>' ? ms + 1 : ms;
    result.startMs = Math.max(result.startMs ?? startMs, startMs);
  } else {
    const endMs = operator === '<=' ? ms + 1 : ms;
    result.endMs = Math.min(result.endMs ?? endMs, endMs);
  }
}
