// The fault registry is the one place a fault kind is declared: the scenario JSON Schema (and
// its file for editors), the semantic checks and the README's fault table all follow it. A
// fixture fault added in a test is valid everywhere with only its module and a registry line.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from '../../mock-genesys/faults/params.js';
import { describe, expect, it } from 'vitest';
import { faults, type FaultRegistry } from '../../mock-genesys/faults/index.js';
import { defineFault } from '../../mock-genesys/faults/fault.js';
import { SCENARIO_SCHEMA_FILE } from '../../mock-genesys/scenarios/limits.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { scenarioSchemaText } from '../../mock-genesys/scenarios/schema.js';
import { scenarioRefusal } from './refusal.js';

const README = readFileSync(path.join(path.dirname(SCENARIO_SCHEMA_FILE), 'README.md'), 'utf8');

/** Rows of the README's "Fault kinds" table: kind → backticked keys and the keys marked (required). */
function faultTable(readme: string): Map<string, { keys: string[]; required: string[] }> {
  const section = readme.split('### Fault kinds')[1]?.split('\n\n').find((block) => block.startsWith('| `fault`')) ?? '';
  const rows = new Map<string, { keys: string[]; required: string[] }>();
  for (const line of section.split('\n').slice(2)) {
    const [, kindCell, keysCell] = line.split('|').map((cell) => cell.trim());
    const kind = /^`([\w-]+)`$/.exec(kindCell ?? '')?.[1];
    if (!kind) continue;
    const keys = [...(keysCell ?? '').matchAll(/`(\w+)`/g)].map((found) => found[1]!);
    const required = [...(keysCell ?? '').matchAll(/`(\w+)` \(required/g)].map((found) => found[1]!);
    rows.set(kind, { keys, required });
  }
  return rows;
}

/** What the README's fault table gets wrong about a registry (empty when it agrees). */
function faultTableProblems(readme: string, registry: FaultRegistry): string[] {
  const rows = faultTable(readme);
  const problems: string[] = [];
  for (const fault of Object.values(registry)) {
    const row = rows.get(fault.kind);
    if (!row) {
      problems.push(`fault ${fault.kind} has no row`);
      continue;
    }
    const keys = Object.keys(fault.params.properties).sort();
    if (JSON.stringify([...row.keys].sort()) !== JSON.stringify(keys)) problems.push(`fault ${fault.kind}: the row lists ${row.keys.join(', ') || 'no keys'}, the fault takes ${keys.join(', ') || 'none'}`);
    const required = [...(fault.params.required ?? [])].sort();
    if (JSON.stringify([...row.required].sort()) !== JSON.stringify(required)) problems.push(`fault ${fault.kind}: required keys ${row.required.join(', ')} in the README, ${required.join(', ')} in the fault`);
  }
  for (const kind of rows.keys()) if (!(kind in registry)) problems.push(`row ${kind} is no fault`);
  return problems;
}

// A fault as a contributor would add it: its own module (here inline) and one registry line.
const dropHeader = defineFault({
  kind: 'drop-header',
  params: Type.Object({
    header_name: Type.String({ minLength: 1, description: 'drop-header: the response header to leave out.' }),
    after_ms: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'drop-header: when, in milliseconds.' })),
  }),
  needsBearerToken: true,
  apply: ({ reply }, { header_name: name }) => {
    reply.removeHeader(name);
    return { type: 'continue', applied: 'drop-header' };
  },
});
const withFixture: FaultRegistry = { ...faults, 'drop-header': dropHeader };

const fixtureScenario = (step: string, route = 'queues'): string => `rules:\n  - match: { route: ${route} }\n    steps:\n      - ${step}\n    then: pass\n`;

describe('the fault registry', () => {
  it('keys each fault by its own kind', () => {
    for (const [key, fault] of Object.entries(faults)) expect(fault.kind).toBe(key);
  });

  it('is what scenarios/scenario.schema.json says (regenerate: npx tsx mock-genesys/scenarios/write-schema.ts)', () => {
    expect(readFileSync(SCENARIO_SCHEMA_FILE, 'utf8')).toBe(scenarioSchemaText());
  });

  it('is what the README fault table says', () => {
    expect(faultTableProblems(README, faults)).toEqual([]);
  });

  it('refuses a key two faults would give different meanings', () => {
    const clash = defineFault({ kind: 'clash', params: Type.Object({ status: Type.String() }), needsBearerToken: false, apply: () => ({ type: 'continue', applied: 'clash' }) });
    expect(() => scenarioSchemaText({ ...faults, clash })).toThrow(/parameter "status" has another schema/);
  });
});

describe('a fixture fault added with one registry line', () => {
  it('is valid in the schema and the semantic checks, with its parameters', () => {
    const scenario = parseScenario(fixtureScenario('{ fault: drop-header, header_name: x-a, after_ms: 5, probability: 0.5 }'), '/x/f.yaml', { registry: withFixture });
    expect(scenario.rules[0]?.steps[0]).toMatchObject({ fault: 'drop-header', header_name: 'x-a', after_ms: 5, probability: 0.5 });
    expect(scenarioSchemaText(withFixture)).toContain('"drop-header"');
  });

  it('is checked like any other: its required key, its own keys only, its need of a bearer token', () => {
    expect(scenarioRefusal(() => parseScenario(fixtureScenario('{ fault: drop-header }'), 'f.yaml', { registry: withFixture })).message).toMatch(/f\.yaml:4:9: fault drop-header needs "header_name"/);
    expect(scenarioRefusal(() => parseScenario(fixtureScenario('{ fault: drop-header, header_name: a, status: 500 }'), 'f.yaml', { registry: withFixture })).message).toMatch(/"status" does not apply to fault drop-header/);
    expect(scenarioRefusal(() => parseScenario(fixtureScenario('{ fault: drop-header, header_name: a }', 'token'), 'f.yaml', { registry: withFixture })).message).toMatch(/drop-header needs a bearer token/);
    expect(scenarioRefusal(() => parseScenario(fixtureScenario('{ fault: drop-header, header_name: a }'), 'f.yaml')).message).toMatch(/"fault" is "drop-header", expected one of/);
  });

  it('is held to the README fault table: missing until its row is written', () => {
    expect(faultTableProblems(README, withFixture)).toEqual(['fault drop-header has no row']);
    const documented = README.replace('| `pass` | `headers` |', '| `drop-header` | `header_name` (required), `after_ms` (default 0) | The header is left out. |\n| `pass` | `headers` |');
    expect(faultTableProblems(documented, withFixture)).toEqual([]);
  });
});
