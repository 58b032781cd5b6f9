// `npm start`'s and `npm run mock`'s bundles (start.js and mock.js, harness/bundle.ts, from the
// launcher's build), each run as its own process as the commands run them: they answer, serve the
// console, take the shipped scenarios from the bundle and still parse and refuse a changed file at
// start; the scenario parser's worker thread runs from its own bundle.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileServers, type CompiledBuild } from '../../bench/build.js';
import { defaultScenariosDir } from '../../mock-genesys/config.js';
import { parseScenario } from '../../mock-genesys/scenarios/parse.js';
import { scenarioDigest } from '../../mock-genesys/scenarios/precompiled.js';

let build: CompiledBuild;
const running: ChildProcess[] = [];

beforeAll(async () => {
  build = await compileServers({ harness: true });
}, 120_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await build?.remove();
});

interface Started {
  child: ChildProcess;
  match: RegExpExecArray;
  exited: Promise<number | null>;
}

/** Runs a bundle of the build; resolves once its output matches `ready`, rejects if it exits first. */
function startBundle(bundle: string, env: Record<string, string>, ready: RegExp): Promise<Started> {
  const child = spawn(process.execPath, [path.join(build.dir, bundle)], { env: { PATH: process.env.PATH ?? '', ...env } });
  running.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match !== null) resolve({ child, match, exited });
    };
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    void exited.then((code) => reject(new Error(`${bundle} exited with ${code}: ${output}`)));
  });
}

/** What a bundle that refuses to start says, and its exit code. */
async function failedStart(bundle: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(build.dir, bundle)], { env: { PATH: process.env.PATH ?? '', ...env } });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output };
}

describe('start.js (npm start): the mock and the proxy in one process', () => {
  let started: Started;
  let proxyUrl: string;
  let mockUrl: string;

  beforeAll(async () => {
    started = await startBundle('start.js', { PORT: '0', MOCK_PORT: '0' }, /proxy\s+(http:\/\/\S+)\/api\/query[\s\S]*\n\s+mock\s+(http:\/\/\S+)\s[\s\S]*Ctrl-C/);
    [, proxyUrl = '', mockUrl = ''] = started.match;
  }, 30_000);

  it('answers its liveness probe, and a flow request with the envelope of the scenario asked for', async () => {
    expect((await fetch(`${proxyUrl}/healthz`)).status).toBe(200);
    const response = await fetch(`${proxyUrl}/api/query`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-key', 'content-type': 'application/json', 'x-mock-scenario': 'forbidden' },
      body: JSON.stringify({ page_size: 5, max_pages: 1 }),
    });
    expect(await response.json()).toMatchObject({ success: false, action: 'log_permission_error', status_code: 403, genesys_code: 'missing.permissions' });
  });

  it("serves the console's page and scripts", async () => {
    const page = await fetch(`${mockUrl}/console/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<label for="scenario">Scenario</label>');
    expect((await fetch(`${mockUrl}/console/console.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${mockUrl}/console/nothing.js`)).status).toBe(404);
  });

  it('stops on SIGTERM, exit code 0', async () => {
    started.child.kill('SIGTERM');
    expect(await started.exited).toBe(0);
  });
});

describe('mock.js (npm run mock)', () => {
  let folder = '';
  afterAll(() => (folder ? rm(folder, { recursive: true, force: true }) : undefined));

  it('starts on the shipped scenarios and issues tokens', async () => {
    const { child, match, exited } = await startBundle('mock.js', { MOCK_PORT: '0', LOG_LEVEL: 'warn' }, /mock Genesys listening on (http:\/\/\S+) \(scenario happy-path\)\n/);
    const url = match[1]!;
    const token = await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('mock-client-id:mock-client-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(token.status).toBe(200);
    const listed = (await (await fetch(`${url}/__admin/scenarios`)).json()) as { scenarios: Array<{ name: string; valid: boolean }> };
    const shipped = (await readdir(defaultScenariosDir)).filter((name) => name.endsWith('.yaml'));
    expect(listed.scenarios.filter((scenario) => scenario.valid)).toHaveLength(shipped.length);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('parses a file the bundle does not hold at start, and refuses it with file:line:col', async () => {
    folder = await mkdtemp(path.join(os.tmpdir(), 'bundle-scenarios-'));
    await copyFile(path.join(defaultScenariosDir, 'happy-path.yaml'), path.join(folder, 'happy-path.yaml'));
    const edited = (await readFile(path.join(defaultScenariosDir, 'forbidden.yaml'), 'utf8')).replace('{ fault: status, status: 403,', '{ fault: status, stauts: 403,');
    await writeFile(path.join(folder, 'forbidden.yaml'), edited);
    const { code, output } = await failedStart('mock.js', { MOCK_PORT: '0', SCENARIOS_DIR: folder });
    expect(code).toBe(1);
    expect(output).toMatch(/forbidden\.yaml:6:\d+: unknown key "stauts"/);
  });
});

describe('the bundles that start the mock', () => {
  it('hold every shipped scenario parsed, by the digest of its file', async () => {
    const chunks = path.join(build.dir, 'chunks');
    const code = (await Promise.all((await readdir(chunks)).filter((file) => file.endsWith('.js')).map((file) => readFile(path.join(chunks, file), 'utf8')))).join('\n');
    for (const name of (await readdir(defaultScenariosDir)).filter((file) => file.endsWith('.yaml'))) {
      expect(code, name).toContain(scenarioDigest(name, await readFile(path.join(defaultScenariosDir, name), 'utf8')));
    }
  });

  it("run the scenario parser's worker thread from its own bundle", async () => {
    const file = path.join(defaultScenariosDir, 'forbidden.yaml');
    const text = await readFile(file, 'utf8');
    const worker = new Worker(path.join(build.dir, 'scenario-parse-worker.js'));
    try {
      const answer = new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
      worker.postMessage({ id: 7, text, file, limits: { maxBytes: 1_048_576, maxRules: 1_000 } });
      expect(await answer).toEqual({ id: 7, scenario: parseScenario(text, file) });
    } finally {
      await worker.terminate();
    }
  });
});
