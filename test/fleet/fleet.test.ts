// Three real proxy processes sharing one real redis-server, in front of one mock Genesys:
// one login for the fleet, the rate limit paced fleet-wide, an outage amplified no more than by
// one replica, and Redis lost and back mid-run without a late or failed answer.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../mock-genesys/genesys/catalog.js';
import { startMock, type RunningMock } from '../support/mock.js';
import { redisForFile } from '../support/redis.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const API_KEY = 'fleet-test-key';
/** The mock's per-token limit and the proxies' pacing limit, low to keep the test short. */
const RATE_LIMIT_PER_MIN = 20;

interface Replica {
  url: string;
  child: ChildProcess;
  logs: string[];
}

async function startReplica(env: Record<string, string>): Promise<Replica> {
  // One process (node with tsx's loader), so a kill reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env } });
  const logs: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  child.stderr!.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
  for (let i = 0; i < 1800; i++) {
    const line = logs.find((entry) => entry.includes('Server listening at'));
    const url = line === undefined ? undefined : /Server listening at (http:\/\/[^"\s]+)/.exec(line)?.[1];
    if (url !== undefined) return { url, child, logs };
    if (child.exitCode !== null) throw new Error(`proxy exited: ${logs.join('\n')}`);
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error(`proxy did not start within 90 s: ${logs.join('\n')}`);
}

async function stopReplica(replica: Replica): Promise<void> {
  if (replica.child.exitCode !== null) return;
  const exited = new Promise((resolve) => replica.child.once('exit', resolve));
  replica.child.kill('SIGTERM');
  await exited;
}

interface Answer {
  status: number;
  envelope: Record<string, unknown>;
}

async function ask(replica: Replica, session: string, body: Record<string, unknown>, scenario = 'happy-path'): Promise<Answer> {
  const response = await fetch(`${replica.url}/api/query`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'x-mock-session': session, 'x-mock-scenario': scenario },
    body: JSON.stringify(body),
  });
  return { status: response.status, envelope: (await response.json()) as Record<string, unknown> };
}

async function askAction(replica: Replica, session: string, action: string, body: Record<string, unknown>): Promise<Answer> {
  const response = await fetch(`${replica.url}/api/actions/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'x-mock-session': session, 'x-mock-scenario': 'happy-path' },
    body: JSON.stringify(body),
  });
  return { status: response.status, envelope: (await response.json()) as Record<string, unknown> };
}

async function journal(mock: RunningMock, session: string): Promise<Array<{ route: string | null; status: number | null }>> {
  const response = await fetch(`${mock.url}/__admin/journal?session=${encodeURIComponent(session)}`);
  return ((await response.json()) as { entries: Array<{ route: string | null; status: number | null }> }).entries;
}

async function metric(replica: Replica, name: string): Promise<number> {
  const text = await (await fetch(`${replica.url}/metrics`)).text();
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `) || entry.startsWith(`${name}{`));
  return line === undefined ? 0 : Number(line.split(' ').pop());
}

const ONE_PAGE = { page_size: 10, max_pages: 1, deadline_ms: 3000 };

describe('a fleet of three proxies sharing Redis', () => {
  const redis = redisForFile();
  let mock: RunningMock;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    mock = await startMock({ MOCK_RATE_LIMIT_PER_MIN: String(RATE_LIMIT_PER_MIN) });
    const env = {
      GENESYS_CLIENT_ID: mock.config.clientId,
      GENESYS_CLIENT_SECRET: mock.config.clientSecret,
      GENESYS_API_URL: mock.url,
      PROXY_API_KEYS: API_KEY,
      FORWARD_HEADERS: 'x-mock-scenario,x-mock-session',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      REDIS_URL: redis.url,
      // Loopback Redis answers in well under a millisecond; a generous bound keeps a loaded machine
      // from switching replicas to local state here (the Redis-outage test covers that switch).
      REDIS_TIMEOUT_MS: '1000',
      GENESYS_RATE_LIMIT_PER_MIN: String(RATE_LIMIT_PER_MIN),
      BREAKER_FAILURE_THRESHOLD: '5',
      BREAKER_COOLDOWN_MS: '1000',
      RETRY_BASE_DELAY_MS: '20',
      RETRY_MAX_DELAY_MS: '50',
    };
    replicas.push(...(await Promise.all([0, 1, 2].map(() => startReplica(env)))));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(replicas.map(stopReplica));
    await mock?.close();
  });

  it('logs in once for a cold burst of 150 requests spread over the replicas', async () => {
    const answers = await Promise.all(Array.from({ length: 150 }, (_, i) => ask(replicas[i % 3]!, 'cold-burst', ONE_PAGE)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const calls = await journal(mock, 'cold-burst');
    expect(calls.filter((call) => call.route === 'token')).toHaveLength(1);
    // The burst is far over the limit: the fleet held the excess back instead of earning 429s.
    expect(calls.filter((call) => call.status === 429)).toHaveLength(0);
    expect(calls.filter((call) => call.route === 'analytics-query').length).toBeLessThanOrEqual(RATE_LIMIT_PER_MIN);
    expect(answers.filter((answer) => answer.envelope.action === 'process_data').length).toBeLessThanOrEqual(RATE_LIMIT_PER_MIN);
    expect(answers.filter((answer) => answer.envelope.action === 'wait_and_retry').length).toBeGreaterThan(0);
  }, 60_000);

  it('stays under the per-token limit at twice the offered load, answering the excess wait_and_retry in time', async () => {
    const answers: Answer[] = [];
    // 40 requests over about 4 s: twice the 20 a minute allows.
    await Promise.all(
      Array.from({ length: 2 * RATE_LIMIT_PER_MIN }, async (_, i) => {
        await sleep(i * 100);
        answers.push(await ask(replicas[i % 3]!, 'paced', ONE_PAGE));
      }),
    );
    const calls = await journal(mock, 'paced');
    expect(calls.filter((call) => call.status === 429)).toHaveLength(0);
    expect(answers.filter((answer) => answer.envelope.action === 'process_data')).toHaveLength(RATE_LIMIT_PER_MIN);
    const paced = answers.filter((answer) => answer.envelope.action === 'wait_and_retry');
    expect(paced).toHaveLength(RATE_LIMIT_PER_MIN);
    for (const answer of paced) {
      expect(answer.envelope).toMatchObject({ error_code: 'rate_limited', attempts: 0 });
      expect(answer.envelope.retry_after).toBeGreaterThan(0);
    }
    expect(answers.every((answer) => (answer.envelope.elapsed_ms as number) < ONE_PAGE.deadline_ms)).toBe(true);
  }, 60_000);

  it('serves one replica’s cached action answer from the others', async () => {
    const body = { queue_id: QUEUES[0].id, deadline_ms: 3000 };
    const first = await askAction(replicas[0]!, 'shared-cache', 'queue-estimated-wait-time', body);
    expect(first.envelope).toMatchObject({ success: true, cache: 'miss' });
    for (const replica of [replicas[1]!, replicas[2]!]) {
      const answer = await askAction(replica, 'shared-cache', 'queue-estimated-wait-time', body);
      expect(answer.envelope).toMatchObject({ success: true, cache: 'hit', data: first.envelope.data });
    }
    const calls = await journal(mock, 'shared-cache');
    expect(calls.filter((call) => call.route === 'queue-estimated-wait-time')).toHaveLength(1);
  }, 60_000);

  it('amplifies a full outage no more than one replica does, and opens every breaker', async () => {
    // Three requests every 250 ms for 3 s (three cool-downs): the opening and the probes after it.
    const outage = async (targets: Replica[], session: string): Promise<number> => {
      for (let wave = 0; wave < 12; wave++) {
        const started = Date.now();
        await Promise.all([0, 1, 2].map((i) => ask(targets[i % targets.length]!, session, { ...ONE_PAGE, deadline_ms: 2000 }, 'server-errors-persistent')));
        await sleep(Math.max(0, 250 - (Date.now() - started)));
      }
      return (await journal(mock, session)).filter((call) => call.route === 'analytics-query').length;
    };
    const single = await outage([replicas[0]!], 'outage-single');
    const fleet = await outage(replicas, 'outage-fleet');
    // Slack of one call per other replica: in the Redis round trip that counts the failure which
    // opens the circuit, each other replica can still have one attempt under way (one process
    // counts synchronously). Without shared state each replica would open on its own: 3 × 5 calls.
    expect(fleet, `fleet ${fleet} calls, one replica ${single}`).toBeLessThanOrEqual(single + replicas.length - 1);
    // Every replica's breaker of the fleet's context is open (the single run's may be too).
    for (const replica of replicas) expect(await metric(replica, 'proxy_circuit_breakers_open')).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('answers every request in time while Redis goes away and comes back, then shares again', async () => {
    const answers: Answer[] = [];
    const load = Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await sleep(i * 100);
        answers.push(await ask(replicas[i % 3]!, `redis-outage-${i}`, ONE_PAGE));
      }),
    );
    // A few answers on shared state first.
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
    await redis.kill();
    // Ready all the same (a replica on its own state still answers), and it says so.
    const readyz = async (replica: Replica) => {
      const response = await fetch(`${replica.url}/readyz`);
      return { status: response.status, fleet: ((await response.json()) as { fleet?: { redis?: string } }).fleet?.redis };
    };
    await expect.poll(() => readyz(replicas[0]!), { timeout: 5000, interval: 50 }).toEqual({ status: 200, fleet: 'local' });
    // A few answers on local state (all of them if the load is already over), then Redis returns.
    const beforeOutage = answers.length;
    await expect.poll(() => answers.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(Math.min(30, beforeOutage + 3));
    await redis.restart();
    await load;
    expect(answers).toHaveLength(30);
    expect(answers.every((answer) => answer.status === 200 && answer.envelope.action === 'process_data')).toBe(true);
    expect(answers.every((answer) => (answer.envelope.elapsed_ms as number) < ONE_PAGE.deadline_ms)).toBe(true);
    // Shared state resumes: a new cold burst logs in once again.
    await expect.poll(async () => {
      const session = `after-redis-${Date.now()}`;
      await Promise.all(Array.from({ length: 6 }, (_, i) => ask(replicas[i % 3]!, session, ONE_PAGE)));
      return (await journal(mock, session)).filter((call) => call.route === 'token').length;
    }, { timeout: 10_000, interval: 500 }).toBe(1);
    for (const replica of replicas) await expect.poll(() => readyz(replica), { timeout: 5000, interval: 100 }).toEqual({ status: 200, fleet: 'shared' });
    for (const replica of replicas) expect(replica.child.exitCode).toBeNull();
  }, 60_000);
});
