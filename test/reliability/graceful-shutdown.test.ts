// Graceful shutdown of the real process: `node --import tsx src/main.ts` against a mock started here, 100
// requests in flight on slow-response (1.5 s upstream), then SIGTERM. Every request gets its
// envelope and the process exits 0.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { SCENARIO_HEADER, SESSION_HEADER } from '../../mock-genesys/session.js';
import { startMock, type RunningMock } from '../support/mock.js';
import { answerProblem } from './envelope-check.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const API_KEY = 'shutdown-test-key';
const IN_FLIGHT = 100;

let mock: RunningMock | undefined;
let proxy: ChildProcess | undefined;
let agent: Agent | undefined;

afterEach(async () => {
  if (proxy !== undefined && proxy.exitCode === null && proxy.signalCode === null) proxy.kill('SIGKILL');
  proxy = undefined;
  await agent?.close();
  agent = undefined;
  await mock?.close();
  mock = undefined;
});

function openConnections(server: RunningMock['app']['server']): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

describe('the proxy process on SIGTERM', () => {
  it(`answers all ${IN_FLIGHT} requests in flight with an envelope, then exits 0`, async () => {
    mock = await startMock();
    // One process, node with tsx's loader: tsx's own CLI relays a signal to the node it runs and
    // SIGKILLs it when that does not acknowledge within 30 ms, which a loaded machine misses
    // (then no request in flight got its answer).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        HOST: '127.0.0.1',
        PORT: '0',
        GENESYS_CLIENT_ID: mock.config.clientId,
        GENESYS_CLIENT_SECRET: mock.config.clientSecret,
        GENESYS_API_URL: mock.url,
        PROXY_API_KEYS: API_KEY,
        FORWARD_HEADERS: `${SCENARIO_HEADER},${SESSION_HEADER}`,
      },
    });
    proxy = child;
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

    await expect.poll(() => stdout, { timeout: 15_000 }).toContain('Server listening');
    const url = /"msg":"Server listening at ([^"]+)"/.exec(stdout)![1]!;

    agent = new Agent({ connections: IN_FLIGHT });
    const answers = Array.from({ length: IN_FLIGHT }, async () => {
      const response = await request(`${url}/api/query`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, [SCENARIO_HEADER]: 'slow-response', [SESSION_HEADER]: 'shutdown' },
        body: JSON.stringify({ page_size: 5, max_pages: 1 }),
      });
      return { status: response.statusCode, text: await response.body.text() };
    });

    // Every request is waiting on the mock's 1.5 s delay (one socket each) before the signal.
    await expect.poll(() => openConnections(mock!.app.server), { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(IN_FLIGHT);
    child.kill('SIGTERM');

    const settled = await Promise.all(answers);
    for (const { status, text } of settled) {
      expect(answerProblem(status, text)).toBeUndefined();
      expect(JSON.parse(text)).toMatchObject({ success: true, action: 'process_data' });
    }
    expect(await exited, `the proxy's stderr: ${stderr}`).toBe(0);
    expect(stdout).toContain('shutting down');
  });
});
