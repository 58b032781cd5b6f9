// What Genesys does with an exported data action at run time, as far as the export decides it:
// render the Velocity request template with the flow's inputs, and turn the proxy's answer into
// the action's output (translationMap JSONPaths, translationMapDefaults as JSON text, the
// successTemplate), then hold the output against the successSchema. A path that finds nothing
// and has no default fails the action, as in Architect.
import { JSONPath } from 'jsonpath-plus';
import velocity from 'velocityjs';
import type { ArchitectDataAction } from '../../src/export/architect.js';

/** Genesys' $esc.jsonString: the string's JSON escaping, without the quotes. */
const esc = { jsonString: (value: unknown) => JSON.stringify(String(value)).slice(1, -1) };

export function renderRequestBody(action: ArchitectDataAction, input: Record<string, unknown>): string {
  return velocity.render(action.config.request.requestTemplate, { input, esc });
}

export function renderRequestUrl(action: ArchitectDataAction, input: Record<string, unknown>): string {
  return velocity.render(action.config.request.requestUrlTemplate, { input, esc });
}

export class ArchitectRunFailure extends Error {}

/** The flow's output for an answer, or ArchitectRunFailure where Architect would take Failure. */
export function translateResponse(action: ArchitectDataAction, answer: unknown): Record<string, unknown> {
  const { translationMap, translationMapDefaults, successTemplate } = action.config.response;
  const values: Record<string, string> = {};
  for (const [name, path] of Object.entries(translationMap)) {
    const found: unknown = JSONPath({ path, json: answer as object, wrap: false });
    if (found !== undefined) {
      values[name] = JSON.stringify(found);
      continue;
    }
    const fallback = translationMapDefaults[name];
    if (fallback === undefined) throw new ArchitectRunFailure(`translationMap ${name} (${path}) found nothing and has no translationMapDefaults entry`);
    JSON.parse(fallback); // a default must itself be JSON
    values[name] = fallback;
  }
  const rendered = velocity.render(successTemplate, values);
  try {
    return JSON.parse(rendered) as Record<string, unknown>;
  } catch {
    throw new ArchitectRunFailure(`successTemplate rendered invalid JSON: ${rendered.slice(0, 300)}`);
  }
}

/** Mismatches between an output and the successSchema: missing fields and wrong types. */
export function schemaMismatches(action: ArchitectDataAction, output: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, property] of Object.entries(action.contract.output.successSchema.properties)) {
    const value = output[name];
    const type = property.type as string;
    if (value === undefined || value === null) {
      problems.push(`${name}: absent`);
      continue;
    }
    if (!hasType(value, type, (property.items as { type: string } | undefined)?.type)) problems.push(`${name}: ${JSON.stringify(value)} is not ${type}`);
    const allowed = property.enum as unknown[] | undefined;
    if (allowed !== undefined && !allowed.includes(value)) problems.push(`${name}: ${JSON.stringify(value)} is not one of ${allowed.join(', ')}`);
  }
  return problems;
}

function hasType(value: unknown, type: string, itemType?: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value) && value.every((item) => itemType === undefined || hasType(item, itemType));
    default:
      return false;
  }
}
