// One message for a person when a service cannot start. Configuration errors, errors the
// service declares self-explanatory (e.g. a located scenario error), busy ports and unreadable
// files are explained in a line; anything else keeps its stack, since it is a bug.
import { ConfigError } from './env.js';

export interface StartSettings {
  /** The variables that choose where the service listens, for the advice on a busy port, e.g. "PORT/HOST". */
  listenVariables: string;
  /** Errors whose message already says what to fix and where. */
  isExplained?: (error: Error) => boolean;
}

export function startFailureMessage(error: unknown, settings: StartSettings): string {
  if (error instanceof ConfigError) return `configuration error: ${error.message}`;
  if (!(error instanceof Error)) return String(error);
  if (settings.isExplained?.(error)) return error.message;
  const { code, address, port, path } = error as NodeJS.ErrnoException & { address?: string; port?: number };
  // A file that cannot be read (e.g. a folder setting pointing nowhere): its path says it all.
  if (path !== undefined) return error.message;
  if (code === 'EADDRINUSE') return `${address}:${port} is already in use: stop what listens there, or choose another address (${settings.listenVariables})`;
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL') return `cannot listen on ${address}:${port} (${code}): check ${settings.listenVariables}`;
  return error.stack ?? error.message;
}
