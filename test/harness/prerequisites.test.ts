// npm test's pretest: every needed requirement is found or provisioned, else the run stops at
// the first missing one with the command that installs it.
import { describe, expect, it } from 'vitest';
import { checkRequirements, requirements } from '../support/prerequisites.js';

const requirement = (name: string, found: string | undefined, extra: { needed?: boolean; provision?: () => boolean } = {}) => ({
  name,
  needed: () => extra.needed ?? true,
  find: () => found,
  install: `install ${name}`,
  ...(extra.provision !== undefined ? { provision: extra.provision } : {}),
});

describe('checkRequirements', () => {
  it('passes when every needed requirement is found, ignoring those not needed', () => {
    const log: string[] = [];
    expect(checkRequirements([requirement('a', '/bin/a'), requirement('b', undefined, { needed: false })], (line) => log.push(line))).toBeUndefined();
    expect(log).toEqual(['pretest: a: /bin/a']);
  });

  it('stops at the first missing one with its install command', () => {
    const missing = checkRequirements([requirement('a', '/bin/a'), requirement('b', undefined), requirement('c', undefined)], () => {});
    expect(missing).toBe('b is missing. Install it with:\n  install b');
  });

  it('tries to provision a missing one first, and finds it again when that worked', () => {
    let found: string | undefined;
    const provisioned = { ...requirement('p', undefined), find: () => found, provision: () => ((found = '/cache/p'), true) };
    expect(checkRequirements([provisioned], () => {})).toBeUndefined();
    const failing = requirement('q', undefined, { provision: () => false });
    expect(checkRequirements([failing], () => {})).toContain('install q');
  });

  it('knows Node, Chromium and redis-server, and finds what this machine has', () => {
    expect(requirements.map((item) => item.name)).toEqual([expect.stringMatching(/^Node /), 'Chromium (browser tests)', 'redis-server (fleet tests)']);
    // Node is what runs this test; the check must see it.
    expect(requirements[0]!.find()).toBe(`node ${process.versions.node}`);
  });
});
