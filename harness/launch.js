// `npm start`, `npm run proxy`, `npm run mock`: run a service from its bundle in dist/
// (harness/bundle.ts), building dist/ first when the sources are newer than the last build.
// Plain JavaScript importing only Node built-ins, so it adds almost nothing to the time to the
// first answer: running a .ts file makes Node load its TypeScript stripper (~140 ms a start).
// Usage: node harness/launch.js <entry without extension, e.g. src/main>   |   --build
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');
// The image's build (tsconfig.build.json) plus harness/, which npm start and npm run mock run.
const BUILD_CONFIG = 'tsconfig.start.json';
/**
 * The entries that are bundled (bundle.ts), by compiled module, and their bundle beside
 * dist/'s folders. A build bundles those it compiled: the image's has no harness/, so it bundles
 * the proxy and the mock alone (`mock-genesys.js`).
 * @type {Readonly<Record<string, string>>}
 */
export const BUNDLED_ENTRIES = { 'src/main': 'proxy.js', 'harness/start': 'start.js', 'harness/mock': 'mock.js', 'mock-genesys/main': 'mock-genesys.js' };
/** Written after a successful build, its mtime set to when that build started. */
export const STAMP_FILE = '.build-stamp';
/** Data folders at the top of the repository that compiled modules read through `..` paths (the Dockerfile copies the same into dist/). */
const TOP_LEVEL_DATA_DIRS = ['scenarios', 'actions'];

/**
 * The folders the launcher's build compiles.
 * @returns {string[]}
 */
function compiledDirs() {
  const config = /** @type {{ include?: string[] }} */ (JSON.parse(readFileSync(path.join(REPO_ROOT, BUILD_CONFIG), 'utf8')));
  return (config.include ?? []).filter((dir) => existsSync(path.join(REPO_ROOT, dir)));
}

/**
 * Newest mtime among the build's inputs; folders count too, so deleting or renaming a file is a change.
 * @returns {number}
 */
function newestInputMs() {
  let newest = 0;
  /** @param {string} file */
  const visit = (file) => {
    const stats = statSync(file);
    newest = Math.max(newest, stats.mtimeMs);
    if (!stats.isDirectory()) return;
    for (const entry of readdirSync(file)) visit(path.join(file, entry));
  };
  for (const file of ['tsconfig.json', 'tsconfig.build.json', BUILD_CONFIG, 'package.json']) visit(path.join(REPO_ROOT, file));
  for (const dir of compiledDirs()) visit(path.join(REPO_ROOT, dir));
  return newest;
}

/**
 * Whether distDir holds a build at least as new as every input (its stamp's mtime is when that build started).
 * @param {string} [distDir]
 * @returns {boolean}
 */
export function isBuildFresh(distDir = DIST_DIR) {
  const stamp = statSync(path.join(distDir, STAMP_FILE), { throwIfNoEntry: false });
  return stamp !== undefined && stamp.mtimeMs >= newestInputMs();
}

/**
 * @param {string} dir
 * @returns {boolean}
 */
function containsTypeScript(dir) {
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? containsTypeScript(path.join(dir, entry.name)) : entry.name.endsWith('.ts'),
  );
}

/**
 * Makes the files modules read at run time (scenarios, the console's static files…) reachable from outDir as from the sources.
 * @param {string} outDir
 */
export function linkRuntimeFiles(outDir) {
  /** @param {string} relative */
  const link = (relative) => {
    const target = path.join(outDir, relative);
    if (existsSync(target)) return;
    mkdirSync(path.dirname(target), { recursive: true });
    symlinkSync(path.relative(path.dirname(target), path.join(REPO_ROOT, relative)), target);
  };
  /** @param {string} relativeDir */
  const mirror = (relativeDir) => {
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
 * Compiles into a fresh folder, bundles the entries, and swaps it in as dist/. Like tsx before it,
 * this does not type-check (`npm test` and `npm run typecheck` do), which halves the build time;
 * source maps are emitted.
 * @param {(message: string) => void} log
 */
export function build(log) {
  const tsc = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  if (!existsSync(tsc)) throw new Error('dist/ is missing or older than the sources, and TypeScript is not installed to build it: run `npm ci` first');
  const startedAt = new Date();
  const outDir = `${DIST_DIR}.building-${process.pid}`;
  rmSync(outDir, { recursive: true, force: true });
  log('compiling TypeScript into dist/ (sources changed since the last build)…');
  try {
    execFileSync(process.execPath, [tsc, '-p', BUILD_CONFIG, '--outDir', outDir, '--noCheck'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    linkRuntimeFiles(outDir);
    execFileSync(process.execPath, [path.join(import.meta.dirname, 'bundle.ts'), outDir], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
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

async function main() {
  const [entry] = process.argv.slice(2);
  if (entry === undefined) throw new Error('usage: node harness/launch.js <entry, e.g. src/main> | --build');
  /** @param {string} message */
  const log = (message) => void process.stderr.write(`${entry === '--build' ? 'build' : entry}: ${message}\n`);
  if (entry === '--build' || !isBuildFresh()) build(log);
  if (entry === '--build') return;
  const compiled = path.join(DIST_DIR, BUNDLED_ENTRIES[entry] ?? `${entry}.js`);
  if (!existsSync(compiled)) throw new Error(`no compiled module for ${entry} (expected ${path.relative(REPO_ROOT, compiled)})`);
  // Stack traces name the .ts files and lines; V8's code cache makes later starts faster.
  process.setSourceMapsEnabled(true);
  module.enableCompileCache?.();
  await import(pathToFileURL(compiled).href);
}

// Run as a script (not imported by the bench or the tests).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((/** @type {unknown} */ error) => {
    process.stderr.write(`launch: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
