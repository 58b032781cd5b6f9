// The build's identity for GET /version and the start-up line: the package version, and the
// commit from BUILD_COMMIT (set by `docker build --build-arg BUILD_COMMIT=…`), else from git
// when running from a checkout, else unknown.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BuildInfo {
  version: string;
  commit: string;
}

/** The nearest package.json above this module (src/ in a checkout, dist/src/ in the image). */
function readPackageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth++) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return String((JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
    dir = dirname(dir);
  }
  return 'unknown';
}

/**
 * HEAD's commit read from the checkout's git files (spawning git cost ~35 ms of start-up): the
 * `.git` folder above this module, or the folder a worktree's `.git` file points to; a branch
 * ref is looked up loose, then in packed-refs (both kept in the common folder of worktrees).
 */
function readGitCommit(): string | undefined {
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, '.git'))) {
      if (dirname(dir) === dir) return undefined;
      dir = dirname(dir);
    }
    let gitDir = join(dir, '.git');
    if (statSync(gitDir).isFile()) gitDir = resolve(dir, readFileSync(gitDir, 'utf8').replace(/^gitdir:\s*/, '').trim());
    const commonDir = existsSync(join(gitDir, 'commondir')) ? resolve(gitDir, readFileSync(join(gitDir, 'commondir'), 'utf8').trim()) : gitDir;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (ref === undefined) return COMMIT.test(head) ? head : undefined;
    const loose = join(commonDir, ref);
    if (existsSync(loose)) return COMMIT.exec(readFileSync(loose, 'utf8').trim())?.[0];
    const packed = join(commonDir, 'packed-refs');
    if (!existsSync(packed)) return undefined;
    const line = readFileSync(packed, 'utf8').split('\n').find((entry) => entry.endsWith(` ${ref}`));
    const commit = line?.slice(0, 40);
    return commit !== undefined && COMMIT.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

const COMMIT = /^[0-9a-f]{40}$/;

export const packageVersion = readPackageVersion();

let gitCommit: string | null | undefined;

export function buildInfo(buildCommit: string | undefined): BuildInfo {
  if (buildCommit !== undefined) return { version: packageVersion, commit: buildCommit };
  // Read once per process.
  if (gitCommit === undefined) gitCommit = readGitCommit() ?? null;
  return { version: packageVersion, commit: gitCommit ?? 'unknown' };
}
