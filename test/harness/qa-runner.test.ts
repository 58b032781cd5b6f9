// The QA runner on a team's own folder (no happy-path file): one malformed file is one failed
// case of the JUnit and JSON reports, naming the file and line, while the others run; the exit
// code is non-zero. Runs the real command in a child process.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '..', '..');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'qa-team-'));
  const good = (index: number) =>
    `description: team scenario ${index}\nrules: []\nrequest: { page_size: 5, max_pages: 1, deadline_ms: 8000 }\nexpect:\n  envelope: { success: true, action: process_data }\n  upstream_calls: { analytics-query: 1 }\n`;
  await Promise.all(Array.from({ length: 20 }, (_, index) => writeFile(path.join(dir, `team-${String(index + 1).padStart(2, '0')}.yaml`), good(index + 1))));
  await writeFile(path.join(dir, 'broken.yaml'), 'description: broken\nrules:\n  - match: { route: analytics-query }\n    steps: [{ fault: status }]\n    then: pass\n');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('npm run scenarios -- --dir', () => {
  it('reports a broken file as one failed case with file:line:col and still runs the 20 others', { timeout: 120_000 }, async () => {
    const junit = path.join(dir, 'out.xml');
    const json = path.join(dir, 'out.json');
    const outcome = await run(process.execPath, ['--import', 'tsx', 'harness/qa-runner.ts', '--dir', dir, '--junit', junit, '--json', json, '--seed', '3'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toContain('scenarios: 20 passed, 0 failed, 1 file(s) could not be loaded');

    const xml = await readFile(junit, 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(21);
    expect(xml).toContain('tests="21" failures="1"');
    expect(xml).toMatch(/<failure message="[^"]*broken\.yaml:4:13: fault status needs &quot;status&quot;/);
    const report = JSON.parse(await readFile(json, 'utf8')) as { passed: number; failed: number; broken_files: Array<{ file: string; message: string }> };
    expect(report).toMatchObject({ passed: 20, failed: 1 });
    expect(report.broken_files[0]?.message).toMatch(/broken\.yaml:4:13:/);
  });
});
