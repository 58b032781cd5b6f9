// `npm run proxy` as a process: config errors are one line and exit 1; SIGTERM exits 0.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGenesys, type FakeGenesys } from './support/fake-genesys.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

function runMain(env: Record<string, string>) {
  const child = spawn(tsx, ['src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

let genesys: FakeGenesys | undefined;
afterEach(async () => {
  await genesys?.close();
  genesys = undefined;
});

describe('src/main.ts', () => {
  it('prints a configuration error as one line naming the variable and exits 1', async () => {
    const run = runMain({ GENESYS_CLIENT_ID: 'id', PROXY_API_KEYS: 'k' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toBe('proxy: configuration error: GENESYS_CLIENT_SECRET is required\n');
  });

  it('serves, then exits 0 on SIGTERM', async () => {
    genesys = await startFakeGenesys({});
    const run = runMain({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'k', GENESYS_API_URL: genesys.url, HOST: '127.0.0.1', PORT: '0' });
    await expect.poll(() => run.output().stdout, { timeout: 15_000 }).toContain('Server listening');
    const url = /"msg":"Server listening at ([^"]+)"/.exec(run.output().stdout)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});
