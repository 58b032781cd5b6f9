// The servers are measured as they ship: compiled with tsconfig.build.json (as the Dockerfile
// does) into a temporary folder, with the files they read at run time linked beside them.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink, copyFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export interface CompiledBuild {
  dir: string;
  proxyMain: string;
  mockMain: string;
  remove: () => Promise<void>;
}

export async function compileServers(): Promise<CompiledBuild> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'proxy-bench-build-'));
  try {
    await promisify(execFile)(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', dir], { cwd: REPO_ROOT });
    await copyFile(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    await symlink(path.join(REPO_ROOT, 'scenarios'), path.join(dir, 'scenarios'));
    await symlink(path.join(REPO_ROOT, 'actions'), path.join(dir, 'actions'));
    await symlink(path.join(REPO_ROOT, 'mock-genesys', 'console', 'public'), path.join(dir, 'mock-genesys', 'console', 'public'));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    proxyMain: path.join(dir, 'src', 'main.js'),
    mockMain: path.join(dir, 'mock-genesys', 'main.js'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
