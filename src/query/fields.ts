// `fields` of POST /api/query and the conversation-details action: which conversation fields
// each returned item keeps. Pure: parsing (with a message naming the wrong entry) and the
// projection of one conversation.
//
// An entry is a dotted path into a conversation, optionally named: `conversationId`,
// `participants.sessions.segments.queueId`, `queue_id:participants.sessions.segments.queueId`.
// Each entry becomes one key of every item (the name, else the path as written). Arrays along
// the path are searched in order and the first value found is taken, so the path above is "the
// first queue id". The value at the end is returned as it is (a list or object included);
// where nothing is found (or only null) the key is null, so every item has every key.

/** Entries of `fields` at most. */
export const MAX_FIELDS = 20;
/** Names in one path at most (participants.sessions.segments.queueId is 4). */
export const MAX_FIELD_DEPTH = 8;
/** Characters of one entry at most (name and path). */
export const MAX_FIELD_CHARS = 200;

/** One entry of `fields`: the item key it fills and the names to walk. */
export interface FieldSelection {
  key: string;
  path: readonly string[];
}

export type ParseFieldsResult = { ok: true; value: FieldSelection[] } | { ok: false; message: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names that reach an object's prototype instead of its data. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

function nameProblem(name: string, what: string): string | undefined {
  if (name === '') return `${what} is empty`;
  if (!NAME.test(name)) return `${what} ${JSON.stringify(name)} is not a field name (letters, digits and _, not starting with a digit)`;
  if (RESERVED.has(name)) return `${what} ${JSON.stringify(name)} is reserved`;
  return undefined;
}

function parseEntry(entry: string): FieldSelection | string {
  if (entry.length > MAX_FIELD_CHARS) return `is longer than ${MAX_FIELD_CHARS} characters`;
  const colon = entry.indexOf(':');
  const alias = colon === -1 ? undefined : entry.slice(0, colon);
  const pathText = colon === -1 ? entry : entry.slice(colon + 1);
  if (alias !== undefined) {
    const problem = nameProblem(alias, 'the name before ":"');
    if (problem !== undefined) return problem;
  }
  const path = pathText.split('.');
  if (path.length > MAX_FIELD_DEPTH) return `has ${path.length} levels; at most ${MAX_FIELD_DEPTH}`;
  for (const [index, name] of path.entries()) {
    const problem = nameProblem(name, path.length === 1 ? 'the path' : `part ${index + 1} of the path`);
    if (problem !== undefined) return `${problem}; a path is field names joined by dots, e.g. participants.sessions.segments.queueId`;
  }
  return { key: alias ?? pathText, path };
}

/** The entries of `fields` as selections, or a message naming the first wrong entry. */
export function parseFields(entries: readonly string[]): ParseFieldsResult {
  if (entries.length > MAX_FIELDS) return { ok: false, message: `fields has ${entries.length} entries; at most ${MAX_FIELDS}` };
  const selections: FieldSelection[] = [];
  const firstByKey = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const where = `fields[${index}] ${JSON.stringify(entry.slice(0, MAX_FIELD_CHARS))}`;
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') return { ok: false, message: `${where}: ${parsed}` };
    const earlier = firstByKey.get(parsed.key);
    if (earlier !== undefined) {
      return { ok: false, message: `${where}: the key ${JSON.stringify(parsed.key)} is already given by fields[${earlier}]; name one of them (name:path)` };
    }
    firstByKey.set(parsed.key, index);
    selections.push(parsed);
  }
  return { ok: true, value: selections };
}

/**
 * The first value at `path[at..]` below `value`: arrays are searched element by element (an array
 * directly inside an array is not entered, so hostile nesting cannot recurse deeply); null counts
 * as nothing found.
 */
function find(value: unknown, path: readonly string[], at: number, inArray: boolean): unknown {
  if (at === path.length) return value === null ? undefined : value;
  if (Array.isArray(value)) {
    if (inArray) return undefined;
    for (const element of value) {
      const found = find(element, path, at, true);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const name = path[at]!;
  if (!Object.hasOwn(value, name)) return undefined;
  return find((value as Record<string, unknown>)[name], path, at + 1, false);
}

/** The value a path selects in a conversation, undefined when there is none. */
export function valueAt(conversation: unknown, path: readonly string[]): unknown {
  return find(conversation, path, 0, false);
}

/** One item: a key per selection, in the order given, null where nothing was found. */
export function projectConversation(conversation: Record<string, unknown>, fields: readonly FieldSelection[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const { key, path } of fields) item[key] = valueAt(conversation, path) ?? null;
  return item;
}
