// Builds an action's Genesys requests from its validated flat input (pure). Values go into
// paths URL-encoded, into query strings as parameters and into bodies as JSON values, never
// as text spliced into JSON, so no input can change a request's shape.
import type { GenesysRequest } from '../engine/call.js';
import type { ActionDefinition, CallTemplate } from './catalog.js';

export type ActionInput = Record<string, unknown>;

const WHOLE_PLACEHOLDER = /^\{([a-z][a-z0-9_]*)\}$/;
const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;
/** A body value whose input is absent: the property (or list item holding it) is left out. */
const ABSENT = Symbol('absent');

const present = (input: ActionInput, name: string): boolean => input[name] !== undefined && input[name] !== null && input[name] !== '';

function fillPath(template: string, input: ActionInput): string | undefined {
  let missing = false;
  const filled = template.replace(PLACEHOLDER, (_whole, name: string) => {
    if (!present(input, name)) missing = true;
    return encodeURIComponent(String(input[name]));
  });
  return missing ? undefined : filled;
}

function fillBody(template: unknown, input: ActionInput, inList = false): unknown {
  if (typeof template === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(template);
    if (whole !== null) return present(input, whole[1]!) ? input[whole[1]!] : ABSENT;
    return template;
  }
  if (Array.isArray(template)) return template.map((item) => fillBody(item, input, true)).filter((item) => item !== ABSENT);
  if (typeof template === 'object' && template !== null) {
    const entries = Object.entries(template).map(([key, value]) => [key, fillBody(value, input)] as const);
    // In a list (e.g. an optional filter predicate) the object goes as a whole; elsewhere only the property.
    if (inList && entries.some(([, value]) => value === ABSENT)) return ABSENT;
    return Object.fromEntries(entries.filter(([, value]) => value !== ABSENT));
  }
  return template;
}

export function buildCall(call: CallTemplate, input: ActionInput, idempotent: boolean): GenesysRequest {
  const path = call.paths.map((template) => fillPath(template, input)).find((filled) => filled !== undefined);
  // The schema's `required` guarantees the last template can be filled; this is a catalog bug otherwise.
  if (path === undefined) throw new Error(`action call ${call.name}: no path template can be filled from the input`);
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(call.query)) {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    if (whole === null) query.set(name, value);
    else if (present(input, whole[1]!)) query.set(name, String(input[whole[1]!]));
  }
  const search = query.toString();
  const request: GenesysRequest = { method: call.method, path: search === '' ? path : `${path}?${search}`, idempotent, expectBody: call.expectBody };
  if (call.body !== undefined) request.body = JSON.stringify(fillBody(call.body, input));
  return request;
}

/** The flat input as the calls need it: a string-map given as JSON text becomes its object. */
export function normalizeInput(action: ActionDefinition, body: Record<string, unknown>): { ok: true; input: ActionInput } | { ok: false; message: string } {
  const input: ActionInput = {};
  for (const [name, property] of Object.entries(action.inputSchema.properties)) {
    const value = body[name];
    if (value === undefined) continue;
    if (property.format === 'string-map' && typeof value === 'string') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return { ok: false, message: `${name} must be a JSON object of strings, e.g. {"intent":"billing"}` };
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((item) => typeof item === 'string')) {
        return { ok: false, message: `${name} must be a JSON object whose values are strings` };
      }
      input[name] = parsed;
    } else {
      input[name] = value;
    }
  }
  return { ok: true, input };
}
