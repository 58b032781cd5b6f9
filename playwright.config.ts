// Browser tests of the console in real Chromium: CHROMIUM_PATH, else Playwright's own build,
// else the system's (test/support/chromium.ts). A missing Chromium fails the run with the
// command that installs it (npm test's pretest says the same earlier), never a skip.
import { defineConfig } from '@playwright/test';
import { findChromium } from './test/support/chromium.js';

const found = findChromium();
if (found === undefined) {
  throw new Error('Chromium not found: run `npx playwright install chromium`, or `apt-get install -y chromium`, or set CHROMIUM_PATH');
}
const chromiumPath = found.path;

export default defineConfig({
  testDir: 'test/browser',
  outputDir: 'test-results/browser',
  timeout: 60_000,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      // Root in a closed network: no sandbox, and no background calls home.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
  },
});
