// One message for a person when a service cannot start. Configuration and scenario errors and
// busy ports are explained in a line; anything else keeps its stack, since it is a bug.
import { ConfigError } from './env.js';

export function startFailureMessage(error: unknown): string {
  if (error instanceof ConfigError) return `configuration error: ${error.message}`;
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'ScenarioError' || error.name === 'ActionCatalogError') return error.message;
  const { code, address, port, path } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  // A file that cannot be read (e.g. SCENARIOS_DIR pointing nowhere): its path says it all.
  if (path !== undefined) return error.message;
  if (code === 'EADDRINUSE') return `${address}:${port} is already in use: stop what listens there, or choose another port (PORT for the proxy, MOCK_PORT for the mock)`;
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') return `cannot listen on ${address}:${port} (${code}): check HOST/MOCK_HOST and the port`;
  return error.stack ?? error.message;
}
