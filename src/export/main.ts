// Entry of `npm run export`: the shipped catalog (plus ACTIONS_DIR, as the proxy loads it) into the CLI.
import { defaultActionsDir, loadActionCatalog } from '../actions/catalog.js';
import { runExportCli } from './cli.js';

const extraDir = process.env.ACTIONS_DIR;
process.exitCode = await runExportCli(process.argv.slice(2), {
  loadActions: () => loadActionCatalog(extraDir !== undefined && extraDir !== '' ? [defaultActionsDir, extraDir] : [defaultActionsDir]),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});
