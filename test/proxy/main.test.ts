// `npm run proxy` as a process: config errors are one line and exit 1; SIGTERM exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oauthError, startFakeGenesys, type FakeGenesys } from './support/fake-genesys.js';

const root = path.resolve(import.meta.dirname, '..', '..');

/** Every child started, so a failed test cannot leave a proxy running. */
const children = new Set<ChildProcess>();

function runMain(env: Record<string, string>) {
  // One process, node with tsx's loader (tsx's CLI would relay SIGTERM, and SIGKILL on a slow acknowledgement).
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  children.add(child);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (children.delete(child), resolve(code))));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

let genesys: FakeGenesys | undefined;
afterEach(async () => {
  // SIGTERM, not SIGKILL: the proxy exits on its own.
  for (const child of children) child.kill('SIGTERM');
  children.clear();
  await genesys?.close();
  genesys = undefined;
});

// Each test starts node with tsx's loader: slow on a loaded 2-core machine.
describe('src/main.ts', { timeout: 60_000 }, () => {
  it('prints a configuration error as one line naming the variable and exits 1', async () => {
    const run = runMain({ GENESYS_CLIENT_ID: 'id', PROXY_API_KEYS: 'k' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toBe('proxy: configuration error: GENESYS_CLIENT_SECRET is required\n');
  });

  it('serves, then exits 0 on SIGTERM', async () => {
    genesys = await startFakeGenesys({});
    const run = runMain({ GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'k', GENESYS_API_URL: genesys.url, HOST: '127.0.0.1', PORT: '0' });
    await expect.poll(() => run.output().stdout, { timeout: 40_000 }).toContain('Server listening');
    const url = /"msg":"Server listening at ([^"]+)"/.exec(run.output().stdout)![1]!;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('GENESYS_CHECK_ON_START=require: refused credentials are one line on stderr and exit 1, after one login', async () => {
    genesys = await startFakeGenesys({ token: [oauthError(401, 'invalid_client')] });
    const run = runMain({ ...baseEnv(genesys.url), GENESYS_CHECK_ON_START: 'require' });
    expect(await run.exited).toBe(1);
    expect(run.output().stderr).toBe('proxy: configuration error: GENESYS_CHECK_ON_START=require and the check failed: token endpoint answered 401\n');
    expect(genesys.tokenCalls()).toHaveLength(1);
  });

  it('GENESYS_CHECK_ON_START=true: a refused login is a warning, and the proxy serves', async () => {
    genesys = await startFakeGenesys({ token: [oauthError(401, 'invalid_client')] });
    const run = runMain({ ...baseEnv(genesys.url), GENESYS_CHECK_ON_START: 'true' });
    await expect.poll(() => run.output().stdout, { timeout: 40_000 }).toContain('Server listening');
    const warning = run.output().stdout.split('\n').find((line) => line.includes('Genesys check on start failed'));
    expect(JSON.parse(warning!)).toMatchObject({ level: 40, failure: 'token endpoint answered 401' });
    const url = /"msg":"Server listening at ([^"]+)"/.exec(run.output().stdout)![1]!;
    expect(await (await fetch(`${url}/health/upstream`)).json()).toMatchObject({ status: 'unhealthy', token: { state: 'failing', last_result: '401' } });
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});

function baseEnv(genesysUrl: string): Record<string, string> {
  return { GENESYS_CLIENT_ID: 'id', GENESYS_CLIENT_SECRET: 'secret', PROXY_API_KEYS: 'k', GENESYS_API_URL: genesysUrl, HOST: '127.0.0.1', PORT: '0' };
}
