// The build's identity for GET /version and the start-up line: the package version, and the
// commit from BUILD_COMMIT (set by `docker build --build-arg BUILD_COMMIT=…`), else from git
// when running from a checkout, else unknown.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

function readGitCommit(): string | undefined {
  try {
    const cwd = dirname(fileURLToPath(import.meta.url));
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
    return /^[0-9a-f]{40}$/.test(commit) ? commit : undefined;
  } catch {
    return undefined;
  }
}

export const packageVersion = readPackageVersion();

let gitCommit: string | null | undefined;

export function buildInfo(buildCommit: string | undefined): BuildInfo {
  if (buildCommit !== undefined) return { version: packageVersion, commit: buildCommit };
  // Read once per process: git is spawned at most once.
  if (gitCommit === undefined) gitCommit = readGitCommit() ?? null;
  return { version: packageVersion, commit: gitCommit ?? 'unknown' };
}
