// Memory returns to baseline after hostile bodies: the proxy runs in a child process of its own
// (the test runner's RSS would mix in everything else, the hostile server included) and reports
// its RSS after a forced GC; the hostile Genesys runs here and counts what it sent.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { IMAGE_MALLOC_ENV } from '../../bench/services.js';
import type { Envelope } from '../../src/envelope.js';
import { conversations, startFakeGenesys, type FakeGenesys } from '../proxy/support/fake-genesys.js';
import { API_KEY } from '../proxy/support/proxy.js';
import { endlessBody, hugeBody, sentBytes } from './hostile-upstream.js';

const root = path.resolve(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;
let genesys: FakeGenesys | undefined;

afterEach(async () => {
  child?.kill();
  child = undefined;
  await genesys?.close();
  genesys = undefined;
});

function nextMessage<T>(from: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    from.once('message', (message) => resolve(message as T));
    from.once('exit', (code) => reject(new Error(`proxy process exited with ${code}`)));
  });
}

interface Memory {
  rssMb: number;
  arrayBuffersMb: number;
}

it('keeps the proxy within 20 MB of its baseline after endless and 200 MB bodies, five times each', async () => {
  const stats = sentBytes();
  const hostile = [endlessBody(stats), hugeBody(stats, 200 * 1024 * 1024), hugeBody(stats, 200 * 1024 * 1024, { declareLength: true })];
  const warmUp = Array.from({ length: 5 }, () => conversations(['warm-up']));
  genesys = await startFakeGenesys({ query: [...warmUp, ...hostile, ...hostile, ...hostile, ...hostile, ...hostile] });
  // As the image runs it: glibc's thresholds fixed (Dockerfile), no --expose-gc (the proxy finds
  // V8's collector itself).
  child = fork(path.join(root, 'test/hostile/memory-child.ts'), [genesys.url], {
    cwd: root,
    env: { ...process.env, ...IMAGE_MALLOC_ENV },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { url } = await nextMessage<{ url: string }>(child);
  const query = async (): Promise<Envelope> => {
    const response = await fetch(`${url}/api/query`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '{"deadline_ms": 5000}' });
    return (await response.json()) as Envelope;
  };
  const memory = async (): Promise<Memory> => {
    child!.send('memory');
    return nextMessage<Memory>(child!);
  };

  // Baseline: after ordinary answers, before any hostile body.
  for (const _ of warmUp) expect(await query()).toMatchObject({ success: true });
  const baseline = await memory();
  for (let index = 0; index < hostile.length * 5; index++) expect(await query()).toMatchObject({ error_code: 'response_too_large' });
  const after = await memory();

  // 10 bodies read up to the 4 MiB cap (40 MiB of socket reads, 5 more refused by their
  // Content-Length): their buffers are gone, not waiting for a GC that JS allocation would bring.
  expect(stats.calls).toBe(15);
  expect(after.arrayBuffersMb - baseline.arrayBuffersMb).toBeLessThan(4);
  expect(after.rssMb - baseline.rssMb).toBeLessThan(20);
  child.send('close');
}, 60_000);
