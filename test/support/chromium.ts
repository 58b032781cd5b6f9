// Which Chromium the browser tests use: CHROMIUM_PATH when set, else Playwright's own build when
// it is installed (`npx playwright install chromium`), else the system's (Debian: /usr/bin/chromium).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export interface FoundChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'playwright' | 'system';
}

const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundChromium | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') return existsSync(explicit) ? { path: explicit, source: 'CHROMIUM_PATH' } : undefined;
  const bundled = chromium.executablePath();
  if (bundled !== '' && existsSync(bundled)) return { path: bundled, source: 'playwright' };
  const system = SYSTEM_CHROMIUM_PATHS.find((path) => existsSync(path));
  return system === undefined ? undefined : { path: system, source: 'system' };
}
