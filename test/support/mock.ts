// Starts a real mock Genesys server on a free loopback port for a test.
import { loadMockConfig, type MockConfig } from '../../mock-genesys/config.js';
import { buildMockServer, type MockServer } from '../../mock-genesys/server.js';

export interface RunningMock extends MockServer {
  url: string;
  config: MockConfig;
  close: () => Promise<void>;
}

export async function startMock(env: Record<string, string> = {}): Promise<RunningMock> {
  const config = loadMockConfig({ LOG_LEVEL: 'silent', MOCK_PORT: '0', MOCK_RATE_LIMIT_PER_MIN: '0', ...env });
  const server = await buildMockServer(config);
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...server, url: address, config, close: () => server.app.close() };
}
