// The proxy as it ships: one ES module, `<outDir>/proxy.js` (with its source map; what loads on
// first use is split into `<outDir>/proxy-chunks/`), bundled by esbuild from the compiled
// `<outDir>/src/main.js` and the packages it imports. Loading one file
// instead of several hundred halves the CPU to the first answer; the shipped action catalog is
// validated here and stored in the bundle (catalog.ts: PRECOMPILED_ACTIONS), so the start parses
// no YAML and compiles no schema for files that have not changed. Run after tsc by
// `npm run build` (the image), `npm start` and friends (launch.ts) and the bench.
// Usage: node harness/bundle.ts <outDir>   (Node strips the types; no tsx needed)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import esbuild from 'esbuild';

/** The bundle beside the compiled modules: it finds actions/ and package.json by walking up, as they do. */
export const PROXY_BUNDLE = 'proxy.js';

/**
 * Loaded at run time from node_modules, never bundled: ioredis on first use (with REDIS_URL),
 * Fastify's Ajv compiler when the first body is validated, and the logger the SDK requires when
 * it makes a client.
 */
const LOADED_ON_DEMAND = ['ioredis', '@fastify/ajv-compiler', 'winston'];

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

export async function bundleProxy(outDir: string): Promise<void> {
  const catalog = (await import(pathToFileURL(path.join(outDir, 'src', 'actions', 'catalog.js')).href)) as {
    precompileActions: () => Promise<Record<string, unknown>>;
  };
  await esbuild.build({
    entryPoints: [path.join(outDir, 'src', 'main.js')],
    // Code loaded on first use (the SDK) goes to its own chunk, not parsed at start.
    outdir: outDir,
    entryNames: PROXY_BUNDLE.replace(/\.js$/, ''),
    chunkNames: 'proxy-chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    external: LOADED_ON_DEMAND,
    plugins: [SDK_LOGIN_ONLY],
    define: { PRECOMPILED_ACTIONS: JSON.stringify(await catalog.precompileActions()) },
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
  bundleProxy(path.resolve(outDir)).catch((error: unknown) => {
    process.stderr.write(`bundle: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
