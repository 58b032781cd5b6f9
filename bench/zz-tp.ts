import { compileServers } from './build.js';
import { startMock, startPassThrough, startProxy } from './services.js';
import { measureThroughput } from './throughput.js';
import { stopAllServices } from './processes.js';
const build = await compileServers();
try {
  const mock = await startMock(build);
  const passThrough = await startPassThrough(mock.url);
  const proxy = await startProxy(build, mock.url);
  const figures = await measureThroughput({ mock, passThrough, proxy }, { concurrencies: [1, 32], repeats: Number(process.env.R ?? 3), durationS: 3 });
  for (const f of figures) console.log(JSON.stringify(f));
} finally { await stopAllServices(); await build.remove(); }
