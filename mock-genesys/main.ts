// `npm run mock`: start the mock Genesys Cloud server from environment settings.
import { startFailureMessage } from '../src/start-failure.js';
import { loadMockConfig } from './config.js';
import { buildMockServer } from './server.js';

async function main(): Promise<void> {
  const config = loadMockConfig();
  const { app } = await buildMockServer(config);
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`mock Genesys listening on ${address} (scenario ${config.activeScenario})`);
  const stop = async (): Promise<void> => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`mock-genesys: ${startFailureMessage(error)}`);
  process.exit(1);
});
