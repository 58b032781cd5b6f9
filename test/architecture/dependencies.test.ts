// Dependencies point one way (ARCHITECTURE.md): the product (src/) and the mock (mock-genesys/)
// know only common/; the harness wires them; benchmarks and tests sit on top. A forbidden
// import fails here with its file and line.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFolders, forbiddenEdges, importEdges, type ImportEdge } from './import-graph.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Which top-level folders each folder's code may import (its own always). */
const ALLOWED: Record<string, readonly string[]> = {
  common: [],
  src: ['common'],
  'mock-genesys': ['common'],
  harness: ['common', 'src', 'mock-genesys'],
  bench: ['common', 'src', 'mock-genesys', 'harness'],
  test: ['common', 'src', 'mock-genesys', 'harness', 'bench'],
};

const describeEdge = (edge: ImportEdge): string => `${edge.file}:${edge.line} imports ${edge.specifier} (${edge.from}/ → ${edge.to}/)`;

/** The rows of ARCHITECTURE.md's folder table: folder → the folders it may import. */
function architectureTable(markdown: string): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const row of markdown.matchAll(/^\| `([\w.-]+)\/` \|.*\| ([^|]*) \|$/gm)) {
    table[row[1]!] = [...row[2]!.matchAll(/`([\w.-]+)\/`/g)].map((folder) => folder[1]!);
  }
  return table;
}

describe('dependency direction', () => {
  it('no file imports a folder its own folder may not import', async () => {
    const edges = await importEdges(root, Object.keys(ALLOWED));
    // The graph is really read: the harness wires the proxy and the mock.
    expect(edges.some((edge) => edge.from === 'harness' && edge.to === 'src')).toBe(true);
    expect(edges.some((edge) => edge.from === 'mock-genesys' && edge.to === 'common')).toBe(true);
    expect(forbiddenEdges(edges, ALLOWED).map(describeEdge)).toEqual([]);
  });

  it('every top-level folder with code has a rule', async () => {
    expect(await codeFolders(root)).toEqual(Object.keys(ALLOWED).sort());
  });

  it('ARCHITECTURE.md lists the same folders and directions as this table', async () => {
    const documented = architectureTable(await readFile(path.join(root, 'ARCHITECTURE.md'), 'utf8'));
    expect(documented).toEqual(Object.fromEntries(Object.entries(ALLOWED).map(([folder, allowed]) => [folder, [...allowed]])));
  });

  describe('on a fixture with forbidden imports', () => {
    let fixture = '';
    afterAll(async () => {
      if (fixture) await rm(fixture, { recursive: true, force: true });
    });

    it('finds each one (static, re-export, dynamic import, require) with its line, and lets allowed ones pass', async () => {
      fixture = await mkdtemp(path.join(os.tmpdir(), 'import-graph-'));
      const files: Record<string, string> = {
        'common/text.ts': "import os from 'node:os';\nexport * from '../src/a.js';\n",
        'src/a.ts': "import { z } from 'zod';\nimport { b } from '../common/text.js';\nimport type { M } from '../mock-genesys/b.js';\n",
        'mock-genesys/b.ts': "// import '../src/commented-out.js'\nexport const m = async () => (await import('../harness/c.js')).c;\n",
        'mock-genesys/console/public/page.js': "const a = require('../../../src/a.js');\n",
        'harness/c.ts': "import '../src/a.js';\nimport '../mock-genesys/b.js';\nimport '../common/text.js';\n",
      };
      for (const [file, text] of Object.entries(files)) {
        await mkdir(path.dirname(path.join(fixture, file)), { recursive: true });
        await writeFile(path.join(fixture, file), text);
      }
      const edges = await importEdges(fixture, ['common', 'src', 'mock-genesys', 'harness']);
      expect(forbiddenEdges(edges, ALLOWED).map(describeEdge).sort()).toEqual([
        'common/text.ts:2 imports ../src/a.js (common/ → src/)',
        'mock-genesys/b.ts:2 imports ../harness/c.js (mock-genesys/ → harness/)',
        'mock-genesys/console/public/page.js:1 imports ../../../src/a.js (mock-genesys/ → src/)',
        'src/a.ts:3 imports ../mock-genesys/b.js (src/ → mock-genesys/)',
      ]);
    });
  });
});
