// Fuzzing the scenario loader: malformed YAML, mutated library files and schema-violating
// documents are either valid scenarios or refused with a ScenarioError naming the file and a
// line:column — never another exception.
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { loadScenarioFile } from '../../mock-genesys/scenarios/loader.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { ScenarioError } from '../../mock-genesys/scenarios/scenario-error.js';

const FILE = '/scenarios/fuzzed.yaml';
const libraryTexts = readdirSync(defaultScenariosDir)
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => readFileSync(path.join(defaultScenariosDir, name), 'utf8'));

/** Parses; a refusal must be a ScenarioError pointing into the file. Returns whether it was accepted. */
function parseOrExplain(text: string, file = FILE): boolean {
  try {
    parseScenario(text, file);
    return true;
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw new Error(`not a ScenarioError for ${JSON.stringify(text.slice(0, 300))}: ${String(error)}`, { cause: error });
    expect(error.file).toBe(file);
    expect(error.problems.length).toBeGreaterThan(0);
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const problem of error.problems) {
      expect(problem.message.trim(), error.message).not.toBe('');
      expect(problem.line, `no line for: ${error.message}`).toBeGreaterThanOrEqual(1);
      expect(problem.line!).toBeLessThanOrEqual(lineCount + 1);
      expect(problem.column, `no column for: ${error.message}`).toBeGreaterThanOrEqual(1);
    }
    expect(error.message).toContain(`${file}:`);
    return false;
  }
}

/** One edit a person (or a bad merge) might make to a file. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(':', '- ', '  ', '\t', '{', '[', '}', ']', '"', "'", '&a', '*a', '!!int', '\n', '#', '? ', '---\n', '%YAML 1.2\n', '~', '<<: *a')) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, edit: Mutation): string {
  const at = text.length === 0 ? 0 : edit.at % text.length;
  switch (edit.kind) {
    case 'delete':
      return text.slice(0, at) + text.slice(at + edit.length);
    case 'insert':
      return text.slice(0, at) + edit.text + text.slice(at);
    case 'duplicate-line': {
      const lines = text.split('\n');
      const index = edit.at % lines.length;
      lines.splice(index, 0, lines[index]!);
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, at);
  }
}

describe('parseScenario under fuzzing', () => {
  // Found by these properties: both used to escape as URIError / ReferenceError.
  it('refuses an alias to a missing anchor and an unknown key containing % at their line', () => {
    expect(parseOrExplain('rules: []\nexpect: *missing\n')).toBe(false);
    expect(() => parseScenario('rules: []\nexpect: *missing\n', FILE)).toThrow(`${FILE}:2:9: YAML:`);
    expect(() => parseScenario('rules:\n  - "%": 1\n', FILE)).toThrow(`${FILE}:2:`);
  });

  it('refuses random text with a located ScenarioError or accepts it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: fc.constantFrom(...'rules:- {}[]\n "\'#&*!|>?,'.split('')), maxLength: 120 })), (text) => {
        parseOrExplain(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses mutated library files with a located ScenarioError or accepts them', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.constantFrom(...libraryTexts), fc.array(mutation, { minLength: 1, maxLength: 4 }), (text, edits) => {
        if (!parseOrExplain(edits.reduce(mutate, text))) refused++;
      }),
      { numRuns: 2000 },
    );
    // The mutations must actually exercise the refusal path, not only harmless edits.
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses schema-violating documents with a located ScenarioError', () => {
    const libraryDocs = libraryTexts.map((text) => parse(text) as Record<string, unknown>);
    const hostileValue = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(-1, 0, 1e9, 'reset', 'status', 'analytics-query', 'cycle', null, [], {}));
    fc.assert(
      fc.property(fc.constantFrom(...libraryDocs), fc.array(fc.tuple(fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 5 }), hostileValue), { minLength: 1, maxLength: 3 }), (doc, replacements) => {
        const copy = structuredClone(doc);
        for (const [route, value] of replacements) replaceAlong(copy, route, value);
        parseOrExplain(stringify(copy));
      }),
      { numRuns: 1500 },
    );
  });
});

/** Walks into the document by child indexes (modulo the keys there) and replaces the value found. */
function replaceAlong(node: unknown, route: number[], value: unknown): void {
  let current = node as Record<string, unknown>;
  for (let depth = 0; depth < route.length; depth++) {
    const keys = Object.keys(current);
    if (keys.length === 0) return;
    const key = keys[route[depth]! % keys.length]!;
    const child = current[key];
    if (depth === route.length - 1 || typeof child !== 'object' || child === null) {
      current[key] = value;
      return;
    }
    current = child as Record<string, unknown>;
  }
}

describe('loadScenarioFile under fuzzing', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'scenario-fuzz-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses broken files on disk with a ScenarioError naming the file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...libraryTexts), fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.uint8Array({ maxLength: 16 }), async (text, edits, junk) => {
        const file = path.join(dir, 'broken.yaml');
        await writeFile(file, Buffer.concat([Buffer.from(edits.reduce(mutate, text)), Buffer.from(junk)]));
        try {
          await loadScenarioFile(file);
        } catch (error) {
          if (!(error instanceof ScenarioError)) throw error;
          expect(error.message).toContain(`${file}:`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a missing file with a ScenarioError naming it', async () => {
    const missing = path.join(dir, 'missing.yaml');
    await expect(loadScenarioFile(missing)).rejects.toThrow(ScenarioError);
    await expect(loadScenarioFile(missing)).rejects.toThrow(missing);
  });
});
