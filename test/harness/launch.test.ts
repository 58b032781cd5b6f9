// The start commands' launcher: when it rebuilds dist/, and what a build links beside the
// compiled modules so they find the files they read at run time (as the Dockerfile copies them).
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBuildFresh, linkRuntimeFiles, REPO_ROOT, STAMP_FILE } from '../../harness/launch.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'launch-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('isBuildFresh', () => {
  it('is false without a build stamp', () => {
    expect(isBuildFresh(dir)).toBe(false);
  });

  it('is true when the build started after the newest source', () => {
    const stamp = path.join(dir, STAMP_FILE);
    writeFileSync(stamp, '');
    const later = new Date(Date.now() + 3600_000);
    utimesSync(stamp, later, later);
    expect(isBuildFresh(dir)).toBe(true);
  });

  it('is false when a source is newer than the build', () => {
    const stamp = path.join(dir, STAMP_FILE);
    writeFileSync(stamp, '');
    utimesSync(stamp, new Date(0), new Date(0));
    expect(isBuildFresh(dir)).toBe(false);
  });
});

describe('linkRuntimeFiles', () => {
  it('makes the scenarios, their schema and the console files reachable from the build', () => {
    linkRuntimeFiles(dir);
    expect(readFileSync(path.join(dir, 'scenarios', 'scenario.schema.json'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'scenarios', 'scenario.schema.json'), 'utf8'));
    expect(existsSync(path.join(dir, 'mock-genesys', 'console', 'public', 'index.html'))).toBe(true);
  });

  it('links no TypeScript source (tsc writes the JavaScript there)', () => {
    linkRuntimeFiles(dir);
    const linked = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => lstatSync(path.join(entry.parentPath, entry.name)).isSymbolicLink());
    expect(linked.length).toBeGreaterThan(0);
    expect(linked.filter((entry) => entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))).toEqual([]);
  });
});
