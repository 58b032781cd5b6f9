// Memory returns to baseline after hostile bodies: the proxy runs in a child process of its own
// (the test runner's RSS would mix in everything else, the hostile server included) and reports
// its RSS after a forced GC; the hostile Genesys runs here and counts what it sent.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
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

it('keeps the proxy within 20 MB of its baseline after endless and 200 MB bodies, three times each', async () => {
  const stats = sentBytes();
  const hostile = [endlessBody(stats), hugeBody(stats, 200 * 1024 * 1024), hugeBody(stats, 200 * 1024 * 1024, { declareLength: true })];
  // The warm-up runs every code path (an answer, then each hostile body twice): the first capped
  // bodies raise RSS by about 30 MB once (allocator and parser buffers kept for reuse, heap and
  // external memory stay flat), so the baseline is taken after them and the assertion is that
  // hostile bodies never add to it.
  genesys = await startFakeGenesys({ query: [conversations(['warm-up']), ...hostile, ...hostile, ...hostile, ...hostile, ...hostile] });
  child = fork(path.join(root, 'test/hostile/memory-child.ts'), [genesys.url], { cwd: root, execArgv: ['--expose-gc', '--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const { url } = await nextMessage<{ url: string }>(child);
  const query = async (): Promise<Envelope> => {
    const response = await fetch(`${url}/api/query`, { method: 'POST', headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' }, body: '{"deadline_ms": 5000}' });
    return (await response.json()) as Envelope;
  };
  const rssMb = async (): Promise<number> => {
    child!.send('rss');
    return (await nextMessage<{ rssMb: number }>(child!)).rssMb;
  };

  expect(await query()).toMatchObject({ success: true });
  for (let index = 0; index < hostile.length * 2; index++) expect(await query()).toMatchObject({ error_code: 'response_too_large' });
  const baselineMb = await rssMb();
  for (let index = 0; index < hostile.length * 3; index++) expect(await query()).toMatchObject({ error_code: 'response_too_large' });
  const afterMb = await rssMb();
  expect(afterMb - baselineMb).toBeLessThan(20);
  expect(stats.calls).toBe(15);
  child.send('close');
}, 60_000);
