import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/browser/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Servers in tests bind real sockets; two cores on CI machines.
    maxWorkers: 2,
  },
});
