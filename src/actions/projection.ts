// Projects Genesys' answers to an action's flat `data` (pure): each output field is read by a
// JSONPath (jsonpath-plus, safe evaluation) and reduced to a value Architect can hold.
import { JSONPath } from 'jsonpath-plus';
import type { ActionDefinition, ProjectionRule } from './catalog.js';

type Scalar = string | number | boolean;
export type Answers = Record<string, Record<string, unknown>>;

function valuesAt(json: unknown, paths: string | string[]): unknown[] {
  for (const path of Array.isArray(paths) ? paths : [paths]) {
    const found = (JSONPath({ path, json: json as object, wrap: true }) as unknown[]).filter((value) => value !== undefined && value !== null);
    if (found.length > 0) return found;
  }
  return [];
}

const isScalar = (value: unknown): value is Scalar => typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';

/** Architect holds scalars and lists of scalars; anything else is left out. */
function flatValue(value: unknown): Scalar | Scalar[] | undefined {
  if (isScalar(value)) return value;
  if (Array.isArray(value) && value.every(isScalar)) return value;
  return undefined;
}

function evaluate(rule: ProjectionRule, answers: Answers, firstCall: string): unknown {
  if (rule.const !== undefined) return rule.const;
  if (rule.all !== undefined) return rule.all.every((inner) => evaluate(inner, answers, firstCall) === true);
  const found = valuesAt(answers[rule.from ?? firstCall], rule.path ?? '$');
  if (rule.in !== undefined) return found.length > 0 && rule.in.includes(found[0] as Scalar);
  let value: unknown;
  switch (rule.reduce ?? 'first') {
    case 'exists':
      return found.length > 0;
    case 'count':
      // A number found (e.g. `total`) is the count itself; otherwise count what was found.
      return found.length === 1 && typeof found[0] === 'number' ? found[0] : found.length;
    case 'sum':
      value = found.filter((item): item is number => typeof item === 'number').reduce((sum, item) => sum + item, 0);
      break;
    case 'max': {
      const numbers = found.filter((item): item is number => typeof item === 'number');
      value = numbers.length > 0 ? Math.max(...numbers) : undefined;
      break;
    }
    default:
      value = found[0];
  }
  if (rule.scale !== undefined && typeof value === 'number') value = Math.round(value * rule.scale);
  return value ?? rule.default;
}

/** The action's `data` object from the answers of its calls (by call name). */
export function project(action: ActionDefinition, answers: Answers): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  const firstCall = action.calls[0]?.name ?? '';
  for (const [field, rule] of Object.entries(action.project)) {
    if (rule.spread === true) {
      const [source] = valuesAt(answers[rule.from ?? firstCall], rule.path ?? '$');
      if (typeof source === 'object' && source !== null) {
        for (const [key, value] of Object.entries(source)) {
          const flat = flatValue(value);
          if (flat !== undefined) data[key] = flat;
        }
      }
      continue;
    }
    const flat = flatValue(evaluate(rule, answers, firstCall));
    if (flat !== undefined) data[field] = flat;
  }
  return data;
}
