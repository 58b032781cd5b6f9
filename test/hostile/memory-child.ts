// The proxy alone in a process of its own (node --expose-gc), for memory.test.ts: listens for
// the hostile Genesys given in argv, sends its URL, and answers each 'rss' message with its RSS
// in MB after a forced GC.
import { startProxy } from '../proxy/support/proxy.js';

const gc = (globalThis as { gc?: () => void }).gc!;
const proxy = await startProxy(process.argv[2]!, { LOG_LEVEL: 'warn', RETRY_MAX_ATTEMPTS: '1', BREAKER_FAILURE_THRESHOLD: '1000' });
process.on('message', (message) => {
  if (message === 'rss') {
    gc();
    process.send!({ rssMb: process.memoryUsage().rss / 1024 / 1024 });
  } else if (message === 'close') {
    void proxy.close().then(() => process.exit(0));
  }
});
process.send!({ url: proxy.url });
