// The flow-action catalog: one YAML file per action in actions/ (and ACTIONS_DIR), validated
// against actions/action.schema.json and a few semantic checks at start (parse-action.ts). A file
// that cannot be used stops the start with file:line:col and what is wrong. The catalog is the
// allow-list of everything a flow can call through the proxy.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type FlatType = 'string' | 'number' | 'integer' | 'boolean';
export interface FlatPropertySchema {
  type: FlatType | 'array';
  items?: { type: FlatType };
  description: string;
  enum?: readonly (string | number)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  format?: string;
  /** Output of a builtin action: where in the envelope it is read (`data.<key>[.<key>…]`) instead of the envelope field of its name. */
  source?: string;
}
/** A flat JSON Schema (no nesting beyond arrays of scalars): what Architect contracts can hold. */
export interface FlatObjectSchema {
  type: 'object';
  properties: Record<string, FlatPropertySchema>;
  required: string[];
  additionalProperties: boolean;
}

export interface CallTemplate {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** Path templates; the first whose placeholders all have values is used. */
  paths: string[];
  query: Record<string, string>;
  body?: unknown;
  expectBody: boolean;
}

export interface ProjectionRule {
  from?: string;
  path?: string | string[];
  reduce?: 'first' | 'sum' | 'count' | 'exists' | 'max';
  scale?: number;
  in?: (string | number | boolean)[];
  all?: ProjectionRule[];
  spread?: boolean;
  const?: string | number | boolean;
  default?: string | number | boolean;
}

export interface ActionDefinition {
  name: string;
  description: string;
  category: string;
  inputSchema: FlatObjectSchema;
  outputSchema: FlatObjectSchema;
  idempotent: boolean;
  cache: { ttlMs: number; staleIfErrorMs: number; coalesce: boolean };
  file: string;
  /** conversation-details: `data` is the conversation list; outputSchema describes the list-level fields. */
  dataIsList?: boolean;
  builtin?: 'conversation-details';
  calls: CallTemplate[];
  project: Record<string, ProjectionRule>;
}

/**
 * Absolute path of the shipped actions/ folder: the nearest one above this module, so the same
 * code finds it from src/ (tsx), from dist/src/ (tsc output) and from the proxy's bundle.
 */
export const defaultActionsDir = ((): string => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    if (existsSync(path.join(dir, 'actions', 'action.schema.json'))) return path.join(dir, 'actions');
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'actions');
})();
export const ACTION_SCHEMA_FILE = path.join(defaultActionsDir, 'action.schema.json');

export interface CatalogProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** Why the catalog cannot be used: every problem located as file:line:col. */
export class ActionCatalogError extends Error {
  override name = 'ActionCatalogError';
  constructor(readonly problems: CatalogProblem[]) {
    super(
      `invalid flow action catalog:\n${problems
        .map((problem) => `  ${problem.file}${problem.line !== undefined ? `:${problem.line}:${problem.column}` : ''}: ${problem.message}`)
        .join('\n')}`,
    );
  }
}

/** A validated action as the build stores it: everything but where its file is. */
export type PrecompiledAction = Omit<ActionDefinition, 'file'>;

/**
 * Actions the proxy's build validated (harness/bundle.ts defines it in the bundle), keyed by
 * catalogDigest: a file whose text and schema are unchanged is not parsed again at start, which
 * keeps the YAML parser and Ajv off the start-up path. Absent when running from tsc output.
 */
declare const PRECOMPILED_ACTIONS: Record<string, PrecompiledAction> | undefined;
const precompiled: Record<string, PrecompiledAction> = typeof PRECOMPILED_ACTIONS === 'undefined' ? {} : PRECOMPILED_ACTIONS;

/** Identity of one action file as validated against one schema. */
export function catalogDigest(schemaText: string, fileText: string): string {
  return createHash('sha256').update(schemaText).update('\0').update(fileText).digest('hex');
}

/**
 * Loads every *.yaml / *.yml of the folders, in order; a later folder may not reuse a name. A file
 * found in `validated` (the build's, by default) is taken from there instead of being parsed.
 */
export async function loadActionCatalog(dirs: readonly string[], validated: Record<string, PrecompiledAction> = precompiled): Promise<ActionDefinition[]> {
  const actions: ActionDefinition[] = [];
  const problems: CatalogProblem[] = [];
  const schemaText = await readFile(ACTION_SCHEMA_FILE, 'utf8');
  for (const dir of dirs) {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
    } catch (error) {
      problems.push({ file: path.resolve(dir), message: `cannot read the folder: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    for (const name of names) {
      const file = path.resolve(dir, name);
      try {
        const text = await readFile(file, 'utf8');
        const known = validated[catalogDigest(schemaText, text)];
        const action = known !== undefined ? { ...known, file } : (await import('./parse-action.js')).parseAction(text, file);
        const clash = actions.find((loaded) => loaded.name === action.name);
        if (clash !== undefined) problems.push({ file, line: 1, column: 1, message: `action "${action.name}" is already defined in ${clash.file}` });
        else actions.push(action);
      } catch (error) {
        if (error instanceof ActionCatalogError) problems.push(...error.problems);
        else problems.push({ file, message: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      }
    }
  }
  if (problems.length > 0) throw new ActionCatalogError(problems);
  return actions;
}

/** The shipped actions, parsed and validated now, keyed by catalogDigest: what a build stores. */
export async function precompileActions(): Promise<Record<string, PrecompiledAction>> {
  const { parseAction } = await import('./parse-action.js');
  const schemaText = await readFile(ACTION_SCHEMA_FILE, 'utf8');
  const entries: Record<string, PrecompiledAction> = {};
  for (const name of (await readdir(defaultActionsDir)).filter((entry) => /\.ya?ml$/i.test(entry)).sort()) {
    const text = await readFile(path.join(defaultActionsDir, name), 'utf8');
    const { file: _file, ...action } = parseAction(text, path.join(defaultActionsDir, name));
    entries[catalogDigest(schemaText, text)] = action;
  }
  return entries;
}
