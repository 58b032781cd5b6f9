// `npm run export`: parses the command line and writes exports. The catalog loader and the
// file system are passed in, so tests run it on a fixture catalog and a temporary folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { exportAction, exportAll, exportFileName, type ExportedFile } from './export.js';
import { EXPORT_TARGETS, ExportOptionsError, resolveOptions, type ExportOptions, type ExportTarget, type ExportableAction } from './flow-contract.js';
import { terraformFile } from './terraform.js';

export const USAGE = `Usage: npm run export -- [--action NAME] [--target ${EXPORT_TARGETS.join('|')}] [--out FILE|DIR]
                         [--proxy-url URL] [--key-header x-api-key|authorization] [--deadline-ms N]

  --action NAME     one action of the catalog; without it, every action into a folder
  --target T        the flow tool; required with --action, all four without it
  --out PATH        with --action: the file to write (default: standard output);
                    without: the folder (default: flow-exports/)
  --proxy-url URL   the proxy's base URL as flows reach it (default https://proxy.example.com)
  --key-header H    header carrying the caller key (default x-api-key)
  --deadline-ms N   deadline_ms in every body (default 8000; Twilio at most 9000)`;

export const DEFAULT_OUT_DIR = 'flow-exports';

/** A path as the user wants to read it: relative when under the working folder. */
function shown(cwd: string, target: string): string {
  const relative = path.relative(cwd, target);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? target : relative;
}

export interface CliIo {
  loadActions: () => Promise<readonly ExportableAction[]>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
}

interface ParsedArgs {
  action?: string;
  target?: ExportTarget;
  out?: string;
  options: Partial<ExportOptions>;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): ParsedArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        action: { type: 'string' },
        target: { type: 'string' },
        out: { type: 'string' },
        'proxy-url': { type: 'string' },
        'key-header': { type: 'string' },
        'deadline-ms': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  const target = values.target;
  if (target !== undefined && !(EXPORT_TARGETS as readonly string[]).includes(target)) throw new UsageError(`--target ${target} is not one of ${EXPORT_TARGETS.join(', ')}`);
  if (values.action !== undefined && target === undefined) throw new UsageError('--action needs --target (one file per action and target)');
  const options: Partial<ExportOptions> = {};
  if (values['proxy-url'] !== undefined) options.proxyUrl = values['proxy-url'];
  if (values['key-header'] !== undefined) options.keyHeader = values['key-header'];
  if (values['deadline-ms'] !== undefined) {
    if (!/^\d+$/.test(values['deadline-ms'])) throw new UsageError(`--deadline-ms ${values['deadline-ms']} is not a whole number of milliseconds`);
    options.deadlineMs = Number(values['deadline-ms']);
  }
  return {
    ...(values.action !== undefined ? { action: values.action } : {}),
    ...(target !== undefined ? { target: target as ExportTarget } : {}),
    ...(values.out !== undefined ? { out: values.out } : {}),
    options,
  };
}

function filesFor(actions: readonly ExportableAction[], target: ExportTarget | undefined, options: Partial<ExportOptions>): ExportedFile[] {
  if (target === undefined) return exportAll(actions, options);
  if (target === 'terraform') return [{ fileName: 'retry-proxy-actions.tf', contentType: 'text/plain', text: terraformFile(actions, resolveOptions('terraform', options)) }];
  return actions.map((action) => ({ ...exportAction(action, target, options), fileName: exportFileName(action.name, target) }));
}

/** Runs the CLI; returns the exit code (0 done, 1 failed, 2 usage error). */
export async function runExportCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs | 'help';
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  try {
    const actions = await io.loadActions();
    if (args.action !== undefined) {
      const action = actions.find((candidate) => candidate.name === args.action);
      if (action === undefined) {
        io.stderr(`no action ${JSON.stringify(args.action)}; known actions: ${actions.map((a) => a.name).join(', ') || 'none'}\n`);
        return 2;
      }
      const file = exportAction(action, args.target!, args.options);
      if (args.out === undefined) io.stdout(file.text);
      else {
        const target = path.resolve(io.cwd, args.out);
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, file.text);
        io.stderr(`wrote ${shown(io.cwd, target)}\n`);
      }
      return 0;
    }
    const files = filesFor(actions, args.target, args.options);
    const dir = path.resolve(io.cwd, args.out ?? DEFAULT_OUT_DIR);
    for (const file of files) {
      const target = path.join(dir, file.fileName);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.text);
    }
    io.stderr(`wrote ${files.length} files for ${actions.length} actions under ${shown(io.cwd, dir)}/\n`);
    return 0;
  } catch (error) {
    if (error instanceof ExportOptionsError) {
      io.stderr(`${error.message}\n`);
      return 2;
    }
    io.stderr(`export failed: ${(error as Error).message}\n`);
    return 1;
  }
}
