// Parsing and validating one action file: YAML with node positions (for file:line:col), the
// catalog's JSON Schema (Ajv) and the checks the schema cannot express. Loaded only when a file
// was not validated by the build (catalog.ts), so neither parser sits on the start-up path.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { locate } from '../../common/yaml-location.js';
import { ACTION_SCHEMA_FILE, ActionCatalogError, type ActionDefinition, type FlatObjectSchema } from './catalog.js';

let validator: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(ACTION_SCHEMA_FILE, 'utf8')) as object);
  return validator;
}

function describe(error: ErrorObject): { pointer: string; message: string } {
  switch (error.keyword) {
    case 'additionalProperties':
      return { pointer: `${error.instancePath}/${String(error.params.additionalProperty)}`, message: `unknown key "${String(error.params.additionalProperty)}"` };
    case 'required':
      return { pointer: error.instancePath, message: `missing required key "${String(error.params.missingProperty)}"` };
    case 'enum':
      return { pointer: error.instancePath, message: `must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { pointer: error.instancePath, message: `${error.instancePath.split('/').pop() || 'value'} ${error.message ?? 'is invalid'}` };
  }
}

const PLACEHOLDER = /\{([a-z][a-z0-9_]*)\}/g;

function placeholdersIn(value: unknown, found: Array<{ name: string; pointer: string }>, pointer: string): void {
  if (typeof value === 'string') for (const match of value.matchAll(PLACEHOLDER)) found.push({ name: match[1]!, pointer });
  else if (Array.isArray(value)) value.forEach((item, index) => placeholdersIn(item, found, `${pointer}/${index}`));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) placeholdersIn(item, found, `${pointer}/${key}`);
}

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- validated by the schema first

/** Checks the schema cannot express: placeholders name inputs, rules name calls and outputs, writes are never cached. */
function semanticProblems(raw: Raw): Array<{ pointer: string; message: string }> {
  const problems: Array<{ pointer: string; message: string }> = [];
  const inputs = Object.keys(raw.input.properties);
  const outputs = Object.keys(raw.output.properties);
  for (const [list, names, label] of [[raw.input.required ?? [], inputs, 'input'], [raw.output.required ?? [], outputs, 'output']] as const) {
    (list as string[]).forEach((name, index) => {
      if (!names.includes(name)) problems.push({ pointer: `/${label}/required/${index}`, message: `required ${label} "${name}" is not among its properties` });
    });
  }
  for (const [name, property] of Object.entries(raw.input.properties as Record<string, Raw>)) {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push({ pointer: `/input/properties/${name}`, message: `input "${name}" must be snake_case` });
    if (name === 'deadline_ms') problems.push({ pointer: `/input/properties/${name}`, message: 'deadline_ms is added by the proxy; do not declare it' });
    if (property.type === 'array' && property.items === undefined) problems.push({ pointer: `/input/properties/${name}`, message: 'an array needs items: {type}' });
  }
  for (const name of outputs) if (!/^[a-z][a-z0-9_]*$/.test(name)) problems.push({ pointer: `/output/properties/${name}`, message: `output "${name}" must be snake_case` });
  for (const [label, properties] of [['input', raw.input.properties], ['output', raw.output.properties]] as const) {
    for (const [name, property] of Object.entries(properties as Record<string, Raw>)) {
      if (property.source !== undefined && (label === 'input' || raw.builtin === undefined)) {
        problems.push({ pointer: `/${label}/properties/${name}/source`, message: label === 'input' ? 'source is for outputs' : 'source is for builtin actions; the others read outputs with project' });
      }
    }
  }

  if (raw.builtin !== undefined) {
    if (raw.calls !== undefined || raw.project !== undefined) problems.push({ pointer: '/builtin', message: 'a builtin action has no calls or project' });
    return problems;
  }
  if (raw.calls === undefined) return [...problems, { pointer: '', message: 'missing required key "calls" (or "builtin")' }];
  const callNames = (raw.calls as Raw[]).map((call) => call.name as string);
  const found: Array<{ name: string; pointer: string }> = [];
  (raw.calls as Raw[]).forEach((call, index) => {
    if (callNames.indexOf(call.name) !== index) problems.push({ pointer: `/calls/${index}/name`, message: `call name "${call.name}" is used twice` });
    placeholdersIn(call.path, found, `/calls/${index}/path`);
    placeholdersIn(call.query ?? {}, found, `/calls/${index}/query`);
    placeholdersIn(call.body, found, `/calls/${index}/body`);
    if (call.method === 'PATCH' && raw.cache !== undefined && (raw.cache.ttl_ms > 0 || raw.cache.coalesce === true || raw.cache.stale_if_error_ms > 0)) {
      problems.push({ pointer: '/cache', message: 'a write (PATCH) is never cached or coalesced' });
    }
  });
  for (const { name, pointer } of found) if (!inputs.includes(name)) problems.push({ pointer, message: `placeholder {${name}} is not an input` });
  if (raw.idempotent === false && raw.cache !== undefined && (raw.cache.ttl_ms > 0 || raw.cache.coalesce === true || raw.cache.stale_if_error_ms > 0)) {
    problems.push({ pointer: '/cache', message: 'a non-idempotent action is never cached or coalesced' });
  }
  const project = (raw.project ?? {}) as Record<string, Raw>;
  for (const name of outputs) if (project[name] === undefined) problems.push({ pointer: '/project', message: `output "${name}" has no projection rule` });
  const checkRule = (rule: Raw, pointer: string): void => {
    if (rule.from !== undefined && !callNames.includes(rule.from)) problems.push({ pointer: `${pointer}/from`, message: `"${rule.from}" is not a call (calls: ${callNames.join(', ')})` });
    if (rule.path === undefined && rule.all === undefined && rule.const === undefined) problems.push({ pointer, message: 'a rule needs path, all or const' });
    (rule.all ?? []).forEach((inner: Raw, index: number) => checkRule(inner, `${pointer}/all/${index}`));
  };
  for (const [name, rule] of Object.entries(project)) {
    if (!outputs.includes(name)) problems.push({ pointer: `/project/${name}`, message: `"${name}" is not an output property` });
    checkRule(rule, `/project/${name}`);
  }
  return problems;
}

function flatObject(raw: Raw): FlatObjectSchema {
  return { type: 'object', properties: raw.properties, required: raw.required ?? [], additionalProperties: raw.additional_properties ?? false };
}

/** Parses and validates one action file's text (pure apart from reading the schema once). */
export function parseAction(text: string, file: string): ActionDefinition {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new ActionCatalogError(
      doc.errors.slice(0, 5).map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { file, line, column: col, message: `YAML syntax: ${error.message.split('\n')[0]}` };
      }),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    throw new ActionCatalogError([{ file, message: `YAML: ${(error as Error).message.split('\n')[0]}` }]);
  }
  const at = (pointer: string): { line?: number; column?: number } => locate(doc, lineCounter, pointer) ?? {};
  const validate = schemaValidator();
  if (!validate(raw)) {
    throw new ActionCatalogError((validate.errors ?? []).slice(0, 10).map(describe).map(({ pointer, message }) => ({ file, ...at(pointer), message })));
  }
  const action = raw as Raw;
  const problems = semanticProblems(action);
  if (problems.length > 0) throw new ActionCatalogError(problems.slice(0, 10).map(({ pointer, message }) => ({ file, ...at(pointer), message })));
  const cache = action.cache ?? {};
  const definition: ActionDefinition = {
    name: action.name,
    description: action.description,
    category: action.category,
    inputSchema: flatObject(action.input),
    outputSchema: flatObject(action.output),
    idempotent: action.idempotent,
    cache: { ttlMs: cache.ttl_ms ?? 0, staleIfErrorMs: cache.stale_if_error_ms ?? 0, coalesce: cache.coalesce ?? false },
    file,
    calls: ((action.calls ?? []) as Raw[]).map((call) => ({
      name: call.name,
      method: call.method,
      paths: Array.isArray(call.path) ? call.path : [call.path],
      query: call.query ?? {},
      ...(call.body !== undefined ? { body: call.body } : {}),
      expectBody: call.expect_body ?? true,
    })),
    project: action.project ?? {},
  };
  if (action.builtin !== undefined) {
    definition.builtin = action.builtin;
    definition.dataIsList = true;
  }
  return definition;
}

