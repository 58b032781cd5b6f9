// The project's import graph, read with the TypeScript compiler's own pre-processor
// (ts.preProcessFile: static imports, `export … from`, `import()` and `require()`), over every
// .ts/.js file under the given top-level folders. Only relative specifiers are followed:
// packages and node: built-ins are not project folders.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** Repository-relative path of the importing file. */
  file: string;
  line: number;
  specifier: string;
  /** Top-level folder of the importing file and of the imported one ('.' for the root). */
  from: string;
  to: string;
}

const CODE_FILE = /\.(?:[cm]?ts|[cm]?js|tsx|jsx)$/;
const SKIPPED = new Set(['node_modules', 'dist', '.git', 'test-results', 'playwright-report']);

async function codeFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (SKIPPED.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await codeFiles(full)));
    else if (entry.isFile() && CODE_FILE.test(entry.name)) found.push(full);
  }
  return found;
}

/** Top-level folders of `root` that hold code files. */
export async function codeFolders(root: string): Promise<string[]> {
  const folders: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED.has(entry.name) && (await codeFiles(path.join(root, entry.name))).length > 0) folders.push(entry.name);
  }
  return folders.sort();
}

function topFolder(root: string, file: string): string {
  const relative = path.relative(root, file);
  const first = relative.split(path.sep)[0]!;
  return first === relative ? '.' : first;
}

/** Every relative import of every code file under `folders` of `root`. */
export async function importEdges(root: string, folders: readonly string[]): Promise<ImportEdge[]> {
  const edges: ImportEdge[] = [];
  for (const folder of folders) {
    for (const file of await codeFiles(path.join(root, folder))) {
      const text = await readFile(file, 'utf8');
      const { importedFiles } = ts.preProcessFile(text, true, true);
      for (const imported of importedFiles) {
        if (!imported.fileName.startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), imported.fileName);
        const line = text.slice(0, imported.pos).split('\n').length;
        edges.push({ file: path.relative(root, file), line, specifier: imported.fileName, from: topFolder(root, file), to: topFolder(root, target) });
      }
    }
  }
  return edges;
}

/** The edges that leave their folder for one that `allowed[from]` does not list. */
export function forbiddenEdges(edges: readonly ImportEdge[], allowed: Readonly<Record<string, readonly string[]>>): ImportEdge[] {
  return edges.filter((edge) => edge.to !== edge.from && !(allowed[edge.from] ?? []).includes(edge.to));
}
