// `npm run proxy`: load the config (a bad one is one line on stderr and exit 1), listen, and on
// SIGTERM/SIGINT stop accepting, let requests in flight get their envelopes, then exit 0.
import { loadProxyConfig } from './config.js';
import { ConfigError } from './env.js';
import { buildProxyServer } from './server.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadProxyConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`proxy: configuration error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildProxyServer(config);
  await app.listen({ host: config.host, port: config.port });

  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    // Requests are bounded by MAX_DEADLINE_MS; anything longer is a bug, so exit anyway.
    const forceExit = setTimeout(() => process.exit(1), config.deadline.maxMs + 5000);
    forceExit.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`proxy: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
