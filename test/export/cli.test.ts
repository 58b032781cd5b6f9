// npm run export on a fixture catalog into a temporary folder: what it writes, and its
// messages and exit codes for mistakes.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runExportCli } from '../../src/export/cli.js';
import { allFixtureActions } from './fixtures/actions.js';

describe('npm run export', () => {
  let dir: string;
  let out: string[];
  let err: string[];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'export-cli-'));
    out = [];
    err = [];
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const run = (...argv: string[]) =>
    runExportCli(argv, { loadActions: async () => allFixtureActions, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir });

  it('prints one action for one target', async () => {
    expect(await run('--action', 'queue-estimated-wait-time', '--target', 'architect', '--proxy-url', 'https://p.example.com')).toBe(0);
    const exported = JSON.parse(out.join(''));
    expect(exported.config.request.requestUrlTemplate).toBe('https://p.example.com/api/actions/queue-estimated-wait-time');
  });

  it('writes one action to --out', async () => {
    expect(await run('--action', 'data-table-row', '--target', 'cxone', '--out', 'snippets/row.txt')).toBe(0);
    expect(await readFile(path.join(dir, 'snippets/row.txt'), 'utf8')).toContain('GetRESTProxy()');
  });

  it('exports every action of a target into a folder; Terraform as one file that parses', async () => {
    expect(await run('--target', 'terraform', '--out', 'tf')).toBe(0);
    expect(await readdir(path.join(dir, 'tf'))).toEqual(['retry-proxy-actions.tf']);
    const parsed = (await parseHcl('a.tf', await readFile(path.join(dir, 'tf/retry-proxy-actions.tf'), 'utf8'))) as { resource: { genesyscloud_integration_action: Record<string, unknown> } };
    expect(Object.keys(parsed.resource.genesyscloud_integration_action)).toHaveLength(allFixtureActions.length);
  });

  it('exports everything without --action and --target', async () => {
    expect(await run()).toBe(0);
    const root = path.join(dir, 'flow-exports');
    expect((await readdir(root)).sort()).toEqual(['architect', 'cxone', 'terraform', 'twilio']);
    expect((await readdir(path.join(root, 'twilio'))).sort()).toEqual(allFixtureActions.map((a) => `${a.name}.twilio-flow.json`).sort());
    expect(err.join('')).toMatch(/wrote 10 files for 3 actions under flow-exports\//);
  });

  it('says what is wrong, with exit code 2', async () => {
    expect(await run('--action', 'nope', '--target', 'twilio')).toBe(2);
    expect(err.join('')).toMatch(/no action "nope"; known actions: conversation-details/);
    err = [];
    expect(await run('--action', 'data-table-row')).toBe(2);
    expect(err.join('')).toMatch(/--action needs --target/);
    err = [];
    expect(await run('--target', 'twilio', '--deadline-ms', '12000')).toBe(2);
    expect(err.join('')).toMatch(/deadline 12000 ms is out of range/);
    err = [];
    expect(await run('--colour')).toBe(2);
    expect(err.join('')).toMatch(/Unknown option '--colour'/);
  });
});
