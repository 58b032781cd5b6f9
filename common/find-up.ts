// Files the services read at run time (scenarios, the console's page, the scenario parser's
// worker) are found by walking up from the module that reads them: the same code then works from
// the sources, from tsc's modules in dist/ and from a bundle in dist/ or its chunks/ folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest `<folder>/<relative>` that exists, from the folder of `moduleUrl` up to `levels` folders above it; undefined when none. */
export function findUp(moduleUrl: string, relative: string, levels = 4): string | undefined {
  let dir = path.dirname(fileURLToPath(moduleUrl));
  for (let depth = 0; depth <= levels; depth++) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
}
