// Starts the real proxy on a loopback port for a test, with its log lines captured.
import { Writable } from 'node:stream';
import { loadProxyConfig } from '../../../src/config.js';
import type { Envelope } from '../../../src/envelope.js';
import { buildProxyServer, type ProxyServer } from '../../../src/server.js';

export const API_KEY = 'test-key-0123456789';
export const CLIENT_SECRET = 'super-secret-client-value';

export interface RunningProxy {
  url: string;
  app: ProxyServer;
  logs: string[];
  /** POST /api/query. No client-side timing: a test reads the proxy's own (envelope.elapsed_ms). */
  query: (body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; envelope: Envelope; text: string }>;
  close: () => Promise<void>;
}

export async function startProxy(genesysUrl: string, env: Record<string, string> = {}, random: () => number = () => 0.5): Promise<RunningProxy> {
  const config = loadProxyConfig({
    GENESYS_CLIENT_ID: 'test-client-id',
    GENESYS_CLIENT_SECRET: CLIENT_SECRET,
    GENESYS_API_URL: genesysUrl,
    PROXY_API_KEYS: API_KEY,
    LOG_LEVEL: 'debug',
    RETRY_BASE_DELAY_MS: '20',
    RETRY_MAX_DELAY_MS: '100',
    ...env,
  });
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(...chunk.toString().split('\n').filter((line) => line !== ''));
      callback();
    },
  });
  const app = await buildProxyServer(config, { logStream, random });
  // A running proxy has warmed up (the SDK loaded) before a load balancer sends it traffic:
  // elapsed_ms counts requests, not the import.
  await app.warmUp();
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    app,
    logs,
    query: async (body = {}, headers = {}) => {
      const response = await fetch(`${url}/api/query`, {
        method: 'POST',
        headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, envelope: JSON.parse(text) as Envelope, text };
    },
    close: () => app.close(),
  };
}
