// `npm run mock`: the mock Genesys from a checkout, its console running scenarios through the
// proxy at CONSOLE_PROXY_URL with the harness' runScenario (the QA runner's code path).
import { serveMock } from '../mock-genesys/serve.js';

serveMock({
  // Loaded on first Run: the runner's HTTP client would add ~0.2 s to every mock start.
  runScenario: async (...args) => (await import('./run-scenario.js')).runScenario(...args),
});
