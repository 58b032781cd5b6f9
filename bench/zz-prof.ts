import { compileServers } from './build.js';
import { startMock, startProxy, BENCH_API_KEY, FLOW_REQUEST } from './services.js';
import { runLoad } from './load.js';
import { stopAllServices } from './processes.js';
const build = await compileServers();
try {
  const mock = await startMock(build);
  const proxy = await startProxy(build, mock.url, { NODE_OPTIONS: '--cpu-prof --cpu-prof-dir=/tmp/prof' });
  const load = { url: proxy.url, path: '/api/query', headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` }, body: JSON.stringify(FLOW_REQUEST) };
  await runLoad({ ...load, connections: 8, durationS: 2 });
  const c0 = proxy.cpuMs();
  const r = await runLoad({ ...load, connections: Number(process.env.C ?? 32), durationS: 5 });
  console.log(r.requestsPerSecond, (proxy.cpuMs() - c0) / r.answered);
  await proxy.stop();
} finally { await stopAllServices(); await build.remove(); }
