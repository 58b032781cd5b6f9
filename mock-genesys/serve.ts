// Runs the mock as a process: settings from the environment, listen, stop on SIGINT/SIGTERM,
// a one-line reason on a failed start. The entry points differ only in the console's Run:
// mock-genesys/main.ts (the image) has none, harness/mock.ts (`npm run mock`) injects the harness'.
import { startFailureMessage } from '../common/start-failure.js';
import { loadMockConfig } from './config.js';
import { ScenarioError } from './scenarios/scenario-error.js';
import { buildMockServer, type MockServerOptions } from './server.js';

export function serveMock(options: MockServerOptions = {}): void {
  start(options).catch((error: unknown) => {
    const message = startFailureMessage(error, { listenVariables: 'MOCK_PORT/MOCK_HOST', isExplained: (cause) => cause instanceof ScenarioError });
    console.error(`mock-genesys: ${message}`);
    process.exit(1);
  });
}

async function start(options: MockServerOptions): Promise<void> {
  const config = loadMockConfig();
  const { app } = await buildMockServer(config, options);
  const address = await app.listen({ host: config.host, port: config.port });
  const run = options.runScenario ? '' : ' (console Run off: started without the harness)';
  console.log(`mock Genesys listening on ${address} (scenario ${config.activeScenario})${run}`);
  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
