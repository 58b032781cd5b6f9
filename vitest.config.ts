import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Concurrency, stated rather than inherited from vitest's defaults:
    // - Files run in two workers: servers in tests bind real sockets, and CI machines have two cores.
    maxWorkers: 2,
    // - Tests inside a file run one after another. A file that wants requests in flight together
    //   makes them itself with a stated limit (the scenario library runs five at a time through
    //   harness/run-library.ts, so each scenario's retries play out as if it ran alone).
    sequence: { concurrent: false },
    // - Should a test opt in with `.concurrent`, at most this many run at once.
    maxConcurrency: 5,
  },
});
