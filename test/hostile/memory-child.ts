// The proxy alone in a process of its own, for memory.test.ts: listens for the hostile Genesys
// given in argv, sends its URL, and answers each 'memory' message with its RSS and ArrayBuffer
// bytes in MB as it runs (no forced GC: what is measured is what the proxy itself gives back),
// once the collection it schedules after a dropped body has had its turn.
import { RECLAIM_INTERVAL_MS } from '../../src/genesys/reclaim.js';
import { startProxy } from '../proxy/support/proxy.js';

const proxy = await startProxy(process.argv[2]!, { LOG_LEVEL: 'warn', RETRY_MAX_ATTEMPTS: '1', BREAKER_FAILURE_THRESHOLD: '1000' });
process.on('message', (message) => {
  if (message === 'memory') {
    setTimeout(() => {
      const { rss, arrayBuffers } = process.memoryUsage();
      process.send!({ rssMb: rss / 1024 / 1024, arrayBuffersMb: arrayBuffers / 1024 / 1024 });
    }, 2 * RECLAIM_INTERVAL_MS);
  } else if (message === 'close') {
    void proxy.close().then(() => process.exit(0));
  }
});
process.send!({ url: proxy.url });
