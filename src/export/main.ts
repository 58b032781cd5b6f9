// Entry of `npm run export`: the shipped catalog (plus ACTIONS_DIR, as the proxy loads it) into the CLI.
import * as catalog from '../actions/catalog.js';
import type { ActionDefinition } from '../actions/catalog.js';
import { runExportCli } from './cli.js';

async function loadActions(): Promise<readonly ActionDefinition[]> {
  // PRE-MERGE SEAM: core's src/actions/catalog.ts exports these; until it is merged they are absent.
  const module = catalog as Record<string, unknown>;
  const load = module.loadActionCatalog as ((dirs: readonly string[]) => Promise<ActionDefinition[]>) | undefined;
  const defaultDir = module.defaultActionsDir as string | undefined;
  if (typeof load !== 'function' || typeof defaultDir !== 'string') throw new Error('this build has no action catalog loader (src/actions/catalog.ts)');
  const extra = process.env.ACTIONS_DIR;
  return load(extra !== undefined && extra !== '' ? [defaultDir, extra] : [defaultDir]);
}

process.exitCode = await runExportCli(process.argv.slice(2), {
  loadActions,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
