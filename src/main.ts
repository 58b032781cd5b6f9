// `npm run proxy`: load the config (a bad one is one line on stderr and exit 1), listen, and on
// SIGTERM/SIGINT stop accepting, let requests in flight get their envelopes, then exit 0.
import { startFailureMessage } from '../common/start-failure.js';
import { ActionCatalogError } from './actions/catalog.js';
import { loadProxyConfig } from './config.js';
import { ConfigError } from '../common/env.js';
import { buildProxyServer } from './server.js';

async function main(): Promise<void> {
  const config = loadProxyConfig();
  const app = await buildProxyServer(config);
  if (config.operations.checkOnStart !== 'false') {
    // GENESYS_CHECK_ON_START: wrong credentials show now, not on the first flow's call.
    const failure = await app.checkGenesys();
    if (failure === undefined) app.log.info('Genesys check on start: a token was obtained');
    else if (config.operations.checkOnStart === 'require') throw new ConfigError(`GENESYS_CHECK_ON_START=require and the check failed: ${failure}`);
    else app.log.warn({ failure }, 'Genesys check on start failed; serving anyway (fallback envelopes until Genesys answers)');
  }
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
  process.stderr.write(`proxy: ${startFailureMessage(error, { listenVariables: 'PORT/HOST', isExplained: (cause) => cause instanceof ActionCatalogError })}\n`);
  process.exit(1);
});
