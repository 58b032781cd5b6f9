// The console's browser modules are plain JS (no build step); TypeScript importers read the
// .d.ts beside each. This pins that those declarations are what the JSDoc says today.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CONSOLE_PUBLIC_DIR } from '../../mock-genesys/console/plugin.js';

const MODULES = ['timeline', 'request-fields', 'branch'];

/** Declarations TypeScript emits for each module, by module name, from one program. */
function freshDeclarations(): Map<string, string> {
  const emitted = new Map<string, string>();
  const program = ts.createProgram(
    MODULES.map((name) => path.join(CONSOLE_PUBLIC_DIR, `${name}.js`)),
    {
      allowJs: true,
      declaration: true,
      emitDeclarationOnly: true,
      strict: true,
      target: ts.ScriptTarget.ES2023,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
      types: [],
    },
  );
  program.emit(undefined, (file, text) => {
    if (file.endsWith('.d.ts')) emitted.set(path.basename(file, '.d.ts'), text);
  });
  return emitted;
}

describe('console browser module declarations', () => {
  const fresh = freshDeclarations();

  it.each(MODULES)('%s.d.ts is what the JSDoc of the .js beside it declares', (name) => {
    const written = readFileSync(path.join(CONSOLE_PUBLIC_DIR, `${name}.d.ts`), 'utf8');
    const withoutHeader = written.split('\n').filter((line, index) => !(index < 2 && line.startsWith('//'))).join('\n');
    expect(withoutHeader).toBe(fresh.get(name));
  });
});
