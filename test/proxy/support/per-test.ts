// The set-up most proxy tests share: a fake Genesys with a script and the real proxy in front of
// it, started by the test and closed after it.
import type { Counter } from 'prom-client';
import { afterEach } from 'vitest';
import { startFakeGenesys, type FakeGenesys, type Script } from './fake-genesys.js';
import { startProxy, type RunningProxy } from './proxy.js';

export interface ProxyInFront {
  genesys: FakeGenesys;
  proxy: RunningProxy;
}

/**
 * Call once per test file. The function it returns starts a fake Genesys answering `script` and
 * the proxy in front of it (`env` over `defaults`); both are closed after each test.
 */
export function proxyPerTest(defaults: Record<string, string> = {}): (script?: Script, env?: Record<string, string>) => Promise<ProxyInFront> {
  const running: Array<{ close: () => Promise<void> }> = [];
  afterEach(async () => {
    // The proxy first, then the Genesys behind it.
    for (const server of running.splice(0).reverse()) await server.close();
  });
  return async (script = {}, env = {}) => {
    const genesys = await startFakeGenesys(script);
    running.push(genesys);
    const proxy = await startProxy(genesys.url, { ...defaults, ...env });
    running.push(proxy);
    return { genesys, proxy };
  };
}

/** What a proxy counter has counted, over the label values matching `labels`. */
export async function counted(counter: Counter<string>, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await counter.get();
  return values
    .filter((value) => Object.entries(labels).every(([name, wanted]) => value.labels[name] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}
