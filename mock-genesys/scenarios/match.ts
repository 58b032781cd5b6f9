// Request matching beyond route, method and path: predicates over the JSON body (JSONPath),
// headers, query parameters and path parameters. Pure. `matches` runs RE2 (re2js: linear
// time, no backtracking) on at most MAX_MATCH_INPUT_CHARS, so no scenario can stall the mock.
import { createRequire } from 'node:module';
import type { JSONPath } from 'jsonpath-plus';
import type { RE2JS } from 're2js';
import type { BodyPredicate, RuleMatch, ValuePredicate } from './types.js';

/** A `matches` test reads at most this much of a value. */
export const MAX_MATCH_INPUT_CHARS = 65_536;

/** What predicates look at, read once per request (see request-facts.ts). */
export interface MatchInput {
  /** The parsed JSON body; undefined when there is none or it is not JSON. */
  body: unknown;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Readonly<Record<string, string | string[] | undefined>>;
  params: Readonly<Record<string, string>>;
}

// Both libraries load on first use: most scenarios have no body predicate and no pattern, and
// loading them was a few percent of the mock's start-up. (Their CommonJS builds: same code.)
const load = createRequire(import.meta.url);
let re2js: typeof RE2JS | undefined;
let jsonPath: typeof JSONPath | undefined;
const re2 = (): typeof RE2JS => (re2js ??= (load('re2js') as { RE2JS: typeof RE2JS }).RE2JS);
const jsonPathQuery = (): typeof JSONPath => (jsonPath ??= (load('jsonpath-plus') as { JSONPath: typeof JSONPath }).JSONPath);

const compiled = new WeakMap<object, RE2JS>();

function regexOf(predicate: { matches: string }): RE2JS {
  let regex = compiled.get(predicate);
  if (!regex) {
    regex = re2().compile(predicate.matches);
    compiled.set(predicate, regex);
  }
  return regex;
}

/** The problem with a `matches` pattern, or undefined when RE2 accepts it (for the loader). */
export function patternProblem(pattern: string): string | undefined {
  try {
    re2().compile(pattern);
    return undefined;
  } catch (error) {
    return `not a valid RE2 regular expression: ${(error as Error).message}`;
  }
}

function sameScalar(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  // Headers and query values are text: `equals: 5` matches "5".
  return typeof actual === 'string' && expected !== null && typeof expected !== 'object' && String(expected) === actual;
}

/** Whether some value passes the predicate (values: everything found at the predicate's place). */
export function valuesPass(predicate: ValuePredicate, values: readonly unknown[]): boolean {
  if ('exists' in predicate) return predicate.exists === values.length > 0;
  return values.some((value) => {
    if ('equals' in predicate) return sameScalar(predicate.equals, value);
    if ('contains' in predicate) {
      if (Array.isArray(value)) return value.some((element) => sameScalar(predicate.contains, element));
      return typeof value === 'string' && value.includes(String(predicate.contains));
    }
    if (typeof value !== 'string' && typeof value !== 'number') return false;
    return regexOf(predicate).test(String(value).slice(0, MAX_MATCH_INPUT_CHARS));
  });
}

function bodyValues(path: string, body: unknown): unknown[] {
  if (body === undefined || body === null || typeof body !== 'object') return [];
  try {
    return jsonPathQuery()({ path, json: body, wrap: true, eval: 'safe' }) as unknown[];
  } catch {
    // A filter that throws on this body's shape finds nothing here.
    return [];
  }
}

function listOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function namedPass(predicates: Readonly<Record<string, ValuePredicate>> | undefined, read: (name: string) => string[]): boolean {
  if (!predicates) return true;
  return Object.entries(predicates).every(([name, predicate]) => valuesPass(predicate, read(name)));
}

/** Whether the request's body, headers, query and path parameters pass every predicate of `match`. */
export function requestPasses(match: Pick<RuleMatch, 'body' | 'headers' | 'query' | 'params'>, input: MatchInput): boolean {
  const bodyPredicates: readonly BodyPredicate[] = match.body ?? [];
  if (!bodyPredicates.every((predicate) => valuesPass(predicate, bodyValues(predicate.path, input.body)))) return false;
  if (!namedPass(match.headers, (name) => listOf(input.headers[name.toLowerCase()]))) return false;
  if (!namedPass(match.query, (name) => listOf(input.query[name]))) return false;
  return namedPass(match.params, (name) => (input.params[name] === undefined ? [] : [input.params[name]]));
}

/** Whether a rule looks at the request beyond route, method, path and page (request-facts reads more then). */
export function needsRequestDetails(match: RuleMatch): boolean {
  return match.body !== undefined || match.headers !== undefined || match.query !== undefined || match.params !== undefined;
}
