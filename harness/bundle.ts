// The services as they start: each bundled entry of launch.js (BUNDLED_ENTRIES: the proxy
// `<outDir>/proxy.js`, and from a checkout's build `npm start`'s `start.js` and `npm run mock`'s
// `mock.js`) is one ES module with its source map, bundled by esbuild from tsc's output in
// outDir and the packages it imports; what loads on first use is split into `<outDir>/chunks/`,
// not parsed at start. Loading one file instead of several hundred halves the CPU to the first
// answer. The shipped action catalog is validated here and stored in the bundles
// (catalog.ts: PRECOMPILED_ACTIONS), so a start parses no YAML and compiles no schema for files
// that have not changed. Run after tsc by `npm run build` (the image), the launcher (launch.js)
// and the bench.
// Usage: node harness/bundle.ts <outDir>   (Node strips the types; no tsx needed)
import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';
import { BUNDLED_ENTRIES } from './launch.js';

/** The proxy's bundle (the image's CMD); it finds actions/ and package.json by walking up, as tsc's modules do. */
export const PROXY_BUNDLE = BUNDLED_ENTRIES['src/main']!;
/** The scenario parser's worker thread (off-thread.ts), its own entry beside the bundles that start the mock. */
const PARSE_WORKER_BUNDLE = 'scenario-parse-worker.js';
const PARSE_WORKER_MODULE = 'mock-genesys/scenarios/parse-worker';

/**
 * Loaded at run time from node_modules, never bundled: ioredis on first use (with REDIS_URL),
 * Fastify's Ajv compiler when the first body is validated, its serializer compiler (with
 * fast-json-stringify and Ajv: neither service uses it, both give Fastify their own compilers),
 * and the logger the SDK requires when it makes a client.
 */
const LOADED_ON_DEMAND = ['ioredis', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'winston'];

/**
 * undici's HTTP/1 parser, WebAssembly in JavaScript files (four variants, 320 kB), required when
 * the first connection opens: left in the undici of node_modules (the proxy's, not another
 * package's own copy) rather than parsed with the bundle at start.
 */
const undiciParsersOnDemand = (outDir: string): esbuild.Plugin => ({
  name: 'undici-parsers-on-demand',
  setup(build) {
    const undiciLib = path.join(realpathSync(path.dirname(createRequire(path.join(outDir, 'bundle.js')).resolve('undici/package.json'))), 'lib');
    build.onResolve({ filter: /^\.\.\/(llhttp\/llhttp(_simd)?-wasm|milo\/(no-)?simd)\.js$/ }, (args) =>
      path.dirname(path.dirname(args.importer)) === undiciLib ? { path: `undici/lib/${args.path.slice('../'.length)}`, external: true } : undefined,
    );
  },
});

/**
 * The proxy uses the Genesys SDK for its token only (sdk-login.ts: ApiClient and
 * AbstractHttpClient). Its package entry builds every API class of Genesys Cloud (about 60 MB of
 * heap); the bundle takes the same two classes from the SDK's own ES modules instead, still
 * loaded on first use, with the shape of the entry's default export.
 */
const SDK_LOGIN_ONLY: esbuild.Plugin = {
  name: 'genesys-sdk-login-only',
  setup(build) {
    build.onResolve({ filter: /^purecloud-platform-client-v2$/ }, () => ({ path: 'purecloud-platform-client-v2', namespace: 'sdk-login-only' }));
    build.onLoad({ filter: /.*/, namespace: 'sdk-login-only' }, () => ({
      resolveDir: import.meta.dirname,
      contents: [
        "import ApiClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/ApiClient.js';",
        "import AbstractHttpClient from 'purecloud-platform-client-v2/src/purecloud-platform-client-v2/AbstractHttpClient.js';",
        'export default { ApiClient: new ApiClient(), AbstractHttpClient };',
      ].join('\n'),
    }));
  },
};

/**
 * The proxy's own code takes only `Pool` from undici (genesys/upstream.ts). undici's package entry
 * requires every part of undici (fetch, WebSocket, caches, mocks, proxies: 1.3 MB, the largest
 * part of the proxy's start-up CPU); for imports from src/ the bundle takes Pool from its own
 * module, with the request API the entry adds to every dispatcher. A name not exported here
 * fails the build, never the start. Other importers (the harness' client) get the entry.
 */
const undiciPoolOnly = (compiledSrcDir: string): esbuild.Plugin => ({
  name: 'undici-pool-only',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, (args) => (args.importer.startsWith(compiledSrcDir + path.sep) ? { path: 'undici', namespace: 'undici-pool-only' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'undici-pool-only' }, () => ({
      resolveDir: import.meta.dirname,
      contents: [
        "import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';",
        "import api from 'undici/lib/api/index.js';",
        "import Pool from 'undici/lib/dispatcher/pool.js';",
        'Object.assign(Dispatcher.prototype, api);',
        'export { Pool };',
      ].join('\n'),
    }));
  },
});

/** The compiled modules in outDir that have a bundle, by the bundle's name without `.js`, and whether one of them starts the mock. */
function entryPoints(outDir: string): { entries: Record<string, string>; startsMock: boolean } {
  const entries: Record<string, string> = {};
  for (const [module, bundle] of Object.entries(BUNDLED_ENTRIES)) {
    const compiled = path.join(outDir, `${module}.js`);
    if (existsSync(compiled)) entries[bundle.replace(/\.js$/, '')] = compiled;
  }
  // Every bundle but the proxy's starts the mock, whose large scenarios parse in a worker thread.
  const startsMock = Object.keys(entries).some((name) => `${name}.js` !== PROXY_BUNDLE);
  if (startsMock) entries[PARSE_WORKER_BUNDLE.replace(/\.js$/, '')] = path.join(outDir, `${PARSE_WORKER_MODULE}.js`);
  return { entries, startsMock };
}

/** The shipped scenarios parsed and validated, for the bundles that start the mock (precompiled.ts); none for the proxy alone. */
async function precompiledScenarios(outDir: string, startsMock: boolean): Promise<Record<string, string>> {
  if (!startsMock) return {};
  const compiled = (module: string): string => pathToFileURL(path.join(outDir, 'mock-genesys', module)).href;
  const { defaultScenariosDir } = (await import(compiled('config.js'))) as { defaultScenariosDir: string };
  const { precompileScenarios } = (await import(compiled('scenarios/precompiled.js'))) as { precompileScenarios: (dir: string) => Promise<Record<string, string>> };
  return precompileScenarios(defaultScenariosDir);
}

export async function bundleEntries(outDir: string): Promise<void> {
  const catalog = (await import(pathToFileURL(path.join(outDir, 'src', 'actions', 'catalog.js')).href)) as {
    precompileActions: () => Promise<Record<string, unknown>>;
  };
  const { entries, startsMock } = entryPoints(outDir);
  await esbuild.build({
    entryPoints: entries,
    outdir: outDir,
    // Code loaded on first use (the SDK, the console, the scenario runner) and code the bundles share go to chunks.
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Stack traces need file and line only; without the sources' text the maps are a third of the size.
    sourcemap: true,
    sourcesContent: false,
    // Licence comments go to a .LEGAL.txt beside each file. Left in, one accented name made the
    // whole file UTF-16 once loaded, which Node decodes and V8 scans more slowly than ASCII.
    legalComments: 'linked',
    external: LOADED_ON_DEMAND,
    plugins: [SDK_LOGIN_ONLY, undiciPoolOnly(path.join(outDir, 'src')), undiciParsersOnDemand(outDir)],
    define: {
      PRECOMPILED_ACTIONS: JSON.stringify(await catalog.precompileActions()),
      SCENARIO_PARSE_WORKER: JSON.stringify(PARSE_WORKER_BUNDLE),
      PRECOMPILED_SCENARIOS: JSON.stringify(await precompiledScenarios(outDir, startsMock)),
    },
    // Bundled CommonJS packages call require() for Node's built-ins.
    banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const [outDir] = process.argv.slice(2);
  if (outDir === undefined) {
    process.stderr.write('usage: node harness/bundle.ts <outDir>\n');
    process.exit(2);
  }
  bundleEntries(path.resolve(outDir)).catch((error: unknown) => {
    process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
