// The token cache through the official SDK, over a real socket, with an injected clock.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSdk } from '../../src/genesys/sdk-login.js';
import { TokenProvider } from '../../src/genesys/token-provider.js';
import { Upstream } from '../../src/genesys/upstream.js';
import { AttemptFailedError } from '../../src/retry/outcome.js';
import { hang, oauthError, startFakeGenesys, token, type Behaviour, type FakeGenesys } from './support/fake-genesys.js';

let genesys: FakeGenesys | undefined;
let upstream: Upstream | undefined;

// The SDK takes about a second to import (the proxy warms it at start); these tests time the cache, not the import.
beforeAll(() => loadSdk(), 30_000);

afterEach(async () => {
  await upstream?.close();
  await genesys?.close();
  upstream = undefined;
  genesys = undefined;
});

async function setup(tokenScript: Behaviour[], clock = { nowMs: 0 }) {
  genesys = await startFakeGenesys({ token: tokenScript });
  const url = new URL(genesys.url);
  upstream = new Upstream({ apiBaseUrl: url, loginBaseUrl: url, maxCallMs: 10_000 });
  const provider = new TokenProvider({
    clientId: 'id',
    clientSecret: 'secret',
    environment: 'mypurecloud.com',
    loginOverride: url,
    refreshMarginSeconds: 60,
    upstream,
    forwardedHeaders: { 'x-mock-session': 's-1' },
    now: () => clock.nowMs,
  });
  return { genesys, provider, clock };
}

describe('TokenProvider', () => {
  it('fetches once for any number of concurrent callers (single flight)', async () => {
    const { genesys, provider } = await setup([token()]);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => provider.getToken(2000)));
    expect(new Set(tokens).size).toBe(1);
    expect(genesys.tokenCalls()).toHaveLength(1);
    expect(genesys.tokenCalls()[0]!.headers['x-mock-session']).toBe('s-1');
  });

  it('hands every token obtained to onToken', async () => {
    genesys = await startFakeGenesys({ token: [token()] });
    const url = new URL(genesys.url);
    upstream = new Upstream({ apiBaseUrl: url, loginBaseUrl: url, maxCallMs: 10_000 });
    const seen: string[] = [];
    let nowMs = 0;
    const provider = new TokenProvider({ clientId: 'id', clientSecret: 'secret', environment: 'mypurecloud.com', loginOverride: url, refreshMarginSeconds: 60, upstream, forwardedHeaders: {}, now: () => nowMs, onToken: (value) => seen.push(value) });
    const first = await provider.getToken(2000);
    nowMs += 86_400_000;
    const second = await provider.getToken(2000);
    expect(seen).toEqual([first, second]);
  });

  it('serves the cached token until expires_in minus the refresh margin', async () => {
    const { genesys, provider, clock } = await setup([token(3600)]);
    const first = await provider.getToken(2000);
    clock.nowMs += (3600 - 60) * 1000 - 1;
    expect(await provider.getToken(2000)).toBe(first);
    clock.nowMs += 1;
    expect(await provider.getToken(2000)).not.toBe(first);
    expect(genesys.tokenCalls()).toHaveLength(2);
  });

  it('caches short-lived tokens for half their life when the margin exceeds it', async () => {
    const { genesys, provider, clock } = await setup([token(30)]);
    await provider.getToken(2000);
    clock.nowMs += 14_999;
    await provider.getToken(2000);
    expect(genesys.tokenCalls()).toHaveLength(1);
  });

  it('invalidates only the token that failed, not a newer one', async () => {
    const { genesys, provider } = await setup([token()]);
    const old = await provider.getToken(2000);
    provider.invalidate(old);
    const fresh = await provider.getToken(2000);
    provider.invalidate(old);
    expect(await provider.getToken(2000)).toBe(fresh);
    expect(genesys.tokenCalls()).toHaveLength(2);
  });

  it('fails with a typed login failure carrying the OAuth error', async () => {
    const { provider } = await setup([oauthError(401, 'invalid_client')]);
    const error = await provider.getToken(2000).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AttemptFailedError);
    expect((error as AttemptFailedError).failure).toMatchObject({ kind: 'http', source: 'login', status: 401, genesysCode: 'invalid_client' });
  });

  it('gives up waiting when the caller’s time runs out', async () => {
    const { provider } = await setup([hang]);
    const error = await provider.getToken(150).catch((caught: unknown) => caught);
    expect((error as AttemptFailedError).failure).toMatchObject({ kind: 'network', source: 'login', fault: 'upstream_timeout' });
  });
});
