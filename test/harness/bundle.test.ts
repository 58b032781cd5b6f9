// The proxy as it ships: tsc output bundled into proxy.js (harness/bundle.ts, as `npm run build`
// and the image make it), run as its own process against the real mock: it answers a flow
// request through the Genesys SDK's login, a flow action, a caller mistake and its OpenAPI
// document, and it carries the shipped catalog validated at build time. The image's mock, bundled
// the same way (mock-genesys.js), issues tokens, serves data, injects a scenario's fault.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileServers, type CompiledBuild } from '../../bench/build.js';
import { DETAILS_QUERY_PATH, startMock as startImageMock, tokenFrom } from '../../bench/services.js';
import { defaultActionsDir } from '../../src/actions/catalog.js';
import { startMock, type RunningMock } from '../support/mock.js';

let build: CompiledBuild;
let mock: RunningMock;
let proxy: ChildProcess;
let url: string;

beforeAll(async () => {
  [build, mock] = await Promise.all([compileServers(), startMock()]);
  proxy = spawn(process.execPath, [build.proxyMain], {
    env: {
      PATH: process.env.PATH ?? '',
      GENESYS_CLIENT_ID: mock.config.clientId,
      GENESYS_CLIENT_SECRET: mock.config.clientSecret,
      GENESYS_API_URL: mock.url,
      GENESYS_LOGIN_URL: mock.url,
      GENESYS_ALLOW_INSECURE_HTTP: 'true',
      PROXY_API_KEYS: 'k',
      HOST: '127.0.0.1',
      PORT: '0',
    },
  });
  url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    proxy.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const listening = /"msg":"Server listening at ([^"]+)"/.exec(stdout);
      if (listening !== null) resolve(listening[1]!);
    });
    proxy.on('exit', (code) => reject(new Error(`proxy.js exited with ${code}: ${stdout}`)));
  });
}, 120_000);

afterAll(async () => {
  proxy?.kill('SIGTERM');
  await Promise.all([mock?.close(), build?.remove()]);
});

const post = async (route: string, body: unknown) =>
  (await fetch(`${url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;

describe('proxy.js, the bundled proxy', () => {
  it('answers a flow request with data, after logging in through the SDK', async () => {
    expect(await post('/api/query', { page_size: 2, max_pages: 1 })).toMatchObject({ success: true, action: 'process_data', record_count: 2 });
  });

  it('serves the flow actions and validates bodies with their schemas', async () => {
    const actions = (await (await fetch(`${url}/api/actions`, { headers: { 'x-api-key': 'k' } })).json()) as { actions: Array<{ name: string }> };
    expect(actions.actions.map((action) => action.name)).toContain('queue-estimated-wait-time');
    expect(await post('/api/actions/queue-estimated-wait-time', {})).toMatchObject({ success: false, status_code: 400, error_code: 'invalid_request' });
    expect(await post('/api/query', { page_size: 'ten' })).toMatchObject({ status_code: 400, message: 'page_size must be of type integer' });
  });

  it('carries every shipped action validated at build time', async () => {
    const chunks = path.join(path.dirname(build.proxyMain), 'chunks');
    const files = [build.proxyMain, ...(await readdir(chunks)).filter((file) => file.endsWith('.js')).map((file) => path.join(chunks, file))];
    const bundle = (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join('\n');
    for (const name of (await readdir(defaultActionsDir)).filter((file) => file.endsWith('.yaml'))) {
      const action = (await readFile(path.join(defaultActionsDir, name), 'utf8')).match(/^name: (\S+)/m)![1]!;
      expect(bundle).toContain(`name: "${action}"`);
    }
    expect((await (await fetch(`${url}/openapi.json`)).json()) as { paths: object }).toHaveProperty(['paths', '/api/query']);
  });
});

describe('mock-genesys.js, the bundled mock of the image', () => {
  it('issues tokens, answers the details query, injects a scenario fault and serves the console', async () => {
    const image = await startImageMock(build);
    try {
      const token = await tokenFrom(image.url);
      const query = (headers: Record<string, string> = {}) =>
        fetch(`${image.url}${DETAILS_QUERY_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ interval: `${new Date(Date.now() - 86_400_000).toISOString()}/${new Date().toISOString()}`, paging: { pageSize: 3, pageNumber: 1 } }),
        });
      const answered = await query();
      expect(answered.status).toBe(200);
      expect(((await answered.json()) as { conversations: unknown[] }).conversations).toHaveLength(3);
      expect((await query({ 'x-mock-scenario': 'forbidden', 'x-mock-session': 'bundle-test' })).status).toBe(403);
      expect((await fetch(`${image.url}/console`)).status).toBe(200);
    } finally {
      await image.stop();
    }
  });
});
