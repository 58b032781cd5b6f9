// How the bench starts each server under test: the mock, the proxy wired to it, and WireMock
// standalone (npm `wiremock`, a Java jar) for comparison.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import type { CompiledBuild } from './build.js';
import { REPO_ROOT } from './build.js';
import { freePort, startService, type ServiceProcess } from './processes.js';

export const BENCH_API_KEY = 'bench-key';
export const MOCK_CLIENT_ID = 'bench-client-id';
export const MOCK_CLIENT_SECRET = 'bench-client-secret';
export const DETAILS_QUERY_PATH = '/api/v2/analytics/conversations/details/query';

export type Service = ServiceProcess & { readyAfterMs: number; cpuAtReadyMs: number };

/** The flow request every throughput figure uses: one page of 10 conversations. */
export const FLOW_REQUEST = { page_size: 10, max_pages: 1 };

/** Ready when the proxy answers its liveness probe: its first answer. */
async function answersHealthz(url: string): Promise<boolean> {
  const response = await request(`${url}/healthz`);
  await response.body.dump();
  return response.statusCode === 200;
}

/** Whether the proxy answers a flow request with a success envelope. */
export async function answersFlowRequest(url: string): Promise<boolean> {
  const response = await request(`${url}/api/query`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_API_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(FLOW_REQUEST) });
  const body = (await response.body.json()) as { action?: string };
  return response.statusCode === 200 && body.action === 'process_data';
}

const baseEnv = (): Record<string, string> => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', NODE_ENV: 'production' });

/** The allocator settings the image's Dockerfile sets (ENV), so the services run here as they do there. */
export const IMAGE_MALLOC_ENV: Readonly<Record<string, string>> = { MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

export async function tokenFrom(mockUrl: string): Promise<string> {
  const response = await request(`${mockUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${MOCK_CLIENT_ID}:${MOCK_CLIENT_SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  const body = (await response.body.json()) as { access_token?: string };
  if (response.statusCode !== 200 || body.access_token === undefined) throw new Error(`mock token endpoint answered ${response.statusCode}`);
  return body.access_token;
}

/** The mock on a port chosen here, so its start can be timed from spawn to its first token answer. */
export async function startMock(build: CompiledBuild, env: Record<string, string> = {}): Promise<Service> {
  const port = await freePort();
  return startService({
    name: 'mock',
    command: process.execPath,
    args: [build.mockMain],
    env: {
      ...baseEnv(),
      ...IMAGE_MALLOC_ENV,
      MOCK_HOST: '127.0.0.1',
      MOCK_PORT: String(port),
      MOCK_CLIENT_ID,
      MOCK_CLIENT_SECRET,
      // The proxy's load would otherwise be throttled by Genesys' 300 requests per minute.
      MOCK_RATE_LIMIT_PER_MIN: '0',
      SCENARIOS_DIR: path.join(REPO_ROOT, 'scenarios'),
      ...env,
    },
    url: `http://127.0.0.1:${port}`,
    probe: async (url) => (await tokenFrom(url), true),
  });
}

export async function startProxy(build: CompiledBuild, mockUrl: string, env: Record<string, string> = {}): Promise<Service> {
  return startService({
    name: 'proxy',
    command: process.execPath,
    args: [build.proxyMain],
    env: {
      ...baseEnv(),
      ...IMAGE_MALLOC_ENV,
      HOST: '127.0.0.1',
      PORT: '0',
      GENESYS_CLIENT_ID: MOCK_CLIENT_ID,
      GENESYS_CLIENT_SECRET: MOCK_CLIENT_SECRET,
      GENESYS_API_URL: mockUrl,
      PROXY_API_KEYS: BENCH_API_KEY,
      FORWARD_HEADERS: 'x-mock-scenario,x-mock-session',
      // Thousands of requests a second in one context: measured is the proxy, not Genesys'
      // 300-per-minute pacing (the mock's own limit is off too).
      GENESYS_RATE_LIMIT_PER_MIN: '0',
      ...env,
    },
    urlFromOutput: (output) => /"msg":"Server listening at (http:\/\/[^"]+)"/.exec(output)?.[1],
  });
}

/** The built proxy on a port chosen here, timed from spawn to its first answer (the mock must be running for envelopes). */
export async function startProxyForFirstAnswer(build: CompiledBuild, mockUrl: string): Promise<Service> {
  const port = await freePort();
  return startService({
    name: 'built proxy',
    command: process.execPath,
    args: [build.proxyMain],
    env: { ...baseEnv(), ...IMAGE_MALLOC_ENV, HOST: '127.0.0.1', PORT: String(port), GENESYS_CLIENT_ID: MOCK_CLIENT_ID, GENESYS_CLIENT_SECRET: MOCK_CLIENT_SECRET, GENESYS_API_URL: mockUrl, PROXY_API_KEYS: BENCH_API_KEY },
    url: `http://127.0.0.1:${port}`,
    probe: answersHealthz,
  });
}

/** `npm start` exactly as typed in the repository (compiled output in dist/), timed from spawn to its proxy's first answer. */
export async function startNpmStart(): Promise<Service> {
  const [port, mockPort] = [await freePort(), await freePort()];
  return startService({
    name: 'npm start',
    command: 'npm',
    args: ['start', '--silent'],
    cwd: REPO_ROOT,
    env: { ...baseEnv(), PORT: String(port), MOCK_PORT: String(mockPort), PROXY_API_KEYS: BENCH_API_KEY },
    url: `http://127.0.0.1:${port}`,
    probe: answersHealthz,
    // The first run after a change compiles dist/ first.
    startTimeoutMs: 180_000,
  });
}

/**
 * A bare Fastify→undici pass-through (bench/pass-through.ts, run by Node's type stripping): the
 * peer the proxy is measured against; with `parsePage`, the same checking each page with JSON.parse.
 */
export async function startPassThrough(mockUrl: string, options: { parsePage?: boolean } = {}): Promise<Service> {
  return startService({
    name: options.parsePage ? 'parsing pass-through' : 'pass-through',
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'bench', 'pass-through.ts')],
    env: { ...baseEnv(), UPSTREAM_URL: mockUrl, UPSTREAM_TOKEN: await tokenFrom(mockUrl), PARSE_PAGE: options.parsePage ? 'on' : 'off' },
    urlFromOutput: (output) => /^listening on (http:\/\/\S+)$/m.exec(output)?.[1],
  });
}

export function wiremockJar(): string | undefined {
  const dir = path.join(REPO_ROOT, 'node_modules', 'wiremock', 'build');
  if (!existsSync(dir)) return undefined;
  const jar = readdirSync(dir).find((name) => /^wiremock-standalone-.*\.jar$/.test(name));
  return jar === undefined ? undefined : path.join(dir, jar);
}

/** Why WireMock cannot run here, or undefined when it can. */
export async function wiremockUnavailable(): Promise<string | undefined> {
  if (wiremockJar() === undefined) return 'npm package wiremock is not installed';
  try {
    await promisify(execFile)('java', ['-version']);
    return undefined;
  } catch {
    return 'java is not installed (WireMock standalone needs Java 11+)';
  }
}

/**
 * WireMock standalone with its defaults (request journal on), timed from spawn to first answer.
 * Its root dir (where it would create `__files/` and `mappings/`) is a temporary folder, removed on stop.
 */
export async function startWireMock(): Promise<Service> {
  const port = await freePort();
  const rootDir = await mkdtemp(path.join(os.tmpdir(), 'bench-wiremock-'));
  const service = await startService({
    name: 'wiremock',
    command: 'java',
    args: ['-jar', wiremockJar()!, '--port', String(port), '--bind-address', '127.0.0.1', '--root-dir', rootDir, '--disable-banner'],
    env: baseEnv(),
    url: `http://127.0.0.1:${port}`,
    probe: async (url) => {
      const response = await request(`${url}/__admin/mappings`);
      await response.body.dump();
      return response.statusCode === 200;
    },
    startTimeoutMs: 60_000,
  }).catch(async (error: unknown) => {
    await rm(rootDir, { recursive: true, force: true });
    throw error;
  });
  return {
    ...service,
    stop: async () => {
      await service.stop();
      await rm(rootDir, { recursive: true, force: true });
    },
  };
}
