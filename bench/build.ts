// The servers are measured as they ship: compiled with tsconfig.build.json and the proxy bundled
// (as the Dockerfile's `npm run build` does) into a temporary folder, with the files they read at
// run time linked beside them. The tests also build `npm start`'s bundles this way.
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleEntries, PROXY_BUNDLE } from '../harness/bundle.js';
import { BUNDLED_ENTRIES, linkRuntimeFiles } from '../harness/launch.js';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..');

export interface CompiledBuild {
  dir: string;
  proxyMain: string;
  mockMain: string;
  remove: () => Promise<void>;
}

/**
 * The image's build by default. With `harness`, the build behind `npm start` and `npm run mock`
 * instead (harness/ compiled too, so start.js and mock.js are bundled beside proxy.js).
 */
export async function compileServers(options: { harness?: boolean } = {}): Promise<CompiledBuild> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'proxy-bench-build-'));
  const config = options.harness ? 'tsconfig.start.json' : 'tsconfig.build.json';
  try {
    // The same JavaScript as the Dockerfile's `npm run build`; type checking is `npm test`'s job.
    await promisify(execFile)(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', config, '--outDir', dir, '--noCheck'], { cwd: REPO_ROOT });
    await copyFile(path.join(REPO_ROOT, 'package.json'), path.join(dir, 'package.json'));
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
    linkRuntimeFiles(dir);
    await bundleEntries(dir);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    proxyMain: path.join(dir, PROXY_BUNDLE),
    mockMain: path.join(dir, BUNDLED_ENTRIES['mock-genesys/main']!),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
