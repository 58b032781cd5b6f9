// Parsing a caller's JSON body: clear messages for what a caller can get wrong (syntax, a
// prototype-polluting key, absurd nesting), in time linear in the body and without recursion,
// so no input can reach a RangeError further on.

/**
 * Deepest nesting accepted (the body is level 1). The deepest real field,
 * query.segmentFilters[].clauses[].predicates[].range.gte, is at level 9.
 */
export const MAX_BODY_DEPTH = 16;

export type JsonBodyResult = { ok: true; value: unknown } | { ok: false; message: string };

/** `body.a[0].b`-style path of a key under `parent`. */
function childPath(parent: string, key: string, isArray: boolean): string {
  if (isArray) return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Displayed path without the leading `body.` (matching the schema messages' field paths). */
function display(path: string): string {
  return path === 'body' ? 'the body' : path.replace(/^body\.?/, '');
}

export function parseJsonBody(text: string): JsonBodyResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `body is not valid JSON: ${(error as Error).message}` };
  }
  // Breadth-first, so the shallowest problem is reported; no recursion whatever the depth.
  let level: { value: unknown; path: string }[] = [{ value, path: 'body' }];
  for (let depth = 1; level.length > 0; depth++) {
    const next: typeof level = [];
    for (const node of level) {
      if (typeof node.value !== 'object' || node.value === null) continue;
      if (depth > MAX_BODY_DEPTH) {
        return { ok: false, message: `${display(node.path)} is nested deeper than ${MAX_BODY_DEPTH} levels` };
      }
      const isArray = Array.isArray(node.value);
      const record = node.value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (key === '__proto__' || (key === 'constructor' && typeof record[key] === 'object' && record[key] !== null && Object.hasOwn(record[key], 'prototype'))) {
          const where = node.path === 'body' ? 'the body' : display(node.path);
          return { ok: false, message: `${where} has a ${JSON.stringify(key)} key${key === 'constructor' ? ' with a "prototype"' : ''}, which is refused (prototype pollution); remove it` };
        }
        next.push({ value: record[key], path: childPath(node.path, key, isArray) });
      }
    }
    level = next;
  }
  return { ok: true, value };
}
