// `npm start`, `npm run proxy`, `npm run mock`: run a service from compiled output in dist/,
// compiling first when the sources are newer than the last build. Node runs this file itself
// (type stripping, no tsx), and it imports only Node built-ins so it adds almost nothing to the
// time to the first answer; loading TypeScript through a loader on every start cost 300–500 ms.
// Usage: node harness/launch.ts <entry without extension, e.g. src/main>   |   --build
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');
// The image's build (tsconfig.build.json) plus harness/, which npm start and npm run mock run.
const BUILD_CONFIG = 'tsconfig.start.json';
/** Entries that run from a bundle (bundle.ts) rather than from tsc's modules. */
const BUNDLED_ENTRIES: Record<string, string> = { 'src/main': 'proxy.js' };
/** Written after a successful build, its mtime set to when that build started. */
export const STAMP_FILE = '.build-stamp';
/** Data folders at the top of the repository that compiled modules read through `..` paths (the Dockerfile copies the same into dist/). */
const TOP_LEVEL_DATA_DIRS = ['scenarios', 'actions'];

/** The folders the launcher's build compiles. */
function compiledDirs(): string[] {
  const config = JSON.parse(readFileSync(path.join(REPO_ROOT, BUILD_CONFIG), 'utf8')) as { include?: string[] };
  return (config.include ?? []).filter((dir) => existsSync(path.join(REPO_ROOT, dir)));
}

/** Newest mtime among the build's inputs; folders count too, so deleting or renaming a file is a change. */
function newestInputMs(): number {
  let newest = 0;
  const visit = (file: string): void => {
    const stats = statSync(file);
    newest = Math.max(newest, stats.mtimeMs);
    if (!stats.isDirectory()) return;
    for (const entry of readdirSync(file)) visit(path.join(file, entry));
  };
  for (const file of ['tsconfig.json', 'tsconfig.build.json', BUILD_CONFIG, 'package.json']) visit(path.join(REPO_ROOT, file));
  for (const dir of compiledDirs()) visit(path.join(REPO_ROOT, dir));
  return newest;
}

/** Whether distDir holds a build at least as new as every input (its stamp's mtime is when that build started). */
export function isBuildFresh(distDir = DIST_DIR): boolean {
  const stamp = path.join(distDir, STAMP_FILE);
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestInputMs();
}

function containsTypeScript(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? containsTypeScript(path.join(dir, entry.name)) : entry.name.endsWith('.ts'),
  );
}

/** Makes the files modules read at run time (scenarios, the console's static files…) reachable from outDir as from the sources. */
export function linkRuntimeFiles(outDir: string): void {
  const link = (relative: string): void => {
    const target = path.join(outDir, relative);
    if (existsSync(target)) return;
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.relative(path.dirname(target), path.join(REPO_ROOT, relative)), target);
  };
  const mirror = (relativeDir: string): void => {
    for (const entry of readdirSync(path.join(REPO_ROOT, relativeDir), { withFileTypes: true })) {
      const relative = path.join(relativeDir, entry.name);
      if (entry.isDirectory()) {
        if (containsTypeScript(path.join(REPO_ROOT, relative))) mirror(relative);
        else link(relative);
      } else if (!entry.name.endsWith('.ts')) {
        link(relative);
      }
    }
  };
  for (const dir of compiledDirs()) mirror(dir);
  for (const dir of TOP_LEVEL_DATA_DIRS) if (existsSync(path.join(REPO_ROOT, dir))) link(dir);
}

/**
 * Compiles into a fresh folder and swaps it in as dist/. Like tsx before it, this does not type-check
 * (`npm test` and `npm run typecheck` do), which halves the build time; source maps are emitted.
 */
export function build(log: (message: string) => void): void {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) throw new Error('dist/ is missing or older than the sources, and TypeScript is not installed to build it: run `npm ci` first');
  const startedAt = new Date();
  const outDir = `${DIST_DIR}.building-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  log('compiling TypeScript into dist/ (sources changed since the last build)…');
  try {
    execFileSync(process.execPath, [tsc, '-p', BUILD_CONFIG, '--outDir', outDir, '--noCheck'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    linkRuntimeFiles(outDir);
    // The proxy ships as one bundled file (bundle.ts): .ts from the sources, .js once compiled.
    const bundler = path.join(import.meta.dirname, `bundle${path.extname(import.meta.filename)}`);
    execFileSync(process.execPath, [bundler, outDir], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    const stamp = path.join(outDir, STAMP_FILE);
    writeFileSync(stamp, '');
    utimesSync(stamp, startedAt, startedAt);
    const old = `${DIST_DIR}.old-${process.pid}`;
    if (existsSync(DIST_DIR)) renameSync(DIST_DIR, old);
    renameSync(outDir, DIST_DIR);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  log(`built in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const [entry] = process.argv.slice(2);
  if (entry === undefined) throw new Error('usage: node harness/launch.ts <entry, e.g. src/main> | --build');
  const log = (message: string): void => void process.stderr.write(`${entry === '--build' ? 'build' : entry}: ${message}\n`);
  if (entry === '--build' || !isBuildFresh()) build(log);
  if (entry === '--build') return;
  const compiled = path.join(DIST_DIR, BUNDLED_ENTRIES[entry] ?? `${entry}.js`);
  if (!existsSync(compiled)) throw new Error(`no compiled module for ${entry} (expected ${path.relative(REPO_ROOT, compiled)})`);
  // Stack traces name the .ts files and lines; V8's code cache makes the second start faster.
  process.setSourceMapsEnabled(true);
  module.enableCompileCache?.();
  await import(pathToFileURL(compiled).href);
}

// Run as a script (not imported by the bench or the tests); import.meta.main needs Node ≥ 24.2.
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`launch: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
