// `npm start`: the mock Genesys and the proxy, wired together, with a banner that shows
// how to call the proxy and where the console is. Ctrl-C stops both, answering requests in flight.
import { ActionCatalogError } from '../src/actions/catalog.js';
import { startFailureMessage } from '../common/start-failure.js';
import { ScenarioError } from '../mock-genesys/scenarios/scenario-error.js';
import { startStack } from './stack.js';

async function main(): Promise<void> {
  // Quiet by default so the banner stays readable; fallbacks still log at warn. The proxy answers
  // at once and loads what flow requests need a second later, as the image's proxy does.
  const stack = await startStack({ env: { LOG_LEVEL: 'warn', ...process.env }, warmUp: false });
  const consoleUrl = `${stack.mockUrl}/console`;
  const curl = [
    `curl -s -X POST ${stack.proxyUrl}/api/query`,
    `  -H 'Authorization: Bearer ${stack.apiKey}' -H 'Content-Type: application/json'`,
    `  -H 'x-mock-scenario: rate-limited-then-success'`,
    `  -d '{"media_types":["voice"],"page_size":25}'`,
  ].join(' \\\n');
  console.log(`
Genesys retry proxy, running against the built-in mock Genesys Cloud

  proxy       ${stack.proxyUrl}/api/query   (docs: ${stack.proxyUrl}/openapi.json)
  mock        ${stack.mockUrl}   (scenario: ${stack.mockConfig.activeScenario})
  console     ${consoleUrl}
  API key:    ${stack.apiKey}

Try it:
${curl}

Ctrl-C stops both.
`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping: answering requests in flight…');
    stack.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`start: ${startFailureMessage(error, {
    listenVariables: 'PORT/HOST for the proxy, MOCK_PORT/MOCK_HOST for the mock',
    isExplained: (cause) => cause instanceof ScenarioError || cause instanceof ActionCatalogError,
  })}`);
  process.exit(1);
});
