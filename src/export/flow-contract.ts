// What every exported flow definition shares: the envelope fields a flow branches on, the
// branch table (action value → what the flow should do), the flat output fields of an action
// and the export options with their defaults. Pure data and functions.
import type { ActionDefinition, FlatPropertySchema, FlatType } from '../actions/catalog.js';
import { ACTIONS, FALLBACK_TYPES, type Action } from '../envelope.js';

/** What the generators read of an action definition: they use nothing else of it. */
export type ExportableAction = Pick<ActionDefinition, 'name' | 'description' | 'category' | 'inputSchema' | 'outputSchema' | 'dataIsList' | 'file'>;

export const EXPORT_TARGETS = ['architect', 'terraform', 'twilio', 'cxone'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ExportOptions {
  /** Base URL the flow calls (no trailing slash), e.g. https://proxy.example.com. */
  proxyUrl: string;
  /** Header that carries the caller key: `x-api-key`, or `authorization` (sent as `Bearer <key>`). */
  keyHeader: string;
  /** deadline_ms put in every request body; the flow step's own timeout is set above it. */
  deadlineMs: number;
}

/** Defaults in one place: 8 s is the proxy's default deadline and fits Twilio's 10 s widget. */
export const DEFAULT_EXPORT_OPTIONS: ExportOptions = {
  proxyUrl: 'https://proxy.example.com',
  keyHeader: 'x-api-key',
  deadlineMs: 8000,
};

/** The proxy's deadline range (deadline_ms 1000..MAX_DEADLINE_MS default 55000). */
export const MIN_DEADLINE_MS = 1000;
export const MAX_DEADLINE_MS = 55_000;
/** Twilio's Make HTTP Request widget gives up after 10 s: keep the deadline a second below. */
export const TWILIO_MAX_DEADLINE_MS = 9000;

/** One row of the branch table. */
export interface Branch {
  action: Action;
  when: string;
  flowShould: string;
}

export const BRANCHES: readonly Branch[] = [
  { action: 'process_data', when: 'Genesys answered (or a cached/stale answer was served)', flowShould: 'use the data fields and carry on' },
  { action: 'wait_and_retry', when: 'Genesys throttled (429) and the wait did not fit the deadline', flowShould: 'play a hold prompt, wait retry_after seconds, then call again' },
  { action: 'route_to_fallback', when: 'Genesys is down or unreachable, the outcome of a write is unknown, or the request was invalid', flowShould: 'take the fallback branch (apology prompt, callback queue); never repeat a write' },
  { action: 'refresh_token', when: "Genesys refused the proxy's OAuth client even with a fresh token", flowShould: "take the fallback branch and alert: the proxy's OAuth credentials are wrong or revoked" },
  { action: 'log_permission_error', when: "Genesys answered 403: the proxy's OAuth client lacks a role", flowShould: 'take the fallback branch and log the error for an administrator' },
] as const satisfies readonly Branch[];

/** A flat output field of an exported action: its name in the flow, where it sits in the envelope, its type. */
export interface OutputField {
  /** Name in the flow tool (Architect output, Twilio/CXone variable). */
  name: string;
  /** Path in the envelope: top-level key, or a key of `data`; `below`: keys under it (a summary count). */
  source: { in: 'envelope' | 'data'; key: string; below?: readonly string[] };
  schema: FlatPropertySchema;
  /** Present in every envelope (so no default is needed). */
  alwaysPresent: boolean;
}

/** The envelope fields a flow branches on, always exported first. */
const ENVELOPE_FIELDS: readonly (Omit<OutputField, 'source'> & { key: string })[] = [
  { key: 'success', name: 'success', alwaysPresent: true, schema: { type: 'boolean', description: 'true when data was fetched (also for a stale answer)' } },
  { key: 'action', name: 'action', alwaysPresent: true, schema: { type: 'string', description: 'the branch to take', enum: ACTIONS } },
  { key: 'fallback_type', name: 'fallback_type', alwaysPresent: true, schema: { type: 'string', description: 'none, api_failure, network_error, internal_error or invalid_request', enum: FALLBACK_TYPES } },
  { key: 'status_code', name: 'status_code', alwaysPresent: true, schema: { type: 'integer', description: 'final upstream HTTP status; 599 when no usable HTTP answer came' } },
  { key: 'error_code', name: 'error_code', alwaysPresent: false, schema: { type: 'string', description: 'stable code of the cause; empty on success' } },
  { key: 'retry_after', name: 'retry_after', alwaysPresent: false, schema: { type: 'number', description: 'seconds to wait before calling again (wait_and_retry); 0 otherwise' } },
  { key: 'stale', name: 'stale', alwaysPresent: false, schema: { type: 'boolean', description: 'true when the data is an earlier answer served because Genesys failed' } },
  { key: 'cache', name: 'cache', alwaysPresent: false, schema: { type: 'string', description: 'miss, hit, coalesced or stale; empty when not reported' } },
];

const ENVELOPE_KEYS = new Set(ENVELOPE_FIELDS.map((field) => field.key));

/**
 * The flat output of an action: the envelope's branch fields, then the action's data fields
 * (for the list action, the envelope's list-level fields). A data field whose name an envelope
 * field already uses is exported as `data_<name>`; other characters than letters, digits and
 * `_` become `_` (Velocity and flow variables need identifiers).
 */
export function outputFields(action: ExportableAction): OutputField[] {
  const envelope = ENVELOPE_FIELDS.map(({ key, ...rest }): OutputField => ({ ...rest, source: { in: 'envelope', key } }));
  const fromData = Object.entries(action.outputSchema.properties).map(([key, schema]): OutputField => {
    const listLevel = action.dataIsList === true;
    return {
      name: !listLevel && ENVELOPE_KEYS.has(key) ? `data_${flowName(key)}` : flowName(key),
      source: schema.source !== undefined ? dataSource(schema.source) : { in: listLevel ? 'envelope' : 'data', key },
      schema,
      // Data fields are absent from failure envelopes; optional ones from some successes too.
      alwaysPresent: false,
    };
  });
  const fields = [...envelope, ...fromData.filter((field) => !(field.source.in === 'envelope' && ENVELOPE_KEYS.has(field.source.key)))];
  const seen = new Map<string, string>();
  for (const field of fields) {
    const earlier = seen.get(field.name);
    if (earlier !== undefined) throw new Error(`${action.file}: output fields ${JSON.stringify(earlier)} and ${JSON.stringify(field.source.key)} both become ${field.name} in a flow`);
    seen.set(field.name, field.source.key);
  }
  return fields;
}

/** Keys that every flow tool's dotted path syntax can hold. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An output's `source` (a builtin action's `data.<key>[.<key>…]`, e.g. data.by_direction.inbound) as an OutputField source. */
function dataSource(source: string): OutputField['source'] {
  const [, key, ...below] = source.split('.');
  return below.length > 0 ? { in: 'data', key: key!, below } : { in: 'data', key: key! };
}

/** The keys from the envelope's top to the field: `data` first for a data field. */
export function sourceKeys(field: OutputField): string[] {
  return [...(field.source.in === 'data' ? ['data'] : []), field.source.key, ...(field.source.below ?? [])];
}

/** A field name as a flow variable: letters, digits and `_`, not starting with a digit. */
function flowName(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** The action's own fields among outputFields (data fields, or the list-level fields of the list action). */
export function dataOutputFields(action: ExportableAction): OutputField[] {
  return outputFields(action).slice(ENVELOPE_FIELDS.length);
}

/** The value a flow gets for an absent field: a neutral value of the declared type. */
export function defaultValue(schema: FlatPropertySchema): string | number | boolean | unknown[] {
  if (schema.type === 'array') return [];
  const neutral: Record<FlatType, string | number | boolean> = { string: '', number: 0, integer: 0, boolean: false };
  return neutral[schema.type];
}

/** The proxy endpoint an action is called on. conversation-details keeps its seed-compatible /api/query. */
export function endpointPath(action: ExportableAction): string {
  return action.dataIsList === true && action.name === 'conversation-details' ? '/api/query' : `/api/actions/${encodeURIComponent(action.name)}`;
}

export function endpointUrl(action: ExportableAction, options: ExportOptions): string {
  return `${options.proxyUrl.replace(/\/+$/, '')}${endpointPath(action)}`;
}

/** Human title of an action: "queue-estimated-wait-time" → "Queue estimated wait time". */
export function actionTitle(action: ExportableAction): string {
  const words = action.name.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export class ExportOptionsError extends Error {}

/** Checks options once, with messages naming the option and what is expected. */
export function resolveOptions(target: ExportTarget, partial: Partial<ExportOptions> = {}): ExportOptions {
  const options = { ...DEFAULT_EXPORT_OPTIONS, ...Object.fromEntries(Object.entries(partial).filter(([, value]) => value !== undefined)) };
  let url: URL;
  try {
    url = new URL(options.proxyUrl);
  } catch {
    throw new ExportOptionsError(`proxy URL ${JSON.stringify(options.proxyUrl)} is not a URL: give e.g. https://proxy.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ExportOptionsError(`proxy URL must be http or https, got ${url.protocol}`);
  if (url.search !== '' || url.hash !== '') throw new ExportOptionsError('proxy URL must not carry a query or fragment: give the base URL only');
  if (!/^[A-Za-z0-9-]{1,64}$/.test(options.keyHeader)) throw new ExportOptionsError(`key header ${JSON.stringify(options.keyHeader)} is not a header name (letters, digits, hyphens)`);
  const maxMs = target === 'twilio' ? TWILIO_MAX_DEADLINE_MS : MAX_DEADLINE_MS;
  if (!Number.isInteger(options.deadlineMs) || options.deadlineMs < MIN_DEADLINE_MS || options.deadlineMs > maxMs) {
    const why = target === 'twilio' ? " (Twilio's HTTP widget times out at 10 s)" : '';
    throw new ExportOptionsError(`deadline ${options.deadlineMs} ms is out of range: an integer ${MIN_DEADLINE_MS}..${maxMs}${why}`);
  }
  return { ...options, proxyUrl: options.proxyUrl.replace(/\/+$/, '') };
}

/** Header value that carries the key, given how the tool names the secret. */
export function keyHeaderValue(options: ExportOptions, secretReference: string): string {
  return options.keyHeader.toLowerCase() === 'authorization' ? `Bearer ${secretReference}` : secretReference;
}
